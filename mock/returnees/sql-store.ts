import type { DeclarationStatus, FlagReason, RiskLevel, Symptom } from '@/core/contract'
import { num, optNum, optText, type SqlClient } from '../store/sql'
import type { StoredCheckin, StoredDeclaration } from './state'
import type { ReturneesStore } from './store'

/** The tables of mock/store/migrations/003_returnees.sql. */

const DECLARATION_COLUMNS = `id, subject, origin_region, transport, departure_date, arrival_date, community_id, address, health, status,
  risk_level, flag_reasons, created_at, created_by, created_by_account, released_at, released_by, notes, member_id`
const CHECKIN_COLUMNS = 'id, declaration_id, date, temperature, symptoms, at, by, by_account, raised_flag'

/** A jsonb column: PGlite and node-postgres both parse it, but a text-typed value would not be. */
function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

function toDeclaration(row: Record<string, unknown>): StoredDeclaration {
  const d: StoredDeclaration = {
    id: String(row.id),
    subject: json(row.subject),
    originRegion: String(row.origin_region),
    transport: json(row.transport),
    departureDate: String(row.departure_date),
    arrivalDate: String(row.arrival_date),
    residence: { communityId: String(row.community_id), address: String(row.address) },
    health: json(row.health),
    status: row.status as DeclarationStatus,
    riskLevel: row.risk_level as RiskLevel,
    flagReasons: json<FlagReason[]>(row.flag_reasons),
    createdAt: num(row.created_at),
    createdBy: row.created_by as StoredDeclaration['createdBy'],
    notes: json(row.notes),
  }
  const byAccount = optText(row.created_by_account)
  if (byAccount !== undefined) d.createdByAccount = byAccount
  const memberId = optText(row.member_id)
  if (memberId !== undefined) d.memberId = memberId
  const releasedAt = optNum(row.released_at)
  if (releasedAt !== undefined) d.releasedAt = releasedAt
  const releasedBy = optText(row.released_by)
  if (releasedBy !== undefined) d.releasedBy = releasedBy
  return d
}

function declarationParams(d: StoredDeclaration): unknown[] {
  return [
    d.id,
    JSON.stringify(d.subject),
    d.subject.docType,
    d.subject.docNumber,
    d.originRegion,
    JSON.stringify(d.transport),
    d.departureDate,
    d.arrivalDate,
    d.residence.communityId,
    d.residence.address,
    JSON.stringify(d.health),
    d.status,
    d.riskLevel,
    JSON.stringify(d.flagReasons),
    d.createdAt,
    d.createdBy,
    d.createdByAccount ?? null,
    d.releasedAt ?? null,
    d.releasedBy ?? null,
    JSON.stringify(d.notes),
    d.memberId ?? null,
  ]
}

function toCheckin(row: Record<string, unknown>): StoredCheckin {
  const c: StoredCheckin = {
    id: String(row.id),
    declarationId: String(row.declaration_id),
    date: String(row.date),
    temperature: num(row.temperature),
    symptoms: json<Symptom[]>(row.symptoms),
    at: num(row.at),
    by: row.by as StoredCheckin['by'],
    raisedFlag: Boolean(row.raised_flag),
  }
  const byAccount = optText(row.by_account)
  if (byAccount !== undefined) c.byAccount = byAccount
  return c
}

/**
 * The returnees store on PostgreSQL (or PGlite): `db` is the request's transaction. A second open
 * declaration for a document is refused by the unique index `returnees_open_per_document`, a second
 * check-in on a day by the unique (declaration, date).
 */
export function sqlReturneesStore(db: SqlClient): ReturneesStore {
  const one = async (text: string, params: unknown[]) => (await db.query(text, params)).rows[0]
  const declarations = async (where: string, params: unknown[]) =>
    (await db.query(`select ${DECLARATION_COLUMNS} from returnees_declarations where ${where} order by seq`, params)).rows.map(
      toDeclaration,
    )
  return {
    async nextNumber() {
      return num((await one(`select nextval('returnees_numbers') as n`, []))!.n)
    },

    async advanceNumbers(n) {
      if (n > 0) await db.query(`select setval('returnees_numbers', greatest($1, (select last_value from returnees_numbers)))`, [n])
    },

    async declaration(id) {
      return (await declarations('id = $1', [id]))[0]
    },

    declarationsOfDocument(docType, docNumber) {
      return declarations('doc_type = $1 and doc_number = $2', [docType, docNumber])
    },

    declarationsOfCommunity(communityId) {
      return declarations('community_id = $1', [communityId])
    },

    async insertDeclaration(d) {
      const row = await one(
        `insert into returnees_declarations (id, subject, doc_type, doc_number, origin_region, transport, departure_date, arrival_date,
           community_id, address, health, status, risk_level, flag_reasons, created_at, created_by, created_by_account, released_at,
           released_by, notes, member_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
         on conflict (doc_type, doc_number) where status <> 'released' do nothing
         returning id`,
        declarationParams(d),
      )
      return row !== undefined
    },

    async saveDeclaration(d) {
      const { rows } = await db.query(
        `update returnees_declarations set subject = $2, doc_type = $3, doc_number = $4, origin_region = $5, transport = $6,
           departure_date = $7, arrival_date = $8, community_id = $9, address = $10, health = $11, status = $12, risk_level = $13,
           flag_reasons = $14, created_at = $15, created_by = $16, created_by_account = $17, released_at = $18, released_by = $19,
           notes = $20, member_id = $21
         where id = $1 returning id`,
        declarationParams(d),
      )
      if (rows.length !== 1) throw new Error(`returnees store has no declaration ${d.id}`)
    },

    async checkinsOf(declarationId) {
      const { rows } = await db.query(`select ${CHECKIN_COLUMNS} from returnees_checkins where declaration_id = $1 order by seq`, [
        declarationId,
      ])
      return rows.map(toCheckin)
    },

    async checkinsOn(declarationIds, date) {
      const { rows } = await db.query(
        `select ${CHECKIN_COLUMNS} from returnees_checkins where date = $1 and declaration_id = any($2::text[])`,
        [date, [...declarationIds]],
      )
      return new Map(rows.map((r) => [String(r.declaration_id), toCheckin(r)]))
    },

    async insertCheckin(c) {
      const row = await one(
        `insert into returnees_checkins (${CHECKIN_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (declaration_id, date) do nothing returning id`,
        [c.id, c.declarationId, c.date, c.temperature, JSON.stringify(c.symptoms), c.at, c.by, c.byAccount ?? null, c.raisedFlag],
      )
      return row !== undefined
    },
  }
}
