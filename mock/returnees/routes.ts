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
import { toCheckin, toDeclaration, toDetail } from './views'

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
    handle(ctx) {
      const { d, view } = declare(ctx)
      return { status: 201, body: toDeclaration(returnees.state(ctx), d, ctx.clock.today(), view) }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/returnees/declarations/mine`,
    auth: 'required',
    query: ListQuery,
    handle(ctx, { query }) {
      const page = minePage(ctx, query)
      const state = returnees.state(ctx)
      const today = ctx.clock.today()
      return { status: 200, body: { ...page, items: page.items.map(({ d, view }) => toDeclaration(state, d, today, view)), today } }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/returnees/declarations/:id`,
    auth: 'required',
    handle(ctx) {
      const { d, view } = readable(ctx, ctx.params.id)
      return { status: 200, body: toDetail(returnees.state(ctx), d, ctx.clock.today(), view) }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/returnees/declarations/:id/checkins`,
    auth: 'required',
    // docs/API.md: a check-in takes Idempotency-Key, so a retry after a lost answer gets that answer, not ALREADY_CHECKED_IN.
    idempotent: true,
    body: CheckinBodySchema,
    handle(ctx, { body }) {
      return { status: 201, body: toCheckin(checkIn(ctx, ctx.params.id, body)) }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/returnees/community/summary`,
    auth: 'required',
    handle(ctx) {
      return { status: 200, body: workerSummary(ctx) }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/returnees/community/declarations`,
    auth: 'required',
    query: CommunityListQuerySchema,
    handle(ctx, { query }) {
      const today = ctx.clock.today()
      const page = communityPage(ctx, query, today)
      const state = returnees.state(ctx)
      return { status: 200, body: { ...page, items: page.items.map((d) => toDeclaration(state, d, today, 'worker')) } }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/returnees/community/report`,
    auth: 'required',
    query: ReportQuerySchema,
    handle(ctx, { query }) {
      return { status: 200, body: communityReport(ctx, query.date) }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/returnees/declarations/:id/release`,
    auth: 'required',
    handle(ctx) {
      return { status: 200, body: toDeclaration(returnees.state(ctx), release(ctx, ctx.params.id), ctx.clock.today(), 'worker') }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/returnees/declarations/:id/escalate`,
    auth: 'required',
    idempotent: true,
    body: EscalateBodySchema,
    handle(ctx, { body }) {
      return {
        status: 200,
        body: toDeclaration(returnees.state(ctx), escalate(ctx, ctx.params.id, body.note), ctx.clock.today(), 'worker'),
      }
    },
  }),
]
