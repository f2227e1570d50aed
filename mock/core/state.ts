import type { DocType, Role } from '@/core/contract'

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

/** Everything the core of the mock keeps. Plain JSON, so embedded mode can persist it. */
export interface CoreState {
  seed: number
  counters: { ids: number; secret: { value: number } }
  accounts: Record<string, Account>
  accountByLoginCode: Record<string, string>
  sessions: Record<string, SessionRecord>
  /** `docType:docNumber` → the account it verified. */
  documents: Record<string, string>
  sms: Record<string, SmsRecord>
  phoneGuards: Record<string, PhoneGuard>
  idempotency: Record<string, IdempotencyRecord>
  /** Server time of the last sweep of expired idempotency answers. */
  idempotencySweptAt?: number
}

export interface Db {
  core: CoreState
  services: Record<string, unknown>
}

export function emptyCoreState(seed: number): CoreState {
  return {
    seed,
    counters: { ids: 0, secret: { value: 0 } },
    accounts: {},
    accountByLoginCode: {},
    sessions: {},
    documents: {},
    sms: {},
    phoneGuards: {},
    idempotency: {},
  }
}

export function documentKey(docType: DocType, docNumber: string): string {
  return `${docType}:${docNumber}`
}

/** Short ids with a prefix per kind; they follow from the seed because the counter does. */
export function nextId(db: Db, prefix: string): string {
  db.core.counters.ids += 1
  return `${prefix}${db.core.counters.ids.toString(36).padStart(5, '0')}`
}
