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

/** Nobody has applied, saved or searched yet: the seed's postings are all in the base. */
export function createJobsState(): JobsState {
  return { published: [], applications: dictOf(), favorites: dictOf(), subscriptions: dictOf() }
}
