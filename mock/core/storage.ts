import type { CoreStore } from '../session/store'

/** What a database records of the world it holds: the seed it was made from, the key cursors are signed with. */
export interface StoredWorld {
  seed: number
  secret: string
}

/** A database's own part of a request's stores: the world it holds, and replacing it. */
export interface WorldStore {
  /** The world this database holds, or undefined when it is empty. Two processes asking at once take turns. */
  world(): Promise<StoredWorld | undefined>
  /** Empties every table and records a new world, to be seeded next (in the same transaction). */
  wipe(world: StoredWorld): Promise<void>
}

/** The stores one request works with: all in one transaction of the storage. */
export interface RequestStores {
  core: CoreStore
  /** A service's store, by its module's name. */
  service(name: string): unknown
  /** Present on a database: the memory storage's world is the backend's `db` itself. */
  database?: WorldStore
}

/**
 * Where the backend keeps its records. `run` gives one request's work the stores of one
 * transaction: the memory storage runs requests one at a time (so a rule's reads and writes,
 * awaited step by step, never interleave with another's); a database storage gives each request
 * a transaction of its own, committed when the work returns and rolled back when it throws.
 */
export interface Storage {
  run<T>(work: (stores: RequestStores) => Promise<T>): Promise<T>
}

/** What the backend lends a database storage: each service's memory store, for a service with no table of its own yet. */
export interface MemoryFallback {
  service(name: string): unknown
}
