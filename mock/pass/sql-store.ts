import { num, type SqlClient } from '../store/sql'
import { checkId, type PassStore, type StoredPassCheck } from './store'

/** The tables of mock/store/migrations/005_pass.sql. */

function toCheck(row: Record<string, unknown>): StoredPassCheck {
  return {
    id: checkId(num(row.seq)),
    docKey: String(row.doc_key),
    at: num(row.at),
    by: row.by_role as StoredPassCheck['by'],
    place: String(row.place),
  }
}

export function sqlPassStore(db: SqlClient): PassStore {
  return {
    async passIdOf(docKey, fresh) {
      // Two first looks at once: one insert wins, both read the winner.
      await db.query('insert into pass_holders (doc_key, pass_id) values ($1, $2) on conflict (doc_key) do nothing', [docKey, fresh()])
      const { rows } = await db.query<{ pass_id: string }>('select pass_id from pass_holders where doc_key = $1', [docKey])
      return String(rows[0]!.pass_id)
    },

    async documentOfPass(passId) {
      const { rows } = await db.query<{ doc_key: string }>('select doc_key from pass_holders where pass_id = $1', [passId])
      return rows[0] ? String(rows[0].doc_key) : undefined
    },

    async insertCheck(check) {
      const { rows } = await db.query(
        'insert into pass_checks (doc_key, at, by_role, place) values ($1, $2, $3, $4) returning seq, doc_key, at, by_role, place',
        [check.docKey, check.at, check.by, check.place],
      )
      return toCheck(rows[0]!)
    },

    async checksOf(docKey) {
      const { rows } = await db.query(
        'select seq, doc_key, at, by_role, place from pass_checks where doc_key = $1 order by at desc, seq desc',
        [docKey],
      )
      return rows.map(toCheck)
    },

    async lookupsSince(accountId, since) {
      await db.query('select pg_advisory_xact_lock(hashtext($1))', [`pass-lookups:${accountId}`])
      await db.query('delete from pass_lookups where account_id = $1 and at <= $2', [accountId, since])
      const { rows } = await db.query<{ at: unknown }>('select at from pass_lookups where account_id = $1 order by at', [accountId])
      return rows.map((r) => num(r.at))
    },

    async recordLookup(accountId, at) {
      await db.query('insert into pass_lookups (account_id, at) values ($1, $2)', [accountId, at])
    },
  }
}
