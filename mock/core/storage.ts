import type { CoreStore } from '../session/store'

/** A reading of the mock's clock and the real time it was taken at: the clock runs on from it after a restart. */
export interface ClockReading {
  mockMs: number
  realMs: number
}

/** What a database records of the world it holds: the seed it was made from, the key cursors are signed with. */
export interface StoredWorld {
  seed: number
  secret: string
  /** Where the controls last set the clock (absent: never). */
  clock?: ClockReading
}

/** A database's own part of a request's stores: the world it holds, and replacing it. */
export interface WorldStore {
  /** The world this database holds, or undefined when it is empty. Two processes asking at once take turns. */
  world(): Promise<StoredWorld | undefined>
  /** Empties every table and records a new world, to be seeded next (in the same transaction). */
  wipe(world: StoredWorld): Promise<void>
  /** Keeps where the clock was set, so a restarted mock's clock runs on from there. */
  saveClock(reading: ClockReading): Promise<void>
}

/** The stores one request works with: all in one transaction of the storage. */
export interface RequestStores {
  core: CoreStore
  /** A service's store, by its module's name. */
  service(name: string): unknown
  /** Present on a database: the memory storage's world is the backend's `db` itself. */
  database?: WorldStore
  /**
   * Runs a rule so that a refusal it throws (an HttpError, unless it keeps its writes) undoes what
   * the rule wrote, while the request's transaction goes on to keep the refusal as the key's answer.
   * Absent on memory: requests run one at a time there, so a rule checks before it writes and
   * never meets a race it would have to undo.
   */
  rule?<T>(work: () => Promise<T>): Promise<T>
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
