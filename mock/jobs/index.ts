import type { ServiceModule } from '../core/module'
import { jobsAttention } from './attention'
import { jobsRoutes } from './routes'
import { createJobsBase, createJobsState } from './seed'
import type { JobsBase, JobsState } from './state'

/** 招聘岗位: thousands of seeded postings, applications, favorites and saved searches. */
export const jobsModule: ServiceModule<JobsState, JobsBase> = {
  name: 'jobs',
  createBase: createJobsBase,
  createState: createJobsState,
  routes: jobsRoutes,
  attention: jobsAttention,
}
