import type { DrawResult, Outlet, Reservation, Round } from '@/core/contract'
import { maskDocNumber, maskName } from '@/core/identity/masking'
import { dictGet } from '../core/dict'
import type { Ctx } from '../core/router'
import { findStock, masks, roundOf, roundState, type OutletSeed, type RoundDraw, type StoredReservation, type StoredRound } from './state'

export function toRound(ctx: Ctx, round: StoredRound): Round {
  const view: Round = {
    id: round.id,
    product: round.product,
    perPersonLimit: round.perPersonLimit,
    allocation: round.allocation,
    opensAt: ctx.clock.iso(round.opensAt),
    closesAt: ctx.clock.iso(round.closesAt),
    pickupFrom: ctx.clock.iso(round.pickupFrom),
    pickupUntil: ctx.clock.iso(round.pickupUntil),
    state: roundState(round, ctx.clock.now()),
  }
  if (round.allocation === 'lottery') {
    if (round.drawAt !== undefined) view.drawAt = ctx.clock.iso(round.drawAt)
    view.drawSeedHash = round.drawSeedHash
    if (round.draw) view.drawSeed = round.drawSeed
  }
  return view
}

/** An outlet with its stock in the current round, and how far it is when the caller said where it is. */
export function toOutlet(ctx: Ctx, outlet: OutletSeed, distanceM?: number): Outlet {
  const state = masks.state(ctx)
  const stock = findStock(state, state.currentRoundId, outlet.id)
  const view: Outlet = {
    id: outlet.id,
    name: outlet.name,
    district: outlet.district,
    districtCode: outlet.districtCode,
    address: outlet.address,
    lat: outlet.lat,
    lng: outlet.lng,
    hours: outlet.hours,
    remaining: stock?.remaining ?? 0,
    stockUpdatedAt: ctx.clock.iso(stock?.updatedAt ?? ctx.clock.now()),
  }
  if (distanceM !== undefined) view.distanceM = distanceM
  return view
}

export function toDrawResult(round: StoredRound, draw: RoundDraw): DrawResult {
  return { roundId: round.id, drawSeed: round.drawSeed!, drawSeedHash: round.drawSeedHash!, outlets: draw.outlets }
}

/** The holder is always masked here: the same record is what staff see at the counter. */
export function toReservation(ctx: Ctx, r: StoredReservation): Reservation {
  const state = masks.state(ctx)
  const round = roundOf(state, r.roundId)
  const outlet = masks.base(ctx).byId.get(r.outletId)
  const view: Reservation = {
    id: r.id,
    roundId: r.roundId,
    outletId: r.outletId,
    outletName: outlet?.name ?? r.outletId,
    quantity: r.quantity,
    state: r.state,
    pickupFrom: ctx.clock.iso(round.pickupFrom),
    pickupUntil: ctx.clock.iso(round.pickupUntil),
    createdAt: ctx.clock.iso(r.createdAt),
    allocation: round.allocation,
  }
  if (r.pickupCode && (r.state === 'reserved' || r.state === 'picked_up')) view.pickupCode = r.pickupCode
  if (round.allocation === 'lottery' && round.drawAt !== undefined) view.drawAt = ctx.clock.iso(round.drawAt)
  if (outlet) {
    view.outletAddress = outlet.address
    view.outletHours = outlet.hours
  }
  const identity = dictGet(ctx.db.core.accounts, r.accountId)?.identity
  if (identity) view.holder = { name: maskName(identity.name), docNumberMasked: maskDocNumber(identity.docNumber) }
  return view
}
