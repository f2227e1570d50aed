import type { CoreStore } from '../session/store'

/** The stores one request works with: all in one transaction of the storage. */
export interface RequestStores {
  core: CoreStore
  /** A service's store, by its module's name. */
  service(name: string): unknown
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
