import { api } from '@/core/api'
import {
  ApplicationListSchema,
  ApplicationSchema,
  FavoriteResponseSchema,
  JobDetailSchema,
  JobListSchema,
  SubscriptionListSchema,
  SubscriptionSchema,
  type Application,
  type JobDetail,
  type JobFilters,
  type JobSummary,
  type ListPage,
  type Subscription,
  type SubscriptionRequest,
} from '@/core/contract/jobs'

/** The jobs service's calls. List and detail are public: a token goes along only if there is one. */
export function listJobs(filters: JobFilters, page: { cursor?: string | null; limit?: number } = {}): Promise<ListPage<JobSummary>> {
  return api.call({
    path: '/jobs',
    auth: 'optional',
    query: {
      q: filters.q?.trim(),
      district: filters.district,
      industry: filters.industry,
      salaryMin: filters.salaryMin,
      sort: filters.sort,
      cursor: page.cursor ?? undefined,
      limit: page.limit,
    },
    schema: JobListSchema,
  })
}

export function getJob(id: string): Promise<JobDetail> {
  return api.call({ path: `/jobs/${encodeURIComponent(id)}`, auth: 'optional', schema: JobDetailSchema })
}

export function applyToJob(id: string, message: string, idempotencyKey: string): Promise<Application> {
  const trimmed = message.trim()
  return api.call({
    method: 'POST',
    path: `/jobs/${encodeURIComponent(id)}/applications`,
    body: trimmed ? { message: trimmed } : {},
    idempotencyKey,
    schema: ApplicationSchema,
  })
}

export function listMyApplications(cursor?: string | null): Promise<ListPage<Application>> {
  return api.call({ path: '/jobs/applications', query: { cursor: cursor ?? undefined, limit: 20 }, schema: ApplicationListSchema })
}

export function setFavorite(id: string, favorite: boolean): Promise<unknown> {
  const path = `/jobs/${encodeURIComponent(id)}/favorite`
  return favorite ? api.call({ method: 'PUT', path, schema: FavoriteResponseSchema }) : api.call({ method: 'DELETE', path })
}

export function listMyFavorites(cursor?: string | null): Promise<ListPage<JobSummary>> {
  return api.call({ path: '/jobs/favorites', query: { cursor: cursor ?? undefined, limit: 20 }, schema: JobListSchema })
}

export function listMySubscriptions(): Promise<ListPage<Subscription>> {
  return api.call({ path: '/jobs/subscriptions', query: { limit: 50 }, schema: SubscriptionListSchema })
}

export function saveSubscription(body: SubscriptionRequest, idempotencyKey: string): Promise<Subscription> {
  return api.call({ method: 'POST', path: '/jobs/subscriptions', body, idempotencyKey, schema: SubscriptionSchema })
}

/** A saved search's postings new since it was last marked seen. */
export function listNewPostings(id: string, limit = 5): Promise<ListPage<JobSummary>> {
  return api.call({ path: `/jobs/subscriptions/${encodeURIComponent(id)}/postings`, query: { limit }, schema: JobListSchema })
}

export function markSubscriptionSeen(id: string): Promise<Subscription> {
  return api.call({ method: 'POST', path: `/jobs/subscriptions/${encodeURIComponent(id)}/seen`, schema: SubscriptionSchema })
}

export function deleteSubscription(id: string): Promise<unknown> {
  return api.call({ method: 'DELETE', path: `/jobs/subscriptions/${encodeURIComponent(id)}` })
}
