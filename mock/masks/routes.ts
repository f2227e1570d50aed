import {
  CreateReservationSchema,
  ListQuery,
  OutletsQuerySchema,
  PickupRequestSchema,
  RoundControlSchema,
  type Outlet,
} from '@/core/contract'
import { parseIso } from '@/core/time/shanghai'
import { conflict, notFound } from '../core/http'
import { keyThenId, paginate } from '../core/paging'
import { districtByCodeOrName } from '../core/regions'
import { route } from '../core/router'
import { requireAccount } from '../session/accounts'
import { distanceMetres } from './outlets'
import { cancel, drawSeedFor, pickUp, reservationsOf, reserve, settle } from './rules'
import { addRound, masks } from './state'
import { shortTime, toOutlet, toReservation, toRound } from './views'

const API = '/api/v1/masks'

const byNumberThenId = keyThenId('asc')
const byIdOnly = (a: { i: string }, b: { i: string }) => (a.i < b.i ? -1 : a.i > b.i ? 1 : 0)
const newestFirst = keyThenId('desc')

export const masksRoutes = [
  route({
    method: 'GET',
    path: `${API}/rounds/current`,
    auth: 'none',
    handle(ctx) {
      settle(ctx)
      const state = masks.state(ctx)
      return { status: 200, body: { round: toRound(ctx, state.rounds[state.currentRoundId]), serverTime: ctx.clock.iso() } }
    },
  }),

  route({
    method: 'GET',
    path: `${API}/rounds/:id/draw`,
    auth: 'none',
    handle(ctx) {
      settle(ctx)
      const round = masks.state(ctx).rounds[ctx.params.id]
      if (!round || round.allocation !== 'lottery') throw notFound('没有这一轮抽签')
      if (!round.draw) throw conflict('NOT_DRAWN_YET', `本轮还没有抽签，${shortTime(round.drawAt!)} 公布结果`)
      return {
        status: 200,
        body: { roundId: round.id, drawSeed: round.drawSeed, drawSeedHash: round.drawSeedHash, outlets: round.draw.outlets },
      }
    },
  }),

  route({
    method: 'GET',
    path: `${API}/outlets`,
    auth: 'none',
    query: OutletsQuerySchema,
    handle(ctx, { query }) {
      settle(ctx)
      const roundId = masks.state(ctx).currentRoundId
      let outlets = masks.base(ctx).outlets
      let districtCode: string | undefined
      if (query.district) {
        const district = districtByCodeOrName(query.district)
        // An unknown district matches nothing (API.md), and still pages like any filter.
        districtCode = district?.code ?? `unknown:${query.district}`
        outlets = district ? outlets.filter((o) => o.districtCode === district.code) : []
      }
      const page = { cursor: query.cursor, limit: query.limit }
      const filters = { district: districtCode, lat: query.lat, lng: query.lng }
      if (query.lat !== undefined && query.lng !== undefined) {
        const { lat, lng } = query
        const near = outlets
          .map((o) => ({ o, d: Math.round(distanceMetres(lat, lng, o.lat, o.lng)) }))
          .sort((a, b) => byNumberThenId({ k: a.d, i: a.o.id }, { k: b.d, i: b.o.id }))
        const res = paginate(ctx, near, {
          list: 'masks:outlets:near',
          filters,
          page,
          keyOf: (x) => x.d,
          idOf: (x) => x.o.id,
          compare: byNumberThenId,
        })
        const items: Outlet[] = res.items.map((x) => toOutlet(ctx, x.o, roundId, x.d))
        return { status: 200, body: { ...res, items } }
      }
      const res = paginate(ctx, outlets, {
        list: 'masks:outlets',
        filters,
        page,
        keyOf: (o) => o.id,
        idOf: (o) => o.id,
        compare: byIdOnly,
      })
      return { status: 200, body: { ...res, items: res.items.map((o) => toOutlet(ctx, o, roundId)) } }
    },
  }),

  // Extension: the reserve page opens with an outlet id and needs its name, address and stock.
  route({
    method: 'GET',
    path: `${API}/outlets/:id`,
    auth: 'none',
    handle(ctx) {
      settle(ctx)
      const outlet = masks.base(ctx).byId[ctx.params.id]
      if (!outlet) throw notFound('没有这个领取网点')
      return { status: 200, body: toOutlet(ctx, outlet, masks.state(ctx).currentRoundId) }
    },
  }),

  route({
    method: 'POST',
    path: `${API}/reservations`,
    auth: 'required',
    idempotent: true,
    body: CreateReservationSchema,
    handle(ctx, { body }) {
      return { status: 201, body: toReservation(ctx, reserve(ctx, body)) }
    },
  }),

  route({
    method: 'GET',
    path: `${API}/reservations`,
    auth: 'required',
    query: ListQuery,
    handle(ctx, { query }) {
      const account = requireAccount(ctx)
      settle(ctx)
      const res = paginate(ctx, reservationsOf(ctx, account), {
        list: `masks:reservations:${account.id}`,
        filters: {},
        page: { cursor: query.cursor, limit: query.limit },
        keyOf: (r) => r.createdAt,
        idOf: (r) => r.id,
        compare: newestFirst,
      })
      return { status: 200, body: { ...res, items: res.items.map((r) => toReservation(ctx, r)) } }
    },
  }),

  route({
    method: 'POST',
    path: `${API}/reservations/:id/cancel`,
    auth: 'required',
    handle(ctx) {
      return { status: 200, body: toReservation(ctx, cancel(ctx, ctx.params.id)) }
    },
  }),

  // Idempotent too: a counter's retry after a timeout must not read as "already picked up".
  route({
    method: 'POST',
    path: `${API}/pickups`,
    auth: 'required',
    idempotent: true,
    body: PickupRequestSchema,
    handle(ctx, { body }) {
      return { status: 200, body: toReservation(ctx, pickUp(ctx, body.pickupCode)) }
    },
  }),

  route({
    method: 'POST',
    path: '/__mock/masks/round',
    auth: 'none',
    control: true,
    body: RoundControlSchema,
    handle(ctx, { body }) {
      const state = masks.state(ctx)
      const now = ctx.clock.now()
      const lottery = body.allocation === 'lottery'
      const round = addRound(
        state,
        masks.base(ctx),
        {
          product: body.product ?? '一次性使用医用口罩',
          perPersonLimit: body.perPersonLimit,
          allocation: body.allocation,
          opensAt: parseIso(body.opensAt),
          closesAt: parseIso(body.closesAt),
          drawAt: lottery && body.drawAt ? parseIso(body.drawAt) : undefined,
          pickupFrom: parseIso(body.pickupFrom),
          pickupUntil: parseIso(body.pickupUntil),
          createdAt: now,
        },
        body.stockPerOutlet,
      )
      if (lottery) Object.assign(round, drawSeedFor(ctx, round.id))
      return { status: 201, body: { round: toRound(ctx, round), serverTime: ctx.clock.iso(now) } }
    },
  }),
]
