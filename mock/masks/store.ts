import { LIVE_STATES } from '@/core/contract'
import { dictDelete, dictEnsure, dictEntries, dictGet, dictHas, dictOf, dictSet, dictValues } from '../core/dict'
import type { Ctx } from '../core/router'
import {
  addRound,
  findStock,
  liveKey,
  masks,
  nextReservationId,
  reservationOf,
  roundOf,
  type MasksState,
  type OutletStock,
  type StoredReservation,
  type StoredRound,
} from './state'

/** A round as the rules see it: which reservations belong to it is the store's to answer. */
export type RoundRow = Omit<StoredRound, 'reservationIds'>
export type NewRound = Omit<RoundRow, 'id' | 'pendingExpiry'>
export type NewReservation = Omit<StoredReservation, 'id'>

/**
 * Everything the masks rules read and write, so the rules are written once whatever keeps the
 * data. Rows come out as copies: a change reaches the store only through a save, as it would in
 * a database. Each request runs inside one transaction of the store's (memory: one request at a
 * time, see `Backend.handle`), so a read followed by a write in the same request sees no other
 * request's writes in between; the conditional methods (`take`, `insertReservation`) hold their
 * rule on their own as well, as a database's constraints would.
 */
export interface MasksStore {
  currentRoundId(): Promise<string>
  round(id: string): Promise<RoundRow | undefined>
  /** Rounds that time has work for at `now`: a lottery to draw, reservations to expire. */
  roundsToSettle(now: number): Promise<RoundRow[]>
  /** A new round, current from now on, with every outlet's stock. */
  insertRound(round: NewRound, stockByOutlet: ReadonlyMap<string, number>): Promise<RoundRow>
  saveRound(round: RoundRow): Promise<void>

  stocks(roundId: string, outletIds: readonly string[]): Promise<Map<string, OutletStock>>
  /** Takes `quantity` off an outlet's stock if that many are left; false (and nothing taken) otherwise. */
  take(roundId: string, outletId: string, quantity: number, at: number): Promise<boolean>
  give(roundId: string, outletId: string, quantity: number, at: number): Promise<void>

  reservation(id: string): Promise<StoredReservation | undefined>
  reservationByCode(code: string): Promise<StoredReservation | undefined>
  /** A code once handed out stays taken, even after its reservation is cancelled. */
  codeTaken(code: string): Promise<boolean>
  /** Oldest first. */
  reservationsOfRound(roundId: string): Promise<StoredReservation[]>
  /** Oldest first. */
  reservationsOfAccount(accountId: string): Promise<StoredReservation[]>
  /** The reservation or entry holding this document's one live place in the round. */
  livePlace(roundId: string, docKey: string): Promise<StoredReservation | undefined>
  /**
   * A new reservation, holding the document's live place: undefined when another already holds
   * it (the unique index over live places). A reservation holds its place while it is entered,
   * reserved or picked up (`LIVE_STATES`); saving it cancelled, lost or expired gives the place up.
   */
  insertReservation(r: NewReservation): Promise<StoredReservation | undefined>
  saveReservation(r: StoredReservation): Promise<void>
}

/**
 * Rows are flat records (a round's published draw is set whole, once, never changed in place), so
 * a shallow copy is a copy: it keeps a rule's unsaved changes out of the store.
 */
function copy<T extends object>(row: T): T {
  return { ...row }
}

function roundRow(round: StoredRound): RoundRow {
  const { reservationIds: _ids, ...row } = round
  return copy(row)
}

/** A reservation holds its document's place while it is entered, reserved or picked up. */
function isLive(r: Pick<StoredReservation, 'state'>): boolean {
  return LIVE_STATES.includes(r.state)
}

