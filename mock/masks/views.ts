import type { DrawResult, Outlet, Reservation, Round } from '@/core/contract'
import { maskDocNumber, maskName } from '@/core/identity/masking'
import type { Ctx } from '../core/router'
import type { StoredIdentity } from '../core/state'
import { masks, roundState, type OutletSeed, type OutletStock, type RoundDraw, type StoredReservation } from './state'
import { heldRound, masksStore, type RoundRow } from './store'

export function toRound(ctx: Ctx, round: RoundRow): Round {
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

/** Outlets with their stock in the current round, and how far each is when the caller said where they are. */
export async function toOutlets(ctx: Ctx, outlets: readonly { outlet: OutletSeed; distanceM?: number }[]): Promise<Outlet[]> {
  const store = masksStore(ctx)
  const stocks = await store.stocks(
    await store.currentRoundId(),
    outlets.map((x) => x.outlet.id),
  )
  return outlets.map((x) => toOutlet(ctx, x.outlet, stocks.get(x.outlet.id), x.distanceM))
}

function toOutlet(ctx: Ctx, outlet: OutletSeed, stock: OutletStock | undefined, distanceM?: number): Outlet {
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

export function toDrawResult(round: RoundRow, draw: RoundDraw): DrawResult {
  return { roundId: round.id, drawSeed: round.drawSeed!, drawSeedHash: round.drawSeedHash!, outlets: draw.outlets }
}

/** Reservations as the caller sees them, each with its round's times (every round read once). */
export async function toReservations(ctx: Ctx, rs: readonly StoredReservation[]): Promise<Reservation[]> {
  const store = masksStore(ctx)
  const rounds = new Map<string, RoundRow>()
  const holders = new Map<string, Pick<StoredIdentity, 'name' | 'docNumber'> | undefined>()
  for (const r of rs) {
    if (!rounds.has(r.roundId)) rounds.set(r.roundId, await heldRound(store, r.roundId))
    const holderKey = holderOf(r)
    if (!holders.has(holderKey)) holders.set(holderKey, await holderIdentity(ctx, r))
  }
  return rs.map((r) => toReservation(ctx, r, rounds.get(r.roundId)!, holders.get(holderOf(r))))
}

/** Whose name the reservation carries: the member's when it was made for one, else the account's. */
const holderOf = (r: StoredReservation) => (r.memberId === undefined ? `a:${r.accountId}` : `m:${r.memberId}`)

async function holderIdentity(ctx: Ctx, r: StoredReservation): Promise<Pick<StoredIdentity, 'name' | 'docNumber'> | undefined> {
  if (r.memberId === undefined) return (await ctx.stores.core.account(r.accountId))?.identity
  return ctx.env.familyMember(ctx, r.memberId)
}

export async function toReservationView(ctx: Ctx, r: StoredReservation): Promise<Reservation> {
  return (await toReservations(ctx, [r]))[0]
}

/** The holder is always masked here: the same record is what staff see at the counter. */
function toReservation(
  ctx: Ctx,
  r: StoredReservation,
  round: RoundRow,
  identity: Pick<StoredIdentity, 'name' | 'docNumber'> | undefined,
): Reservation {
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
  if (identity) view.holder = { name: maskName(identity.name), docNumberMasked: maskDocNumber(identity.docNumber) }
  if (r.memberId !== undefined) view.memberId = r.memberId
  return view
}
