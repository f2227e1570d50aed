import type { JobIndustry } from '@/core/contract'
import type { Dict } from '../core/dict'
import { moduleHandle } from '../core/module'
import type { Region } from '../core/regions'
import type { JobsStoreSource } from './store'

/** A posting as the mock keeps it: plain JSON (published ones live in the persisted state). */
export interface Posting {
  id: string
  /** Order of publication: seed postings 0…n-1, then each published one. */
  seq: number
  title: string
  employer: string
  districtCode: string
  district: string
  industry: JobIndustry
  /** Which kind of job in `KINDS[industry]` (its duties feed the description). */
  kind: number
  salaryMin: number
  salaryMax: number
  tags: string[]
  postedAt: number
  deadline: string
  headcount: number
  education: string
  experience: string
  /** Lower-cased title and employer, what search looks in. */
  hay: string
}

export interface Employer {
  name: string
  district: Region
}

/** The service's seed data: rebuilt from the seed, never stored. */
export interface JobsBase {
  employers: Record<JobIndustry, Employer[]>
  /** Seed postings by seq. */
  postings: Posting[]
  /** The same postings in each sort's order, so a filtered list needs no sorting. */
  byLatest: Posting[]
  bySalary: Posting[]
}

export interface StoredApplication {
  id: string
  jobId: string
  createdAt: number
  message?: string
  /** Where it ends up after three days, fixed when it is made. */
  outcome: 'interview' | 'rejected' | 'viewed'
}

export interface StoredSubscription {
  id: string
  accountId: string
  q?: string
  districtCode?: string
  industry?: JobIndustry
  salaryMin?: number
  createdAt: number
  lastSeenAt: number
  /** Postings with a higher seq are new to this person. */
  lastSeenSeq: number
}

/** The service's mutable state: plain JSON, persisted in embedded mode; every keyed store a Dict. */
export interface JobsState {
  /** Postings published through `/__mock/jobs`, by seq. */
  published: Posting[]
  /** account id → its applications, oldest first. */
  applications: Dict<StoredApplication[]>
  /** account id → job id → when it became a favorite. */
  favorites: Dict<Dict<number>>
  /** account id → its saved searches. */
  subscriptions: Dict<StoredSubscription[]>
}

/** Typed access to the service's state, base and store; rules reach the store through `jobsStore(ctx)`. */
export const jobs = moduleHandle<JobsState, JobsBase, JobsStoreSource>('jobs')