/** The store over the service's plain JSON state: what `npm run mock`, the tests and the embedded build keep. */
export function memoryMasksStore(state: MasksState): MasksStore {
  return {
    async currentRoundId() {
      if (!state.currentRoundId) throw new Error('masks store has no current round')
      return state.currentRoundId
    },

    async round(id) {
      const round = dictGet(state.rounds, id)
      return round && roundRow(round)
    },

    async roundsToSettle(now) {
      const due = dictValues(state.rounds).filter(
        (r) =>
          (r.allocation === 'lottery' && !r.draw && r.drawAt !== undefined && now >= r.drawAt) || (r.pendingExpiry && now >= r.pickupUntil),
      )
      return due.map(roundRow)
    },

    async insertRound(round, stockByOutlet) {
      return roundRow(addRound(state, copy(round), stockByOutlet))
    },

    async saveRound(row) {
      const stored = roundOf(state, row.id)
      dictSet(state.rounds, row.id, { ...copy(row), reservationIds: stored.reservationIds })
    },

    async stocks(roundId, outletIds) {
      const found = new Map<string, OutletStock>()
      for (const id of outletIds) {
        const stock = findStock(state, roundId, id)
        if (stock) found.set(id, copy(stock))
      }
      return found
    },

    async take(roundId, outletId, quantity, at) {
      const stock = findStock(state, roundId, outletId)
      if (!stock || stock.remaining < quantity) return false
      stock.remaining -= quantity
      stock.updatedAt = at
      return true
    },

    async give(roundId, outletId, quantity, at) {
      const stock = findStock(state, roundId, outletId)
      if (!stock) throw new Error('masks store has no stock')
      stock.remaining += quantity
      stock.updatedAt = at
    },

    async reservation(id) {
      const r = dictGet(state.reservations, id)
      return r && copy(r)
    },

    async reservationByCode(code) {
      const id = dictGet(state.codes, code)
      return id === undefined ? undefined : copy(reservationOf(state, id))
    },

    async codeTaken(code) {
      return dictHas(state.codes, code)
    },

    async reservationsOfRound(roundId) {
      return roundOf(state, roundId).reservationIds.map((id) => copy(reservationOf(state, id)))
    },

    async reservationsOfAccount(accountId) {
      return (dictGet(state.byAccount, accountId) ?? []).map((id) => copy(reservationOf(state, id)))
    },

    async livePlace(roundId, docKey) {
      const id = dictGet(state.liveByDoc, liveKey(roundId, docKey))
      return id === undefined ? undefined : copy(reservationOf(state, id))
    },

    async insertReservation(row) {
      const key = liveKey(row.roundId, row.docKey)
      if (isLive(row) && dictHas(state.liveByDoc, key)) return undefined
      const r: StoredReservation = { ...copy(row), id: nextReservationId(state) }
      dictSet(state.reservations, r.id, r)
      dictEnsure(state.byAccount, r.accountId, () => []).push(r.id)
      if (isLive(r)) dictSet(state.liveByDoc, key, r.id)
      if (r.pickupCode !== undefined) dictSet(state.codes, r.pickupCode, r.id)
      roundOf(state, r.roundId).reservationIds.push(r.id)
      return copy(r)
    },

    async saveReservation(row) {
      reservationOf(state, row.id)
      const r = copy(row)
      dictSet(state.reservations, r.id, r)
      if (r.pickupCode !== undefined) dictSet(state.codes, r.pickupCode, r.id)
      const key = liveKey(r.roundId, r.docKey)
      if (!isLive(r) && dictGet(state.liveByDoc, key) === r.id) dictDelete(state.liveByDoc, key)
    },
  }
}

/** A round the store must hold (a reservation's, the current one): a miss is a broken invariant, a 500. */
export async function heldRound(store: MasksStore, id: string): Promise<RoundRow> {
  const round = await store.round(id)
  if (!round) throw new Error(`masks store has no round ${id}`)
  return round
}

/** The masks store in this request's transaction. */
export function masksStore(ctx: Ctx): MasksStore {
  return masks.store(ctx)
}

/**
 * The seed's world (the memory state `createMasksState` made) into another store, row by row
 * through the same interface, so a database starts where `npm run mock` does: same round ids,
 * same stock, and when each outlet's stock last changed.
 */
export async function copyMasksWorld(state: MasksState, store: MasksStore): Promise<void> {
  for (const round of dictValues(state.rounds)) {
    const { id, reservationIds, pendingExpiry, ...fields } = round
    const stock = dictEntries(dictGet(state.stock, id) ?? dictOf<OutletStock>())
    const copied = await store.insertRound(fields, new Map(stock.map(([outletId, s]) => [outletId, s.remaining])))
    if (copied.id !== id) throw new Error(`masks store numbered round ${id} as ${copied.id}`)
    // A give of none records when an outlet's stock last changed, as the seed's first hour left it.
    for (const [outletId, s] of stock) if (s.updatedAt !== fields.createdAt) await store.give(id, outletId, 0, s.updatedAt)
    if (pendingExpiry) await store.saveRound({ ...copied, pendingExpiry })
    for (const rid of reservationIds) {
      const { id: _id, ...r } = reservationOf(state, rid)
      await store.insertReservation(r)
    }
  }
  if (state.currentRoundId) {
    const current = await store.currentRoundId()
    if (current !== state.currentRoundId) throw new Error(`masks store's current round is ${current}, not ${state.currentRoundId}`)
  }
}
