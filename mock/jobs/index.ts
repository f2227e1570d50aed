import type { ServiceModule } from '../core/module'
import { createJobsBase, type JobsBase } from './postings'
import { jobsAttention, jobsRoutes } from './routes'
import { emptyJobsState, type JobsState } from './state'

/** 招聘岗位: thousands of seeded postings, applications, favorites and saved searches. */
export const jobs: ServiceModule<JobsState, JobsBase> = {
  name: 'jobs',
  createBase: createJobsBase,
  createState: () => emptyJobsState(),
  routes: jobsRoutes,
  attention: jobsAttention,
}
