import type { ApplicationStatus, JobIndustry } from '@/core/contract'
import { moduleHandle } from '../core/module'
import { sha256Hex } from '../core/random'
import type { Ctx } from '../core/router'
import { DAY, type JobsBase, type Posting, seqOf } from './postings'

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

/** The jobs module's mutable state: plain JSON, persisted in embedded mode. */
export interface JobsState {
  /** Postings published through `/__mock/jobs`, by seq. */
  published: Posting[]
  /** account id → its applications, oldest first. */
  applications: Record<string, StoredApplication[]>
  /** account id → job id → when it became a favorite. */
  favorites: Record<string, Record<string, number>>
  /** account id → its saved searches. */
  subscriptions: Record<string, StoredSubscription[]>
}

export function emptyJobsState(): JobsState {
  return { published: [], applications: {}, favorites: {}, subscriptions: {} }
}

export const jobsModule = moduleHandle<JobsState, JobsBase>('jobs')

export function posting(ctx: Ctx, id: string): Posting | undefined {
  const seq = seqOf(id)
  if (seq === null) return undefined
  const base = jobsModule.base(ctx)
  if (seq < base.postings.length) return base.postings[seq]
  return jobsModule.state(ctx).published[seq - base.postings.length]
}

/** The highest seq published so far. */
export function lastSeq(ctx: Ctx): number {
  return jobsModule.base(ctx).postings.length + jobsModule.state(ctx).published.length - 1
}

export function outcomeFor(seed: number, applicationId: string): StoredApplication['outcome'] {
  const bucket = parseInt(sha256Hex(`${seed}:jobs:outcome:${applicationId}`).slice(0, 4), 16) % 10
  if (bucket < 4) return 'interview'
  if (bucket < 9) return 'rejected'
  return 'viewed'
}

/** An application's status on the server's clock: seen after a day, decided after three. */
export function statusOf(app: StoredApplication, now: number): ApplicationStatus {
  const elapsed = now - app.createdAt
  if (elapsed < DAY) return 'submitted'
  if (elapsed < 3 * DAY) return 'viewed'
  return app.outcome
}
