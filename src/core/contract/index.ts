// Everything, for the mock and tests. App code imports `./core` or its own service's module.
export * from './core'
export * from './returnees'
export * from './masks'
export * from './jobs'
export * from './passChecks'
export * from './family'
