/**
 * The contract of the core (transport, session, identity, attention). The main package imports
 * this, never the index: the index also carries every service's schemas, which would then all
 * land in the main package. Each service's contract module re-exports this one.
 */
export * from './common'
export * from './session'
export * from './attention'
export * from './pass'
