import { createBackend, type Backend, type BackendOptions } from '@/mock/backend'
import { MockClock, SEED_EPOCH_MS } from '@/mock/core/clock'
import type { MockResponse } from '@/mock/core/http'
import { residentId } from '@/mock/core/people'
import type { User } from '@/core/contract'
import { residentIdCheckChar } from '@/core/identity/documents'
import { expectContractAnswer } from './answers'
import { storeUnderTest } from './store-under-test'

/** A backend with a frozen clock at the seed's start, straight from the handlers. */
export function testBackend(options: BackendOptions = {}): Backend {
  return createBackend({
    controls: true,
    clock: new MockClock(SEED_EPOCH_MS, { frozen: true }),
    storage: storeUnderTest(options),
    ...options,
  })
}

export interface CallInit {
  body?: unknown
  token?: string
  headers?: Record<string, string>
  query?: Record<string, string>
  /** Send this text as the body instead of JSON of `body`. */
  raw?: string
}

/**
 * An answer's JSON as tests read it: field by field, every read checked by an assertion at run
 * time, so a wrong path fails the test rather than the compile.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above; the only `any` of the suite
export type JsonBody = any

export async function call(
  backend: Backend,
  method: string,
  path: string,
  init: CallInit = {},
): Promise<MockResponse & { body: JsonBody }> {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v
  if (init.token) headers.authorization = `Bearer ${init.token}`
  const fullPath = path.startsWith('/__mock') ? path : `/api/v1${path}`
  const res = await backend.handle({
    method,
    path: fullPath,
    query: init.query ?? {},
    headers,
    rawBody: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  })
  if (res.status >= 400) expectReadableError(res.body, `${method} ${path} → ${res.status}`)
  if (method === 'GET' && path === '/me/attention' && res.status === 200) expectDistinctIds(res.body, path)
  if (!path.startsWith('/__mock')) expectContractAnswer(method, path.split('?')[0], res.status, res.body)
  return res as MockResponse & { body: JsonBody }
}

/** The home page keys its items by `id`: every item of every answer has its own, never empty. */
function expectDistinctIds(body: unknown, where: string): void {
  const ids = ((body as { items?: { id?: unknown }[] }).items ?? []).map((item) => item.id)
  if (ids.some((id) => typeof id !== 'string' || id === '') || new Set(ids).size !== ids.length) {
    throw new Error(`${where}: attention ids must be distinct and not empty: ${JSON.stringify(ids)}`)
  }
}

const CHINESE = /[\u4e00-\u9fff]/

/**
 * docs/API.md's error envelope, checked on every refusal any test provokes: an UPPER_SNAKE code
 * and a message (and per-field messages) a person can read, in Chinese. A refusal that lost its
 * words is as broken as one with the wrong code.
 */
export function expectReadableError(body: unknown, where: string): void {
  const error = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error
  const fail = (why: string) => {
    throw new Error(`${where}: ${why}: ${JSON.stringify(body)}`)
  }
  if (!error) fail('no error envelope')
  if (typeof error!.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(error!.code)) fail('code is not UPPER_SNAKE')
  if (typeof error!.message !== 'string' || !CHINESE.test(error!.message)) fail('message is not Chinese text')
  if (error!.fields !== undefined) {
    for (const [field, text] of Object.entries(error!.fields as Record<string, unknown>)) {
      if (typeof text !== 'string' || !CHINESE.test(text)) fail(`fields.${field} is not Chinese text`)
    }
  }
}

/**
 * Every item of a list, following `nextCursor`, `limit` at a time; `afterPage` sees each next
 * cursor before it is followed. Stops after 1,000 pages, so a broken cursor fails rather than hangs.
 */
