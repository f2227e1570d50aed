import type { Role } from '@/core/contract'
import type { Account, StoredIdentity } from '../core/state'
import { num, optText, type SqlClient } from '../store/sql'
import type { CoreStore, KeptAnswer } from './store'

/** The tables of mock/store/migrations/002_core.sql. */

const ACCOUNT_COLUMNS = 'id, login_code, role, community_id, outlet_id, verified, identity, created_at'

function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

function toAccount(row: Record<string, unknown>): Account {
  const account: Account = {
    id: String(row.id),
    loginCode: String(row.login_code),
    role: row.role as Role,
    verified: Boolean(row.verified),
    createdAt: num(row.created_at),
  }
  const communityId = optText(row.community_id)
  if (communityId !== undefined) account.communityId = communityId
  const outletId = optText(row.outlet_id)
  if (outletId !== undefined) account.outletId = outletId
  if (row.identity !== null && row.identity !== undefined) account.identity = json<StoredIdentity>(row.identity)
  return account
}

function accountParams(a: Account): unknown[] {
  return [
    a.id,
    a.loginCode,
    a.role,
    a.communityId ?? null,
    a.outletId ?? null,
    a.verified,
    a.identity ? JSON.stringify(a.identity) : null,
    a.createdAt,
  ]
}

// Tokens are looked up by their hash (002_core.sql): the token itself is never stored.
const TOKEN_HASH = `sha256(convert_to($1, 'UTF8'))`

/** The core store on PostgreSQL (or PGlite): `db` is the request's transaction. */
export function sqlCoreStore(db: SqlClient): CoreStore {
  const one = async (text: string, params: unknown[]) => (await db.query(text, params)).rows[0]
  return {
    async nextId(prefix) {
      const row = await one(`select nextval('core_ids') as n`, [])
      return `${prefix}${num(row!.n).toString(36).padStart(5, '0')}`
    },

    async account(id) {
      const row = await one(`select ${ACCOUNT_COLUMNS} from core_accounts where id = $1`, [id])
      return row && toAccount(row)
    },

    async accountByLoginCode(code) {
      const row = await one(`select ${ACCOUNT_COLUMNS} from core_accounts where login_code = $1`, [code])
      return row && toAccount(row)
    },

    async insertAccount(account) {
      const row = await one(
        `insert into core_accounts (${ACCOUNT_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (login_code) do nothing returning id`,
        accountParams(account),
      )
      return row !== undefined
    },

    async saveAccount(account) {
      const { rows } = await db.query(
        `update core_accounts set login_code = $2, role = $3, community_id = $4, outlet_id = $5, verified = $6, identity = $7,
           created_at = $8 where id = $1 returning id`,
        accountParams(account),
      )
      if (rows.length !== 1) throw new Error(`core store has no account ${account.id}`)
    },

    async documentHolder(docKey) {
      const row = await one('select account_id from core_documents where doc_key = $1', [docKey])
      return row && String(row.account_id)
    },

    async claimDocument(docKey, accountId) {
      await db.query('insert into core_documents (doc_key, account_id) values ($1, $2) on conflict (doc_key) do nothing', [
        docKey,
        accountId,
      ])
      const row = await one('select account_id from core_documents where doc_key = $1', [docKey])
      return row !== undefined && String(row.account_id) === accountId
    },

    async session(token) {
      const row = await one(`select account_id, expires_at, revoked from core_sessions where token_hash = ${TOKEN_HASH}`, [token])
      return row && { accountId: String(row.account_id), expiresAt: num(row.expires_at), revoked: Boolean(row.revoked) }
    },

    async insertSession(token, session) {
      const row = await one(
        `insert into core_sessions (token_hash, account_id, expires_at, revoked) values (${TOKEN_HASH}, $2, $3, $4)
         on conflict (token_hash) do nothing returning account_id`,
        [token, session.accountId, session.expiresAt, session.revoked],
      )
      return row !== undefined
    },

    async revokeSession(token) {
      await db.query(`update core_sessions set revoked = true where token_hash = ${TOKEN_HASH}`, [token])
    },

    async sms(phone) {
      const row = await one('select account_id, code, sent_at, expires_at, used from core_sms where phone = $1', [phone])
      return (
        row && {
          accountId: String(row.account_id),
          code: String(row.code),
          sentAt: num(row.sent_at),
          expiresAt: num(row.expires_at),
          used: Boolean(row.used),
        }
      )
    },

    async saveSms(phone, sms) {
      await db.query(
        `insert into core_sms (phone, account_id, code, sent_at, expires_at, used) values ($1, $2, $3, $4, $5, $6)
         on conflict (phone) do update set account_id = excluded.account_id, code = excluded.code, sent_at = excluded.sent_at,
           expires_at = excluded.expires_at, used = excluded.used`,
        [phone, sms.accountId, sms.code, sms.sentAt, sms.expiresAt, sms.used],
      )
    },

    async phoneGuard(phone) {
      const row = await one('select wrong, locked_until from core_phone_guards where phone = $1', [phone])
      return row && { wrong: num(row.wrong), lockedUntil: num(row.locked_until) }
    },

    async savePhoneGuard(phone, guard) {
      if (!guard) {
        await db.query('delete from core_phone_guards where phone = $1', [phone])
        return
      }
      await db.query(
        `insert into core_phone_guards (phone, wrong, locked_until) values ($1, $2, $3)
         on conflict (phone) do update set wrong = excluded.wrong, locked_until = excluded.locked_until`,
        [phone, guard.wrong, guard.lockedUntil],
      )
    },

    async keptAnswer(key) {
      const row = await one('select body, status, response, at from core_idempotency where key = $1', [key])
      if (!row) return undefined
      const kept: KeptAnswer = { body: String(row.body), at: num(row.at) }
      if (row.status !== null && row.status !== undefined) kept.status = num(row.status)
      if (row.response !== null && row.response !== undefined) kept.response = json(row.response)
      return kept
    },

    async claimKey(key, claim, staleBefore) {
      // On a key another transaction holds, the insert waits for it to end, then sees its row.
      const row = await one(
        `insert into core_idempotency (key, body, status, response, at) values ($1, $2, null, null, $3)
         on conflict (key) do update set body = excluded.body, status = null, response = null, at = excluded.at
           where core_idempotency.at <= $4
         returning key`,
        [key, claim.body, claim.at, staleBefore],
      )
      return row !== undefined
    },

    async keepAnswer(key, answer) {
      await db.query(
        `insert into core_idempotency (key, body, status, response, at) values ($1, $2, $3, $4, $5)
         on conflict (key) do update set body = excluded.body, status = excluded.status, response = excluded.response, at = excluded.at`,
        [key, answer.body, answer.status, answer.response === undefined ? null : JSON.stringify(answer.response), answer.at],
      )
    },

    async releaseKey(key) {
      await db.query('delete from core_idempotency where key = $1', [key])
    },

    async forgetAnswers(before) {
      await db.query('delete from core_idempotency where at <= $1', [before])
    },
  }
}
