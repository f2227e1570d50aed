import type { DocType, Role } from '@/core/contract'
import { dictOf, type Dict } from './dict'

export interface StoredIdentity {
  name: string
  docType: DocType
  docNumber: string
  phone: string
  birthDate?: string
  gender?: 'male' | 'female'
}

export interface Account {
  id: string
  loginCode: string
  role: Role
  communityId?: string
  outletId?: string
  verified: boolean
  identity?: StoredIdentity
  createdAt: number
}

export interface SessionRecord {
  accountId: string
  expiresAt: number
  revoked: boolean
}

export interface SmsRecord {
  accountId: string
  code: string
  sentAt: number
  expiresAt: number
  used: boolean
}

export interface PhoneGuard {
  wrong: number
  lockedUntil: number
}

export interface IdempotencyRecord {
  body: string
  status: number
  response: unknown
  at: number
}

/**
 * Everything the core of the mock keeps. Plain JSON, so embedded mode can persist it. Every store
 * keyed by something a client sends (a login code, a token, a document) is a `Dict`.
 */
export interface CoreState {
  seed: number
  /**
   * The key that signs cursors: drawn from the backend's random source for each world (or pinned),
   * never from the seed. Kept with the state, so a restored backend still reads its own cursors.
   */
  secret: string
  counters: { ids: number }
  accounts: Dict<Account>
  accountByLoginCode: Dict<string>
  /** token → session */
  sessions: Dict<SessionRecord>
  /** `docType:docNumber` → the account it verified. */
  documents: Dict<string>
  /** phone → the last code sent to it */
  sms: Dict<SmsRecord>
  phoneGuards: Dict<PhoneGuard>
  /** `scope|path|key` → the kept answer */
  idempotency: Dict<IdempotencyRecord>
  /** Server time of the last sweep of expired idempotency answers. */
  idempotencySweptAt?: number
}

export interface Db {
  core: CoreState
  /** Module name → its state. Keyed by the names in mock/modules.ts, never by anything a client sends. */
  services: Record<string, unknown>
}

export function emptyCoreState(seed: number, secret: string): CoreState {
  return {
    seed,
    secret,
    counters: { ids: 0 },
    accounts: dictOf(),
    accountByLoginCode: dictOf(),
    sessions: dictOf(),
    documents: dictOf(),
    sms: dictOf(),
    phoneGuards: dictOf(),
    idempotency: dictOf(),
  }
}

export function documentKey(docType: DocType, docNumber: string): string {
  return `${docType}:${docNumber}`
}

/** Short ids with a prefix per kind; they follow from the seed because the counter does. */
export function nextId(core: CoreState, prefix: string): string {
  core.counters.ids += 1
  return `${prefix}${core.counters.ids.toString(36).padStart(5, '0')}`
}
