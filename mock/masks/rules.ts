import { type CreateReservation, type DrawOutlet, type ListPage, type OutletsQuery } from '@/core/contract'
import { parseIso, shanghaiDateTime } from '@/core/time/shanghai'
import type { RoundControl } from '../controls/schemas'
import { HttpError, conflict, forbidden, notFound, validationFailed } from '../core/http'
import { keyThenId, paginate, type PageRequest } from '../core/paging'
import { sha256Hex } from '../core/random'
import { districtByCodeOrName } from '../core/regions'
import type { Ctx } from '../core/router'
import { freshDraw } from '../core/secrets'
import type { Account } from '../core/state'
import { requireAccount, requireRole, requireVerified } from '../session/accounts'
import { actingFor, heldMember } from '../session/acting'
import { drawOutlet } from './draw'
import { distanceMetres } from './distance'
import { masks, roundState, type OutletSeed, type RoundDraw, type StoredReservation } from './state'
import { heldRound, masksStore, type MasksStore, type RoundRow } from './store'

/**
 * Everything time does to the rounds, applied when a request looks: a lottery past its `drawAt`
 * is drawn, reservations past `pickupUntil` expire and give their stock back. It runs inside the
 * request's transaction, so what the request does after this sees a settled world.
 */
export async function settle(ctx: Ctx): Promise<void> {
  const store = masksStore(ctx)
  const now = ctx.clock.now()
  for (const round of await store.roundsToSettle(now)) {
    if (round.allocation === 'lottery' && !round.draw && round.drawAt !== undefined && now >= round.drawAt) await runDraw(ctx, store, round)
    if (round.pendingExpiry && now >= round.pickupUntil) await expireRound(store, round)
  }
}

async function expireRound(store: MasksStore, round: RoundRow): Promise<void> {
  for (const r of await store.reservationsOfRound(round.id)) {
    if (r.state !== 'reserved') continue
    r.state = 'expired'
    r.updatedAt = round.pickupUntil
    await store.give(r.roundId, r.outletId, r.quantity, round.pickupUntil)
    await store.saveReservation(r)
  }
  round.pendingExpiry = false
  await store.saveRound(round)
}

/**
 * 8 digits from the backend's random source: unguessable (nothing about the seed or the codes
 * before tells the next), never handed out twice.
 */
function newPickupCode(ctx: Ctx, store: MasksStore): Promise<string> {
  // 10⁸ codes: a repeat is rare until millions are out; a hundred in a row means a broken source.
  return freshDraw(
    () => String(ctx.env.random.below(100_000_000)).padStart(8, '0'),
    async (code) => !(await store.codeTaken(code)),
    100,
  )
}

/**
 * The draw seed of a round follows from the reset seed and the round's id, nothing else, so the
 * same reset seed and the same entries draw the same winners (docs/API.md). It is derived as it
 * always was (the seed's hash, then the round), so every seed keeps the draws it had. A real
 * deployment would draw it from a secure random source and publish its hash, as the mock does.
 */
export function drawSeedFor(ctx: Ctx, roundId: string): { drawSeed: string; drawSeedHash: string } {
  const fromSeed = sha256Hex(`mock-secret:${ctx.env.seed}`)
  const drawSeed = sha256Hex(`${fromSeed}:masks:draw-seed:${roundId}`)
  return { drawSeed, drawSeedHash: sha256Hex(drawSeed) }
}

async function runDraw(ctx: Ctx, store: MasksStore, round: RoundRow): Promise<void> {
  const at = round.drawAt!
  const entriesByOutlet = new Map<string, StoredReservation[]>()
  for (const r of await store.reservationsOfRound(round.id)) {
    if (r.state !== 'entered') continue
    const list = entriesByOutlet.get(r.outletId) ?? []
    list.push(r)
    entriesByOutlet.set(r.outletId, list)
  }
  const allOutlets = masks.base(ctx).outlets
  const stocks = await store.stocks(
    round.id,
    allOutlets.map((o) => o.id),
  )
  const outlets: DrawOutlet[] = []
  for (const outlet of allOutlets) {
    const remaining = stored(stocks.get(outlet.id), 'stock').remaining
    const entries = entriesByOutlet.get(outlet.id) ?? []
    const winners = drawOutlet(round.drawSeed!, entries, remaining)
    outlets.push({
      outletId: outlet.id,
      stock: remaining,
      entries: entries.map((e) => e.id),
      quantities: entries.map((e) => e.quantity),
      winners,
    })
    const won = new Set(winners)
    for (const e of entries) {
      e.updatedAt = at
      if (won.has(e.id)) {
        // The walk only lets a winner in while its quantity fits, so the take cannot fail.
        if (!(await store.take(round.id, outlet.id, e.quantity, at))) throw new Error('a lottery winner did not fit in the stock')
        e.state = 'reserved'
        e.pickupCode = await newPickupCode(ctx, store)
        round.pendingExpiry = true
      } else {
        e.state = 'lost'
      }
      await store.saveReservation(e)
    }
  }
  round.draw = { at, outlets }
  await store.saveRound(round)
}

