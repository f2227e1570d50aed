import { CreateReservationSchema, ListQuery, OutletsQuerySchema, PickupRequestSchema } from '@/core/contract'
import { RoundControlSchema } from '../controls/schemas'
import { API_PREFIX, CONTROL_PREFIX, route } from '../core/router'
import { cancel, currentRound, outletById, outletsPage, pickUp, publishedDraw, reservationsPage, reserve, startRound } from './rules'
import { toDrawResult, toOutlets, toReservationView, toReservations, toRound } from './views'

export const masksRoutes = [
  route({
    method: 'GET',
    path: `${API_PREFIX}/masks/rounds/current`,
    auth: 'none',
    async handle(ctx) {
      return { status: 200, body: { round: toRound(ctx, await currentRound(ctx)), serverTime: ctx.clock.iso() } }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/masks/rounds/:id/draw`,
    auth: 'none',
    async handle(ctx) {
      const { round, draw } = await publishedDraw(ctx, ctx.params.id)
      return { status: 200, body: toDrawResult(round, draw) }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/masks/outlets`,
    auth: 'none',
    query: OutletsQuerySchema,
    async handle(ctx, { query }) {
      const page = await outletsPage(ctx, query)
      return { status: 200, body: { ...page, items: await toOutlets(ctx, page.items) } }
    },
  }),

  // Extension: the reserve page opens with an outlet id and needs its name, address and stock.
  route({
    method: 'GET',
    path: `${API_PREFIX}/masks/outlets/:id`,
    auth: 'none',
    async handle(ctx) {
      return { status: 200, body: (await toOutlets(ctx, [{ outlet: await outletById(ctx, ctx.params.id) }]))[0] }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/masks/reservations`,
    auth: 'required',
    idempotent: true,
    body: CreateReservationSchema,
    async handle(ctx, { body }) {
      return { status: 201, body: await toReservationView(ctx, await reserve(ctx, body)) }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/masks/reservations`,
    auth: 'required',
    query: ListQuery,
    async handle(ctx, { query }) {
      const page = await reservationsPage(ctx, query)
      return { status: 200, body: { ...page, items: await toReservations(ctx, page.items) } }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/masks/reservations/:id/cancel`,
    auth: 'required',
    async handle(ctx) {
      return { status: 200, body: await toReservationView(ctx, await cancel(ctx, ctx.params.id)) }
    },
  }),

  // Idempotent too: a counter's retry after a timeout must not read as "already picked up".
  route({
    method: 'POST',
    path: `${API_PREFIX}/masks/pickups`,
    auth: 'required',
    idempotent: true,
    body: PickupRequestSchema,
    async handle(ctx, { body }) {
      return { status: 200, body: await toReservationView(ctx, await pickUp(ctx, body.pickupCode)) }
    },
  }),

  route({
    method: 'POST',
    path: `${CONTROL_PREFIX}/masks/round`,
    auth: 'ignore',
    control: true,
    body: RoundControlSchema,
    async handle(ctx, { body }) {
      const round = await startRound(ctx, body)
      // The answer's time is the round's: the control made it now.
      return { status: 201, body: { round: toRound(ctx, round), serverTime: ctx.clock.iso(round.createdAt) } }
    },
  }),
]
