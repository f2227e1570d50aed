import { LIVE_STATES, type Allocation, type ReservationState } from '@/core/contract'
import { num, optNum, optText, type SqlClient } from '../store/sql'
import type { OutletStock, RoundDraw, StoredReservation } from './state'
import type { MasksStore, NewReservation, RoundRow } from './store'

/** The tables of mock/store/migrations/001_masks.sql. */

const ROUND_COLUMNS = `id, product, per_person_limit, allocation, opens_at, closes_at, draw_at, pickup_from, pickup_until,
  draw_seed, draw_seed_hash, created_at, draw, pending_expiry`
const RESERVATION_COLUMNS = 'id, round_id, outlet_id, account_id, doc_key, quantity, state, pickup_code, created_at, updated_at, member_id'
// The predicate of the unique index `masks_live_place` (001_masks.sql), which `on conflict` must name.
const LIVE = `state in (${LIVE_STATES.map((state) => `'${state}'`).join(', ')})`

function toRound(row: Record<string, unknown>): RoundRow {
  const round: RoundRow = {
    id: String(row.id),
    product: String(row.product),
    perPersonLimit: num(row.per_person_limit),
    allocation: row.allocation as Allocation,
    opensAt: num(row.opens_at),
    closesAt: num(row.closes_at),
    pickupFrom: num(row.pickup_from),
    pickupUntil: num(row.pickup_until),
    createdAt: num(row.created_at),
    pendingExpiry: Boolean(row.pending_expiry),
  }
  const drawAt = optNum(row.draw_at)
  if (drawAt !== undefined) round.drawAt = drawAt
  const drawSeed = optText(row.draw_seed)
  if (drawSeed !== undefined) round.drawSeed = drawSeed
  const drawSeedHash = optText(row.draw_seed_hash)
  if (drawSeedHash !== undefined) round.drawSeedHash = drawSeedHash
  if (row.draw !== null && row.draw !== undefined)
    round.draw = (typeof row.draw === 'string' ? JSON.parse(row.draw) : row.draw) as RoundDraw
  return round
}

function toReservation(row: Record<string, unknown>): StoredReservation {
  const r: StoredReservation = {
    id: String(row.id),
    roundId: String(row.round_id),
    outletId: String(row.outlet_id),
    accountId: String(row.account_id),
    docKey: String(row.doc_key),
    quantity: num(row.quantity),
    state: row.state as ReservationState,
    createdAt: num(row.created_at),
    updatedAt: num(row.updated_at),
  }
  const code = optText(row.pickup_code)
  if (code !== undefined) r.pickupCode = code
  const memberId = optText(row.member_id)
  if (memberId !== undefined) r.memberId = memberId
  return r
}

/**
 * The masks store on PostgreSQL (or PGlite): `db` is the request's transaction. The rules' two
 * conditional steps are single statements the schema guards: `take` decrements only where
 * enough is left (and `remaining >= 0` is a CHECK), a second live place for a document is
 * refused by the unique index `masks_live_place`. `roundsToSettle` locks the rounds it returns,
 * so two processes looking at the same round at once settle it once: the second waits, and
 * PostgreSQL re-checks the condition on the settled row.
 */
