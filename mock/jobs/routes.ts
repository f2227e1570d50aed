import { ApplicationRequestSchema, JobListQuerySchema, ListQuery, SubscriptionRequestSchema } from '@/core/contract'
import { PublishJobsRequestSchema } from '../controls/schemas'
import { API_PREFIX, CONTROL_PREFIX, route } from '../core/router'
import {
  applicationsPage,
  apply,
  favorite,
  favoritesPage,
  jobsPage,
  markSeen,
  publish,
  relationTo,
  requirePosting,
  subscribe,
  subscriptionPostingsPage,
  subscriptionsPage,
  unfavorite,
  unsubscribe,
} from './rules'
import { toApplication, toDetail, toSubscription, toSummary } from './views'

// The person's own lists and saved searches come before `/jobs/:id`, which would match them too.
export const jobsRoutes = [
  route({
    method: 'GET',
    path: `${API_PREFIX}/jobs`,
    auth: 'none',
    query: JobListQuerySchema,
    handle(ctx, { query }) {
      const day = ctx.clock.today()
      const page = jobsPage(ctx, query, day)
      return { status: 200, body: { ...page, items: page.items.map((p) => toSummary(p, day)) } }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/jobs/applications`,
    auth: 'required',
    query: ListQuery,
    handle(ctx, { query }) {
      const page = applicationsPage(ctx, query)
      return { status: 200, body: { ...page, items: page.items.map((a) => toApplication(ctx, a)) } }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/jobs/favorites`,
    auth: 'required',
    query: ListQuery,
    handle(ctx, { query }) {
      const page = favoritesPage(ctx, query)
      const day = ctx.clock.today()
      return { status: 200, body: { ...page, items: page.items.map((p) => toSummary(p, day)) } }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/jobs/subscriptions`,
    auth: 'required',
    query: ListQuery,
    handle(ctx, { query }) {
      const page = subscriptionsPage(ctx, query)
      return { status: 200, body: { ...page, items: page.items.map((s) => toSubscription(ctx, s)) } }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/jobs/subscriptions`,
    auth: 'required',
    idempotent: true,
    body: SubscriptionRequestSchema,
    handle(ctx, { body }) {
      return { status: 201, body: toSubscription(ctx, subscribe(ctx, body)) }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/jobs/subscriptions/:id/postings`,
    auth: 'required',
    query: ListQuery,
    handle(ctx, { query }) {
      const page = subscriptionPostingsPage(ctx, ctx.params.id, query)
      const day = ctx.clock.today()
      return { status: 200, body: { ...page, items: page.items.map((p) => toSummary(p, day)) } }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/jobs/subscriptions/:id/seen`,
    auth: 'required',
    handle(ctx) {
      return { status: 200, body: toSubscription(ctx, markSeen(ctx, ctx.params.id)) }
    },
  }),

  route({
    method: 'DELETE',
    path: `${API_PREFIX}/jobs/subscriptions/:id`,
    auth: 'required',
    handle(ctx) {
      unsubscribe(ctx, ctx.params.id)
      return { status: 204 }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/jobs/:id`,
    auth: 'none',
    handle(ctx) {
      const p = requirePosting(ctx, ctx.params.id)
      return { status: 200, body: toDetail(ctx.env.seed, p, ctx.clock.today(), relationTo(ctx, p)) }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/jobs/:id/applications`,
    auth: 'required',
    idempotent: true,
    body: ApplicationRequestSchema,
    handle(ctx, { body }) {
      return { status: 201, body: toApplication(ctx, apply(ctx, ctx.params.id, body)) }
    },
  }),

  route({
    method: 'PUT',
    path: `${API_PREFIX}/jobs/:id/favorite`,
    auth: 'required',
    handle(ctx) {
      return { status: 200, body: { jobId: favorite(ctx, ctx.params.id).id, favorite: true } }
    },
  }),

  route({
    method: 'DELETE',
    path: `${API_PREFIX}/jobs/:id/favorite`,
    auth: 'required',
    handle(ctx) {
      unfavorite(ctx, ctx.params.id)
      return { status: 204 }
    },
  }),

  route({
    method: 'POST',
    path: `${CONTROL_PREFIX}/jobs`,
    auth: 'ignore',
    control: true,
    body: PublishJobsRequestSchema,
    handle(ctx, { body }) {
      const { fresh, total } = publish(ctx, body)
      const day = ctx.clock.today()
      return { status: 201, body: { items: fresh.map((p) => toSummary(p, day)), total } }
    },
  }),
]