/** A row the store must hold (a round's stock, a reservation's round): a miss is a broken invariant, a 500. */
function stored<T>(found: T | undefined, what: string): T {
  if (found === undefined) throw new Error(`masks store has no ${what}`)
  return found
}

export async function reserve(ctx: Ctx, body: CreateReservation): Promise<StoredReservation> {
  const account = requireVerified(ctx)
  // Whom it is for comes first: every rule below is about that person's document.
  const subject = await actingFor(ctx, account, body.memberId)
  await settle(ctx)
  const store = masksStore(ctx)
  const round = await store.round(body.roundId)
  if (!round) throw notFound('没有这一轮口罩预约，请返回重新查看本轮信息')
  const outlet = masks.base(ctx).byId.get(body.outletId)
  if (!outlet) throw notFound('没有这个领取网点，请重新选择')
  if (body.quantity > round.perPersonLimit) {
    throw validationFailed({ quantity: `每人每轮最多预约 ${round.perPersonLimit} 个` })
  }
  const now = ctx.clock.now()
  const phase = roundState(round, now)
  if (phase === 'upcoming') throw conflict('ROUND_NOT_OPEN', `本轮预约还没有开始，${shanghaiDateTime(round.opensAt)} 开放`)
  if (phase !== 'open') throw conflict('ROUND_CLOSED', `本轮预约已于 ${shanghaiDateTime(round.closesAt)} 结束，请留意下一轮`)

  const docKey = subject.docKey
  const whose = subject.memberId === undefined ? '你的证件' : `${subject.name}的证件`
  const alreadyReserved = (holding: StoredReservation) =>
    conflict('ALREADY_RESERVED', `${whose}在本轮已有预约（${outletName(ctx, holding.outletId)}），每人每轮只能预约一次`)
  // The store holds the document's live place and nothing else (a cancel, a lost draw or an
  // expiry gives it up): the rule of a unique index over live reservations.
  const holding = await store.livePlace(round.id, docKey)
  if (holding) throw alreadyReserved(holding)

  const firstCome = round.allocation === 'first_come'
  if (firstCome && !(await store.take(round.id, outlet.id, body.quantity, now))) {
    const remaining = stored((await store.stocks(round.id, [outlet.id])).get(outlet.id), 'stock').remaining
    throw conflict(
      'SOLD_OUT',
      remaining === 0 ? '这个网点本轮的口罩已经约完了，请换一个网点' : `这个网点只剩 ${remaining} 个，请减少数量或换一个网点`,
    )
  }
  const r = await store.insertReservation({
    roundId: round.id,
    outletId: outlet.id,
    accountId: account.id,
    docKey,
    quantity: body.quantity,
    state: firstCome ? 'reserved' : 'entered',
    pickupCode: firstCome ? await newPickupCode(ctx, store) : undefined,
    createdAt: now,
    updatedAt: now,
    ...(subject.memberId === undefined ? {} : { memberId: subject.memberId }),
  })
  // Another request took the place in between: a database rolls the take back with the refusal.
  if (!r) throw alreadyReserved(stored(await store.livePlace(round.id, docKey), 'live place'))
  if (firstCome && !round.pendingExpiry) {
    round.pendingExpiry = true
    await store.saveRound(round)
  }
  return r
}

