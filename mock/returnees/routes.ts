import {
  CheckinBodySchema,
  CommunityListQuerySchema,
  EscalateBodySchema,
  ListQuery,
  RegionsQuerySchema,
  ReportQuerySchema,
} from '@/core/contract'
import { childRegions } from '../core/regions'
import { API_PREFIX, route } from '../core/router'
import { checkIn, communityPage, communityReport, declare, escalate, minePage, readable, release, workerSummary } from './rules'
import { returnees } from './state'
import { toCheckin, toDeclarationView, toDeclarations, toDetail } from './views'

export const returneesRoutes = [
  route({
    method: 'GET',
    path: `${API_PREFIX}/regions`,
    auth: 'none',
    query: RegionsQuerySchema,
    handle(_ctx, { query }) {
      const items = childRegions(query.parent ?? '').map(({ code, name, level }) => ({ code, name, level }))
      return { status: 200, body: { items } }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/risk-areas`,
    auth: 'none',
    handle(ctx) {
      return { status: 200, body: { items: returnees.base(ctx).riskAreas.map((a) => ({ ...a })) } }
    },
  }),

  // No body schema here: `declare` reads the body itself, since who may send `subject` comes first.
  route({
    method: 'POST',
    path: `${API_PREFIX}/returnees/declarations`,
    auth: 'required',
    idempotent: true,
    async handle(ctx) {
      const { d, view } = await declare(ctx)
      return { status: 201, body: await toDeclarationView(ctx, d, view) }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/returnees/declarations/mine`,
    auth: 'required',
    query: ListQuery,
    async handle(ctx, { query }) {
      const page = await minePage(ctx, query)
      const views = new Map(page.items.map(({ d, view }) => [d.id, view]))
      const items = await toDeclarations(
        ctx,
        page.items.map(({ d }) => d),
        (d) => views.get(d.id)!,
      )
      return { status: 200, body: { ...page, items, today: ctx.clock.today() } }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/returnees/declarations/:id`,
    auth: 'required',
    async handle(ctx) {
      const { d, view } = await readable(ctx, ctx.params.id)
      return { status: 200, body: await toDetail(ctx, d, view) }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/returnees/declarations/:id/checkins`,
    auth: 'required',
    // docs/API.md: a check-in takes Idempotency-Key, so a retry after a lost answer gets that answer, not ALREADY_CHECKED_IN.
    idempotent: true,
    body: CheckinBodySchema,
    async handle(ctx, { body }) {
      return { status: 201, body: toCheckin(await checkIn(ctx, ctx.params.id, body)) }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/returnees/community/summary`,
    auth: 'required',
    async handle(ctx) {
      return { status: 200, body: await workerSummary(ctx) }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/returnees/community/declarations`,
    auth: 'required',
    query: CommunityListQuerySchema,
    async handle(ctx, { query }) {
      const page = await communityPage(ctx, query, ctx.clock.today())
      return { status: 200, body: { ...page, items: await toDeclarations(ctx, page.items, () => 'worker') } }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/returnees/community/report`,
    auth: 'required',
    query: ReportQuerySchema,
    async handle(ctx, { query }) {
      return { status: 200, body: await communityReport(ctx, query.date) }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/returnees/declarations/:id/release`,
    auth: 'required',
    async handle(ctx) {
      return { status: 200, body: await toDeclarationView(ctx, await release(ctx, ctx.params.id), 'worker') }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/returnees/declarations/:id/escalate`,
    auth: 'required',
    idempotent: true,
    body: EscalateBodySchema,
    async handle(ctx, { body }) {
      return { status: 200, body: await toDeclarationView(ctx, await escalate(ctx, ctx.params.id, body.note), 'worker') }
    },
  }),
]
