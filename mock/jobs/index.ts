import type { ServiceModule } from '../core/module'
import { jobsAttention } from './attention'
import { jobsRoutes } from './routes'
import { createJobsState, jobsBaseFor } from './seed'
import type { JobsBase, JobsState } from './state'
import { memoryJobsStoreSource, seedJobsStore } from './store'

/** 招聘岗位: thousands of seeded postings, applications, favorites and saved searches. */
export const jobsModule: ServiceModule<JobsState, JobsBase> = {
  name: 'jobs',
  createBase: jobsBaseFor,
  createState: createJobsState,
  memoryStore: memoryJobsStoreSource,
  seedStore: seedJobsStore,
  routes: jobsRoutes,
  attention: jobsAttention,
}