export async function cancel(ctx: Ctx, id: string): Promise<StoredReservation> {
  const account = requireAccount(ctx)
  await settle(ctx)
  const store = masksStore(ctx)
  const r = await store.reservation(id)
  if (!r) throw notFound('没有找到这条预约')
  if (r.accountId !== account.id) throw forbidden('这不是你的预约，不能取消')
  if (r.memberId !== undefined && !(await heldMember(ctx, account, r.memberId))) throw notFound('没有找到这条预约')
  switch (r.state) {
    case 'cancelled':
      // A retried cancel (the answer to the first got lost) is answered, not refused.
      return r
    case 'picked_up':
      throw conflict('ALREADY_PICKED_UP', '口罩已经领取，不能再取消')
    case 'expired':
      throw conflict('RESERVATION_EXPIRED', '这条预约已过领取期限，已自动失效，无需取消')
    case 'lost':
      throw conflict('NOT_CANCELLABLE', '这次抽签未中，没有需要取消的预约')
    case 'reserved':
      await store.give(r.roundId, r.outletId, r.quantity, ctx.clock.now())
      break
    case 'entered':
      break
    default:
      return unreachable(r.state)
  }
  r.state = 'cancelled'
  r.updatedAt = ctx.clock.now()
  await store.saveReservation(r)
  return r
}

/** Outlet staff check passes at their outlet. */
export function staffPlace(ctx: Ctx, account: Account): string | null {
  if (account.role !== 'staff' || !account.outletId) return null
  return masks.base(ctx).byId.get(account.outletId)?.name ?? null
}

/** A stored reservation's outlet: the seed's outlets never go away, so a miss is a broken invariant. */
function outletName(ctx: Ctx, outletId: string): string {
  const outlet = masks.base(ctx).byId.get(outletId)
  if (!outlet) throw new Error(`masks base has no outlet ${outletId}`)
  return outlet.name
}

/** A state no case handles: the compiler proves it cannot happen; at run time it is a 500. */
function unreachable(state: never): never {
  throw new Error(`unhandled reservation state ${String(state)}`)
}

export async function pickUp(ctx: Ctx, code: string): Promise<StoredReservation> {
  const staff = requireRole(ctx, 'staff')
  if (!staff.outletId) throw forbidden('你的账号没有绑定网点，不能核销取件码')
  await settle(ctx)
  const store = masksStore(ctx)
  const r = await store.reservationByCode(code)
  if (!r) throw notFound('没有这个取件码，请核对后重新输入')
  const round = await heldRound(store, r.roundId)
  const now = ctx.clock.now()
  // The order of API.md: where several apply, the first answers.
  if (r.outletId !== staff.outletId) {
    throw conflict('WRONG_OUTLET', `这个取件码属于「${outletName(ctx, r.outletId)}」，请让市民到该网点领取`)
  }
  if (r.state === 'cancelled') throw conflict('RESERVATION_CANCELLED', '这条预约已被本人取消，不能领取')
  if (r.state === 'picked_up') throw conflict('ALREADY_PICKED_UP', `这个取件码已于 ${shanghaiDateTime(r.updatedAt)} 领取过，不能重复领取`)
  // settle() above has expired every reservation whose window is over.
  if (r.state === 'expired') {
    throw conflict('RESERVATION_EXPIRED', `这条预约的领取期限（${shanghaiDateTime(round.pickupUntil)}）已过`)
  }
  if (now < round.pickupFrom) throw conflict('PICKUP_NOT_STARTED', `还没到领取时间，${shanghaiDateTime(round.pickupFrom)} 起可以领取`)
  if (r.state !== 'reserved') throw new HttpError(409, 'CONFLICT', '这条预约现在不能领取')
  r.state = 'picked_up'
  r.updatedAt = now
  await store.saveReservation(r)
  return r
}

/**
 * The caller's reservations, newest first (ties by id, newest id first): their own and those made
 * for the family members they still hold.
 */
export async function reservationsOf(ctx: Ctx, account: Account): Promise<StoredReservation[]> {
  const held = new Map<string, boolean>()
  const shown: StoredReservation[] = []
  for (const r of await masksStore(ctx).reservationsOfAccount(account.id)) {
    if (r.memberId !== undefined && !held.has(r.memberId)) held.set(r.memberId, Boolean(await heldMember(ctx, account, r.memberId)))
    if (r.memberId === undefined || held.get(r.memberId)) shown.push(r)
  }
  return shown.sort((a, b) => newestFirst({ k: a.createdAt, i: a.id }, { k: b.createdAt, i: b.id }))
}