export async function walkList(
  backend: Backend,
  path: string,
  token: string,
  limit: number,
  afterPage?: (cursor: string, pages: number) => void | Promise<void>,
): Promise<JsonBody[]> {
  const items: JsonBody[] = []
  let cursor: string | null = null
  for (let pages = 1; pages <= 1000; pages += 1) {
    const page: JsonBody = (await call(backend, 'GET', path, { token, query: { limit: String(limit), ...(cursor ? { cursor } : {}) } }))
      .body
    items.push(...page.items)
    cursor = page.nextCursor
    if (!cursor) return items
    await afterPage?.(cursor, pages)
  }
  throw new Error(`${path}: still a next cursor after 1,000 pages`)
}

export async function login(backend: Backend, code: string): Promise<{ token: string; user: User }> {
  const res = await call(backend, 'POST', '/auth/login', { body: { code } })
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`)
  return res.body
}

let personCounter = 0
/** A fresh valid mainland ID number (Beijing region, so never a seeded person's). */
export function newResidentId(n = (personCounter += 1)): string {
  const year = 1960 + (n % 40)
  const month = String((n % 12) + 1).padStart(2, '0')
  const day = String((n % 27) + 1).padStart(2, '0')
  return residentId('110105', `${year}-${month}-${day}`, Math.floor(n / 1000) * 7 + (n % 1000))
}

export function newPhone(n: number): string {
  return `139${String(n).padStart(8, '0')}`
}

/** What `/identity/verify` takes, as a resident with the sample document unless `patch` says else. */
export interface VerifyBody {
  name: string
  docType: string
  docNumber: string
  phone: string
  smsCode: string
  [field: string]: unknown
}

let phoneCounter = 7000
/**
 * Logs `code` in and asks for an SMS code to `phone` (a fresh number unless given): the first half
 * of a verification. `body` is the verify request that code completes, patched; `sms` is the
 * SMS answer, unchecked.
 */
export async function startVerification(
  backend: Backend,
  code: string,
  phone: string = newPhone((phoneCounter += 1)),
): Promise<{
  token: string
  phone: string
  sms: MockResponse & { body: JsonBody }
  body: (patch?: Record<string, unknown>) => VerifyBody
}> {
  const { token } = await login(backend, code)
  const sms = await call(backend, 'POST', '/identity/sms', { token, body: { phone } })
  const body = (patch: Record<string, unknown> = {}): VerifyBody => ({
    name: '张三',
    docType: 'resident_id',
    docNumber: '11010519491231002X',
    phone,
    smsCode: sms.body?.devCode,
    ...patch,
  })
  return { token, phone, sms, body }
}

/** Logs `code` in and passes verification with a fresh document; returns the token and user. */
export async function verifiedCitizen(
  backend: Backend,
  code: string,
  person: { name?: string; docNumber?: string; phone?: string } = {},
): Promise<{ token: string; user: User; docNumber: string; phone: string }> {
  personCounter += 1
  const docNumber = person.docNumber ?? newResidentId(personCounter)
  const { token, phone, sms, body } = await startVerification(backend, code, person.phone ?? newPhone(personCounter))
  if (sms.status !== 200) throw new Error(`sms failed: ${sms.status} ${JSON.stringify(sms.body)}`)
  const res = await call(backend, 'POST', '/identity/verify', { token, body: body({ name: person.name ?? '张三', docNumber }) })
  if (res.status !== 200) throw new Error(`verify failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { token, user: res.body, docNumber, phone }
}

/**
 * A 2023-form foreigner permanent residence ID: 9, the province-level code of where it was issued,
 * a nationality code (840), a birth date (1985-06-15), a sequence, and the ISO 7064 MOD 11-2 check
 * character computed with the same function as a mainland ID's.
 */
export function foreignerId(province = '31', sequence = 1): string {
  const first17 = `9${province}84019850615${String(sequence).padStart(3, '0')}`
  return first17 + residentIdCheckChar(first17)
}

/** The first sequence whose check character is X: every such number was refused before. */
export function foreignerIdEndingInX(province = '31'): string {
  for (let sequence = 0; sequence < 1000; sequence += 1) {
    const id = foreignerId(province, sequence)
    if (id.endsWith('X')) return id
  }
  throw new Error('no sequence gives X')
}

/** Stable test UUIDs (v4 shape), so idempotency keys are readable in failures. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
}
