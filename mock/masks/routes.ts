import { CreateReservationSchema, ListQuery, OutletsQuerySchema, PickupRequestSchema } from '@/core/contract'
import { RoundControlSchema } from '../controls/schemas'
import { API_PREFIX, CONTROL_PREFIX, route } from '../core/router'
import { cancel, currentRound, outletById, outletsPage, pickUp, publishedDraw, reservationsPage, reserve, startRound } from './rules'
import { toDrawResult, toOutlet, toReservation, toRound } from './views'

export const masksRoutes = [
  route({
    method: 'GET',
    path: `${API_PREFIX}/masks/rounds/current`,
    auth: 'none',
    handle(ctx) {
      return { status: 200, body: { round: toRound(ctx, currentRound(ctx)), serverTime: ctx.clock.iso() } }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/masks/rounds/:id/draw`,
    auth: 'none',
    handle(ctx) {
      const { round, draw } = publishedDraw(ctx, ctx.params.id)
      return { status: 200, body: toDrawResult(round, draw) }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/masks/outlets`,
    auth: 'none',
    query: OutletsQuerySchema,
    handle(ctx, { query }) {
      const page = outletsPage(ctx, query)
      return { status: 200, body: { ...page, items: page.items.map((x) => toOutlet(ctx, x.outlet, x.distanceM)) } }
    },
  }),

  // Extension: the reserve page opens with an outlet id and needs its name, address and stock.
  route({
    method: 'GET',
    path: `${API_PREFIX}/masks/outlets/:id`,
    auth: 'none',
    handle(ctx) {
      return { status: 200, body: toOutlet(ctx, outletById(ctx, ctx.params.id)) }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/masks/reservations`,
    auth: 'required',
    idempotent: true,
    body: CreateReservationSchema,
    handle(ctx, { body }) {
      return { status: 201, body: toReservation(ctx, reserve(ctx, body)) }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/masks/reservations`,
    auth: 'required',
    query: ListQuery,
    handle(ctx, { query }) {
      const page = reservationsPage(ctx, query)
      return { status: 200, body: { ...page, items: page.items.map((r) => toReservation(ctx, r)) } }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/masks/reservations/:id/cancel`,
    auth: 'required',
    handle(ctx) {
      return { status: 200, body: toReservation(ctx, cancel(ctx, ctx.params.id)) }
    },
  }),

  // Idempotent too: a counter's retry after a timeout must not read as "already picked up".
  route({
    method: 'POST',
    path: `${API_PREFIX}/masks/pickups`,
    auth: 'required',
    idempotent: true,
    body: PickupRequestSchema,
    handle(ctx, { body }) {
      return { status: 200, body: toReservation(ctx, pickUp(ctx, body.pickupCode)) }
    },
  }),

  route({
    method: 'POST',
    path: `${CONTROL_PREFIX}/masks/round`,
    auth: 'ignore',
    control: true,
    body: RoundControlSchema,
    handle(ctx, { body }) {
      const round = startRound(ctx, body)
      // The answer's time is the round's: the control made it now.
      return { status: 201, body: { round: toRound(ctx, round), serverTime: ctx.clock.iso(round.createdAt) } }
    },
  }),
]