/** `staff:<outletId>` is a login of that outlet's counter staff; any other code is not ours. */
export function staffLogin(code: string, ctx: Ctx): Partial<Account> | null {
  const m = /^staff:(.+)$/.exec(code)
  if (!m || !masks.base(ctx).byId.has(m[1])) return null
  return { role: 'staff', outletId: m[1] }
}

export async function currentRound(ctx: Ctx): Promise<RoundRow> {
  await settle(ctx)
  const store = masksStore(ctx)
  return heldRound(store, await store.currentRoundId())
}

/** A lottery round's published draw; before `drawAt` there is none to show. */
export async function publishedDraw(ctx: Ctx, roundId: string): Promise<{ round: RoundRow; draw: RoundDraw }> {
  await settle(ctx)
  const round = await masksStore(ctx).round(roundId)
  if (!round || round.allocation !== 'lottery') throw notFound('没有这一轮抽签')
  if (!round.draw) throw conflict('NOT_DRAWN_YET', `本轮还没有抽签，${shanghaiDateTime(round.drawAt!)} 公布结果`)
  return { round, draw: round.draw }
}

export async function outletById(ctx: Ctx, id: string): Promise<OutletSeed> {
  await settle(ctx)
  const outlet = masks.base(ctx).byId.get(id)
  if (!outlet) throw notFound('没有这个领取网点')
  return outlet
}

const byNumberThenId = keyThenId('asc')
const byIdOnly = (a: { i: string }, b: { i: string }) => (a.i < b.i ? -1 : a.i > b.i ? 1 : 0)
const newestFirst = keyThenId('desc')

/** One page of outlets: nearest first (whole metres, then id) given a place, by id otherwise. */
export async function outletsPage(ctx: Ctx, query: OutletsQuery): Promise<ListPage<{ outlet: OutletSeed; distanceM?: number }>> {
  await settle(ctx)
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
      .map((outlet) => ({ outlet, distanceM: Math.round(distanceMetres(lat, lng, outlet.lat, outlet.lng)) }))
      .sort((a, b) => byNumberThenId({ k: a.distanceM, i: a.outlet.id }, { k: b.distanceM, i: b.outlet.id }))
    return paginate(ctx, near, {
      list: 'masks:outlets:near',
      filters,
      page,
      keyOf: (x) => x.distanceM,
      idOf: (x) => x.outlet.id,
      compare: byNumberThenId,
    })
  }
  const res = paginate(ctx, outlets, {
    list: 'masks:outlets',
    filters,
    page,
    keyOf: (o) => o.id,
    idOf: (o) => o.id,
    compare: byIdOnly,
  })
  return { ...res, items: res.items.map((outlet) => ({ outlet })) }
}

export async function reservationsPage(ctx: Ctx, query: PageRequest): Promise<ListPage<StoredReservation>> {
  const account = requireAccount(ctx)
  await settle(ctx)
  return paginate(ctx, await reservationsOf(ctx, account), {
    list: `masks:reservations:${account.id}`,
    filters: {},
    page: { cursor: query.cursor, limit: query.limit },
    keyOf: (r) => r.createdAt,
    idOf: (r) => r.id,
    compare: newestFirst,
  })
}

/** The `/__mock/masks/round` control: a new current round from now on, a lottery with its seed. */
export async function startRound(ctx: Ctx, body: RoundControl): Promise<RoundRow> {
  const lottery = body.allocation === 'lottery'
  const outlets = masks.base(ctx).outlets
  const store = masksStore(ctx)
  const round = await store.insertRound(
    {
      product: body.product ?? '一次性使用医用口罩',
      perPersonLimit: body.perPersonLimit,
      allocation: body.allocation,
      opensAt: parseIso(body.opensAt),
      closesAt: parseIso(body.closesAt),
      drawAt: lottery && body.drawAt ? parseIso(body.drawAt) : undefined,
      pickupFrom: parseIso(body.pickupFrom),
      pickupUntil: parseIso(body.pickupUntil),
      createdAt: ctx.clock.now(),
    },
    new Map(outlets.map((o) => [o.id, body.stockPerOutlet ?? o.baseStock])),
  )
  if (!lottery) return round
  // The seed follows from the round's id, which the store hands out.
  Object.assign(round, drawSeedFor(ctx, round.id))
  await store.saveRound(round)
  return round
}
