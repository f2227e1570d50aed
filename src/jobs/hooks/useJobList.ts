import type { JobFilters, JobSummary } from '@/core/contract/jobs'
import { usePaged, type Paged } from '@/core/hooks/usePaged'
import { listJobs } from '../api'

/** Postings per request. The virtual list renders only the rows in view, so a large page costs requests, not rows on screen. */
export const PAGE_SIZE = 50

/**
 * The postings for a set of filters, page after page (the core's `usePaged`). The filters' text is
 * the list's key: a new object with the same filters loads nothing, other filters start again
 * from the first page. `reload` is pull to refresh: the rows stay until the first page arrives.
 */
export function useJobList(filters: JobFilters): Paged<JobSummary> {
  return usePaged(JSON.stringify(filters), (cursor) => listJobs(filters, { cursor, limit: PAGE_SIZE }))
}
