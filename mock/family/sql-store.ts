import type { DocType, Relation } from '@/core/contract'
import { num, optNum, optText, type SqlClient } from '../store/sql'
import { memberDocKey, type FamilyStore, type StoredMember } from './store'

/** The table of mock/store/migrations/006_family.sql. */

const COLUMNS = 'id, owner_id, name, doc_type, doc_number, relation, created_at, ended_at, ended_by'

function toMember(row: Record<string, unknown>): StoredMember {
  const m: StoredMember = {
    id: String(row.id),
    ownerId: String(row.owner_id),
    name: String(row.name),
    docType: row.doc_type as DocType,
    docNumber: String(row.doc_number),
    relation: row.relation as Relation,
    createdAt: num(row.created_at),
  }
  const endedAt = optNum(row.ended_at)
  if (endedAt !== undefined) m.endedAt = endedAt
  const endedBy = optText(row.ended_by)
  if (endedBy !== undefined) m.endedBy = endedBy as StoredMember['endedBy']
  return m
}

export function sqlFamilyStore(db: SqlClient): FamilyStore {
  const lock = (what: string) => db.query('select pg_advisory_xact_lock(hashtext($1))', [what])
  return {
    async lockForAdd(ownerId, docKey) {
      // Always the account first, then the document: two adds never wait on each other in a circle.
      await lock(`family-account:${ownerId}`)
      await lock(`family-document:${docKey}`)
    },

    async membersOfAccount(ownerId) {
      const { rows } = await db.query(`select ${COLUMNS} from family_members where owner_id = $1 order by created_at, id`, [ownerId])
      return rows.map(toMember)
    },

    async membershipsOfDocument(docKey) {
      const { rows } = await db.query(`select ${COLUMNS} from family_members where doc_key = $1 order by created_at, id`, [docKey])
      return rows.map(toMember)
    },

    async member(id) {
      const { rows } = await db.query(`select ${COLUMNS} from family_members where id = $1`, [id])
      return rows[0] ? toMember(rows[0]) : undefined
    },

    async insertMember(m) {
      await db.query(
        `insert into family_members (id, owner_id, doc_key, name, doc_type, doc_number, relation, created_at, ended_at, ended_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [m.id, m.ownerId, memberDocKey(m), m.name, m.docType, m.docNumber, m.relation, m.createdAt, m.endedAt ?? null, m.endedBy ?? null],
      )
    },

    async saveMember(m) {
      const { rows } = await db.query('update family_members set ended_at = $2, ended_by = $3 where id = $1 returning id', [
        m.id,
        m.endedAt ?? null,
        m.endedBy ?? null,
      ])
      if (rows.length !== 1) throw new Error(`family store has no member ${m.id}`)
    },
  }
}
