import type { Allocation, DrawOutlet, ReservationState, RoundState } from '@/core/contract'
import { moduleHandle } from '../core/module'

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
  byId: Record<string, OutletSeed>
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
}

/** The service's mutable state: plain JSON, persisted in embedded mode. */
export interface MasksState {
  currentRoundId: string
  rounds: Record<string, StoredRound>
  /** roundId → outletId → stock left for that round. */
  stock: Record<string, Record<string, OutletStock>>
  reservations: Record<string, StoredReservation>
  byAccount: Record<string, string[]>
  /** `roundId|docKey` → the live reservation or entry holding that document's place. */
  liveByDoc: Record<string, string>
  /** pickup code → reservation id; codes are never reused, even after cancelling. */
  codes: Record<string, string>
  counters: { rounds: number; reservations: number; secret: { value: number } }
}

export const masks = moduleHandle<MasksState, MasksBase>('masks')

export function liveKey(roundId: string, docKey: string): string {
  return `${roundId}|${docKey}`
}

export function roundState(round: StoredRound, now: number): RoundState {
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

export function addRound(
  state: MasksState,
  base: MasksBase,
  round: Omit<StoredRound, 'id' | 'reservationIds' | 'pendingExpiry'>,
  stockPerOutlet?: number,
): StoredRound {
  const stored: StoredRound = { ...round, id: nextRoundId(state), reservationIds: [], pendingExpiry: false }
  state.rounds[stored.id] = stored
  state.stock[stored.id] = Object.fromEntries(
    base.outlets.map((o) => [o.id, { remaining: stockPerOutlet ?? o.baseStock, updatedAt: round.createdAt }]),
  )
  state.currentRoundId = stored.id
  return stored
}
