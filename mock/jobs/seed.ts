import { dictOf } from '../core/dict'
import { compareLatest, compareSalary } from './postings'
import { seedPostings } from './seed-postings'
import type { JobsBase, JobsState } from './state'

export function createJobsBase(seed: number): JobsBase {
  const { employers, postings } = seedPostings(seed)
  return {
    employers,
    postings,
    byLatest: postings.slice().sort(compareLatest),
    bySalary: postings.slice().sort(compareSalary),
  }
}

const bases = new Map<number, JobsBase>()

/**
 * The base of a seed, made once: the backend asks for it when it builds a world, and seeding a
 * database asks again with only the seed in hand. A base is never written to, so both share it.
 */
export function jobsBaseFor(seed: number): JobsBase {
  let base = bases.get(seed)
  if (!base) bases.set(seed, (base = createJobsBase(seed)))
  return base
}

/** Nobody has applied, saved or searched yet: the seed's postings are all in the base. */
export function createJobsState(): JobsState {
  return { published: [], applications: dictOf(), favorites: dictOf(), subscriptions: dictOf() }
}
