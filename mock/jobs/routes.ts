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
import { toApplications, toDetail, toSubscription, toSubscriptions, toSummary } from './views'

// The person's own lists and saved searches come before `/jobs/:id`, which would match them too.
export const jobsRoutes = [
  route({
    method: 'GET',
    path: `${API_PREFIX}/jobs`,
    auth: 'none',
    query: JobListQuerySchema,
    async handle(ctx, { query }) {
      const day = ctx.clock.today()
      const page = await jobsPage(ctx, query, day)
      return { status: 200, body: { ...page, items: page.items.map((p) => toSummary(p, day)) } }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/jobs/applications`,
    auth: 'required',
    query: ListQuery,
    async handle(ctx, { query }) {
      const page = await applicationsPage(ctx, query)
      return { status: 200, body: { ...page, items: await toApplications(ctx, page.items) } }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/jobs/favorites`,
    auth: 'required',
    query: ListQuery,
    async handle(ctx, { query }) {
      const page = await favoritesPage(ctx, query)
      const day = ctx.clock.today()
      return { status: 200, body: { ...page, items: page.items.map((p) => toSummary(p, day)) } }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/jobs/subscriptions`,
    auth: 'required',
    query: ListQuery,
    async handle(ctx, { query }) {
      const page = await subscriptionsPage(ctx, query)
      return { status: 200, body: { ...page, items: await toSubscriptions(ctx, page.items) } }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/jobs/subscriptions`,
    auth: 'required',
    idempotent: true,
    body: SubscriptionRequestSchema,
    async handle(ctx, { body }) {
      return { status: 201, body: await toSubscription(ctx, await subscribe(ctx, body)) }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/jobs/subscriptions/:id/postings`,
    auth: 'required',
    query: ListQuery,
    async handle(ctx, { query }) {
      const page = await subscriptionPostingsPage(ctx, ctx.params.id, query)
      const day = ctx.clock.today()
      return { status: 200, body: { ...page, items: page.items.map((p) => toSummary(p, day)) } }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/jobs/subscriptions/:id/seen`,
    auth: 'required',
    async handle(ctx) {
      return { status: 200, body: await toSubscription(ctx, await markSeen(ctx, ctx.params.id)) }
    },
  }),

  route({
    method: 'DELETE',
    path: `${API_PREFIX}/jobs/subscriptions/:id`,
    auth: 'required',
    async handle(ctx) {
      await unsubscribe(ctx, ctx.params.id)
      return { status: 204 }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/jobs/:id`,
    auth: 'none',
    async handle(ctx) {
      const p = await requirePosting(ctx, ctx.params.id)
      return { status: 200, body: toDetail(ctx.env.seed, p, ctx.clock.today(), await relationTo(ctx, p)) }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/jobs/:id/applications`,
    auth: 'required',
    idempotent: true,
    body: ApplicationRequestSchema,
    async handle(ctx, { body }) {
      const [application] = await toApplications(ctx, [await apply(ctx, ctx.params.id, body)])
      return { status: 201, body: application }
    },
  }),

  route({
    method: 'PUT',
    path: `${API_PREFIX}/jobs/:id/favorite`,
    auth: 'required',
    async handle(ctx) {
      return { status: 200, body: { jobId: (await favorite(ctx, ctx.params.id)).id, favorite: true } }
    },
  }),

  route({
    method: 'DELETE',
    path: `${API_PREFIX}/jobs/:id/favorite`,
    auth: 'required',
    async handle(ctx) {
      await unfavorite(ctx, ctx.params.id)
      return { status: 204 }
    },
  }),

  route({
    method: 'POST',
    path: `${CONTROL_PREFIX}/jobs`,
    auth: 'ignore',
    control: true,
    body: PublishJobsRequestSchema,
    async handle(ctx, { body }) {
      const { fresh, total } = await publish(ctx, body)
      const day = ctx.clock.today()
      return { status: 201, body: { items: fresh.map((p) => toSummary(p, day)), total } }
    },
  }),
]
