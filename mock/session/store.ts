import { dictDelete, dictEntries, dictGet, dictHas, dictSet } from '../core/dict'
import {
  nextId,
  type Account,
  type CoreState,
  type IdempotencyRecord,
  type PhoneGuard,
  type SessionRecord,
  type SmsRecord,
} from '../core/state'

/** An answer kept for an `Idempotency-Key`; `status` is absent while its first request is still running. */
export type KeptAnswer = Omit<IdempotencyRecord, 'status' | 'response'> & { status?: number; response?: unknown }

/**
 * Everything the core (accounts, sessions, SMS codes, the phone locks, idempotency answers) reads
 * and writes, so its rules are written once whatever keeps the data. Rows come out as copies: a
 * change reaches the store only through a save. The conditional methods hold their rule on their
 * own, as a database's unique indexes would: two first logins with one code make one account, a
 * document verifies one account, a token names one session, a key is claimed by one request.
 */
export interface CoreStore {
  /** A new id with this prefix, from one counter for the whole world: ids never repeat. */
  nextId(prefix: string): Promise<string>

  account(id: string): Promise<Account | undefined>
  accountByLoginCode(code: string): Promise<Account | undefined>
  /** A new account; false (and nothing kept) when its login code already has one. */
  insertAccount(account: Account): Promise<boolean>
  saveAccount(account: Account): Promise<void>

  /** The account a document (`docType:docNumber`) verified, if any. */
  documentHolder(docKey: string): Promise<string | undefined>
  /** Binds a document to an account: false when another account holds it. */
  claimDocument(docKey: string, accountId: string): Promise<boolean>

  session(token: string): Promise<SessionRecord | undefined>
  /** A new session: false (and nothing kept) when the token is taken. */
  insertSession(token: string, session: SessionRecord): Promise<boolean>
  revokeSession(token: string): Promise<void>

  /** The last code sent to a phone. */
  sms(phone: string): Promise<SmsRecord | undefined>
  saveSms(phone: string, sms: SmsRecord): Promise<void>
  phoneGuard(phone: string): Promise<PhoneGuard | undefined>
  /** Keeps a phone's wrong-code count and lock; undefined forgets them. */
  savePhoneGuard(phone: string, guard: PhoneGuard | undefined): Promise<void>

  keptAnswer(key: string): Promise<KeptAnswer | undefined>
  /**
   * Claims a key for the request about to run: true when it had no answer, or only one from
   * `staleBefore` or earlier (replaced). False when another request holds it; on a database the
   * claim waits for that request to finish first, so the caller then reads its answer.
   */
  claimKey(key: string, claim: KeptAnswer, staleBefore: number): Promise<boolean>
  keepAnswer(key: string, answer: IdempotencyRecord): Promise<void>
  releaseKey(key: string): Promise<void>
  /** Forgets the answers kept at `before` or earlier. */
  forgetAnswers(before: number): Promise<void>
}

function copy<T extends object>(row: T): T {
  return structuredCopy(row)
}

/** Accounts hold a nested identity: a copy must not share it with the stored row. */
function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** The store over the core's plain JSON state: what `npm run mock`, the tests and the embedded build keep. */
export function memoryCoreStore(core: CoreState): CoreStore {
  const answers = core.idempotency
  return {
    async nextId(prefix) {
      return nextId(core, prefix)
    },

    async account(id) {
      const found = dictGet(core.accounts, id)
      return found && copy(found)
    },

    async accountByLoginCode(code) {
      const id = dictGet(core.accountByLoginCode, code)
      const found = id === undefined ? undefined : dictGet(core.accounts, id)
      return found && copy(found)
    },

    async insertAccount(account) {
      if (dictHas(core.accountByLoginCode, account.loginCode)) return false
      dictSet(core.accounts, account.id, copy(account))
      dictSet(core.accountByLoginCode, account.loginCode, account.id)
      return true
    },

    async saveAccount(account) {
      if (!dictHas(core.accounts, account.id)) throw new Error(`core store has no account ${account.id}`)
      dictSet(core.accounts, account.id, copy(account))
    },

    async documentHolder(docKey) {
      return dictGet(core.documents, docKey)
    },

    async claimDocument(docKey, accountId) {
      const holder = dictGet(core.documents, docKey)
      if (holder !== undefined) return holder === accountId
      dictSet(core.documents, docKey, accountId)
      return true
    },

    async session(token) {
      const found = dictGet(core.sessions, token)
      return found && copy(found)
    },

    async insertSession(token, session) {
      if (dictHas(core.sessions, token)) return false
      dictSet(core.sessions, token, copy(session))
      return true
    },

    async revokeSession(token) {
      const found = dictGet(core.sessions, token)
      if (found) found.revoked = true
    },

    async sms(phone) {
      const found = dictGet(core.sms, phone)
      return found && copy(found)
    },

    async saveSms(phone, sms) {
      dictSet(core.sms, phone, copy(sms))
    },

    async phoneGuard(phone) {
      const found = dictGet(core.phoneGuards, phone)
      return found && copy(found)
    },

    async savePhoneGuard(phone, guard) {
      if (guard) dictSet(core.phoneGuards, phone, copy(guard))
      else dictDelete(core.phoneGuards, phone)
    },

    async keptAnswer(key) {
      const found = dictGet(answers, key)
      return found && copy(found)
    },

    async claimKey(key, claim, staleBefore) {
      const found = dictGet(answers, key)
      if (found && found.at > staleBefore) return false
      // A claim is kept without a status until its answer replaces it (or it is released).
      dictSet(answers, key, copy(claim) as IdempotencyRecord)
      return true
    },

    async keepAnswer(key, answer) {
      dictSet(answers, key, copy(answer))
    },

    async releaseKey(key) {
      dictDelete(answers, key)
    },

    async forgetAnswers(before) {
      for (const [key, kept] of dictEntries(answers)) if (kept.at <= before) dictDelete(answers, key)
    },
  }
}