export function sqlMasksStore(db: SqlClient): MasksStore {
  const one = async (text: string, params: unknown[]) => (await db.query(text, params)).rows[0]
  return {
    async currentRoundId() {
      const row = await one('select round_id from masks_current_round', [])
      if (!row) throw new Error('masks store has no current round')
      return String(row.round_id)
    },

    async round(id) {
      const row = await one(`select ${ROUND_COLUMNS} from masks_rounds where id = $1`, [id])
      return row && toRound(row)
    },

    async roundsToSettle(now) {
      const { rows } = await db.query(
        `select ${ROUND_COLUMNS} from masks_rounds
         where (allocation = 'lottery' and draw is null and draw_at <= $1) or (pending_expiry and pickup_until <= $1)
         order by seq for update`,
        [now],
      )
      return rows.map(toRound)
    },

    async insertRound(round, stockByOutlet) {
      const row = await one(
        `insert into masks_rounds (id, product, per_person_limit, allocation, opens_at, closes_at, draw_at, pickup_from,
           pickup_until, draw_seed, draw_seed_hash, created_at)
         values ('rd' || nextval('masks_round_numbers'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         returning ${ROUND_COLUMNS}`,
        [
          round.product,
          round.perPersonLimit,
          round.allocation,
          round.opensAt,
          round.closesAt,
          round.drawAt ?? null,
          round.pickupFrom,
          round.pickupUntil,
          round.drawSeed ?? null,
          round.drawSeedHash ?? null,
          round.createdAt,
        ],
      )
      const stored = toRound(row!)
      const outlets = [...stockByOutlet]
      await db.query(
        `insert into masks_stock (round_id, outlet_id, remaining, updated_at)
         select $1, o, r, $4 from unnest($2::text[], $3::int[]) as s(o, r)`,
        [stored.id, outlets.map(([id]) => id), outlets.map(([, n]) => n), round.createdAt],
      )
      await db.query(
        `insert into masks_current_round (round_id) values ($1) on conflict (only_row) do update set round_id = excluded.round_id`,
        [stored.id],
      )
      return stored
    },

    async saveRound(round) {
      await db.query(`update masks_rounds set draw_seed = $2, draw_seed_hash = $3, draw = $4, pending_expiry = $5 where id = $1`, [
        round.id,
        round.drawSeed ?? null,
        round.drawSeedHash ?? null,
        round.draw ? JSON.stringify(round.draw) : null,
        round.pendingExpiry,
      ])
    },

    async stocks(roundId, outletIds) {
      const { rows } = await db.query(
        'select outlet_id, remaining, updated_at from masks_stock where round_id = $1 and outlet_id = any($2::text[])',
        [roundId, [...outletIds]],
      )
      return new Map<string, OutletStock>(
        rows.map((r) => [String(r.outlet_id), { remaining: num(r.remaining), updatedAt: num(r.updated_at) }]),
      )
    },

    async take(roundId, outletId, quantity, at) {
      const { rows } = await db.query(
        `update masks_stock set remaining = remaining - $3, updated_at = $4
         where round_id = $1 and outlet_id = $2 and remaining >= $3 returning remaining`,
        [roundId, outletId, quantity, at],
      )
      return rows.length === 1
    },

    async give(roundId, outletId, quantity, at) {
      const { rows } = await db.query(
        'update masks_stock set remaining = remaining + $3, updated_at = $4 where round_id = $1 and outlet_id = $2 returning remaining',
        [roundId, outletId, quantity, at],
      )
      if (rows.length !== 1) throw new Error('masks store has no stock')
    },

    async reservation(id) {
      const row = await one(`select ${RESERVATION_COLUMNS} from masks_reservations where id = $1`, [id])
      return row && toReservation(row)
    },

    async reservationByCode(code) {
      const row = await one(`select ${RESERVATION_COLUMNS} from masks_reservations where pickup_code = $1`, [code])
      return row && toReservation(row)
    },

    async codeTaken(code) {
      return (await one('select 1 as taken from masks_reservations where pickup_code = $1', [code])) !== undefined
    },

    async reservationsOfRound(roundId) {
      const { rows } = await db.query(`select ${RESERVATION_COLUMNS} from masks_reservations where round_id = $1 order by seq`, [roundId])
      return rows.map(toReservation)
    },

    async reservationsOfAccount(accountId) {
      const { rows } = await db.query(`select ${RESERVATION_COLUMNS} from masks_reservations where account_id = $1 order by seq`, [
        accountId,
      ])
      return rows.map(toReservation)
    },

    async livePlace(roundId, docKey) {
      const row = await one(`select ${RESERVATION_COLUMNS} from masks_reservations where round_id = $1 and doc_key = $2 and ${LIVE}`, [
        roundId,
        docKey,
      ])
      return row && toReservation(row)
    },

    async insertReservation(r: NewReservation) {
      const row = await one(
        `insert into masks_reservations (id, round_id, outlet_id, account_id, doc_key, quantity, state, pickup_code, created_at, updated_at, member_id)
         values ('rs' || lpad(nextval('masks_reservation_numbers')::text, 6, '0'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         on conflict (round_id, doc_key) where ${LIVE} do nothing
         returning ${RESERVATION_COLUMNS}`,
        [
          r.roundId,
          r.outletId,
          r.accountId,
          r.docKey,
          r.quantity,
          r.state,
          r.pickupCode ?? null,
          r.createdAt,
          r.updatedAt,
          r.memberId ?? null,
        ],
      )
      return row && toReservation(row)
    },

    async saveReservation(r) {
      const { rows } = await db.query(
        'update masks_reservations set state = $2, pickup_code = $3, updated_at = $4 where id = $1 returning id',
        [r.id, r.state, r.pickupCode ?? null, r.updatedAt],
      )
      if (rows.length !== 1) throw new Error('masks store has no reservation')
    },
  }
}
