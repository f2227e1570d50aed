import type { Allocation, DrawOutlet, ReservationState, RoundState } from '@/core/contract'
import { dictFromEntries, dictGet, dictOf, dictSet, type Dict } from '../core/dict'
import { moduleHandle } from '../core/module'
import type { MasksStore } from './store'

/** A pharmacy that hands out masks: fixed facts, rebuilt from the seed (never stored). */
export interface OutletSeed {
  id: string
  name: string
  district: string
  districtCode: string
  streetCode: string
  address: string
  lat: number
  lng: number
  hours: string
  /** What a round gives this outlet when the round does not say. */
  baseStock: number
}

/** The service's seed data: rebuilt from the seed, never stored. */
export interface MasksBase {
  outlets: OutletSeed[]
  /** A Map, not an object: looked up by the id a client sends (`constructor` is no outlet). */
  byId: ReadonlyMap<string, OutletSeed>
}

export interface StoredRound {
  id: string
  product: string
  perPersonLimit: number
  allocation: Allocation
  opensAt: number
  closesAt: number
  drawAt?: number
  pickupFrom: number
  pickupUntil: number
  /** Lottery only: secret until the draw; its hash is published from the start. */
  drawSeed?: string
  drawSeedHash?: string
  createdAt: number
  /** Lottery only, once drawn: the published result. */
  draw?: RoundDraw
  /** Reservation ids of this round, oldest first. */
  reservationIds: string[]
  /** Some reservation may still be `reserved`: the expiry sweep has work to look at. */
  pendingExpiry: boolean
}

/** A lottery's result as published: per outlet, the stock, the entries and the winners. */
export interface RoundDraw {
  at: number
  outlets: DrawOutlet[]
}

export interface OutletStock {
  remaining: number
  updatedAt: number
}

export interface StoredReservation {
  id: string
  roundId: string
  outletId: string
  accountId: string
  /** `docType:docNumber` of the holder: one live place per document per round. */
  docKey: string
  quantity: number
  state: ReservationState
  pickupCode?: string
  createdAt: number
  updatedAt: number
  /** Made by the account for this family member, who is then the holder. */
  memberId?: string
}

/** The service's mutable state: plain JSON, persisted in embedded mode; every keyed store a Dict. */
export interface MasksState {
  currentRoundId: string
  rounds: Dict<StoredRound>
  /** roundId → outletId → stock left for that round. */
  stock: Dict<Dict<OutletStock>>
  reservations: Dict<StoredReservation>
  /** account id → its reservation ids, oldest first. */
  byAccount: Dict<string[]>
  /** `roundId|docKey` → the live reservation or entry holding that document's place. */
  liveByDoc: Dict<string>
  /** pickup code → reservation id; codes are never reused, even after cancelling. */
  codes: Dict<string>
  counters: { rounds: number; reservations: number }
}

export const masks = moduleHandle<MasksState, MasksBase, MasksStore>('masks')

/** No rounds yet: the seed adds its first. */
export function emptyMasksState(): MasksState {
  return {
    currentRoundId: '',
    rounds: dictOf(),
    stock: dictOf(),
    reservations: dictOf(),
    byAccount: dictOf(),
    liveByDoc: dictOf(),
    codes: dictOf(),
    counters: { rounds: 0, reservations: 0 },
  }
}

/** An outlet's stock in a round, if both exist. */
export function findStock(state: MasksState, roundId: string, outletId: string): OutletStock | undefined {
  const round = dictGet(state.stock, roundId)
  return round && dictGet(round, outletId)
}

/**
 * The stock, round or reservation behind an id the mock itself stored (a reservation's round and
 * outlet, a round's reservation ids, a pickup code's reservation). Every round holds every
 * outlet's stock (`addRound`), so a miss is a broken invariant: a 500, never a quiet answer.
 */
function stored<T>(found: T | undefined, what: string): T {
  if (found === undefined) throw new Error(`masks state has no ${what}`)
  return found
}

export function stockOf(state: MasksState, roundId: string, outletId: string): OutletStock {
  return stored(findStock(state, roundId, outletId), 'stock')
}

export function roundOf(state: MasksState, roundId: string): StoredRound {
  return stored(dictGet(state.rounds, roundId), 'round')
}

export function reservationOf(state: MasksState, id: string): StoredReservation {
  return stored(dictGet(state.reservations, id), 'reservation')
}

export function liveKey(roundId: string, docKey: string): string {
  return `${roundId}|${docKey}`
}

export function roundState(round: Pick<StoredRound, 'opensAt' | 'closesAt' | 'allocation' | 'draw'>, now: number): RoundState {
  if (now < round.opensAt) return 'upcoming'
  if (now < round.closesAt) return 'open'
  if (round.allocation === 'lottery' && !round.draw) return 'drawing'
  return 'closed'
}

export function nextRoundId(state: MasksState): string {
  state.counters.rounds += 1
  return `rd${state.counters.rounds}`
}

/** Ids follow the order entries arrive in; the draw's ranking hashes them, so order buys nothing. */
export function nextReservationId(state: MasksState): string {
  state.counters.reservations += 1
  return `rs${String(state.counters.reservations).padStart(6, '0')}`
}

/** A new round, current from now on, with each outlet's stock (outlet id → masks). */
export function addRound(
  state: MasksState,
  round: Omit<StoredRound, 'id' | 'reservationIds' | 'pendingExpiry'>,
  stockByOutlet: ReadonlyMap<string, number>,
): StoredRound {
  const stored: StoredRound = { ...round, id: nextRoundId(state), reservationIds: [], pendingExpiry: false }
  dictSet(state.rounds, stored.id, stored)
  dictSet(
    state.stock,
    stored.id,
    dictFromEntries([...stockByOutlet].map(([outletId, remaining]) => [outletId, { remaining, updatedAt: round.createdAt }])),
  )
  state.currentRoundId = stored.id
  return stored
}
