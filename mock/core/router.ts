import * as v from 'valibot'
import { issuesToFields } from '@/core/contract/common'
import type { MockClock } from './clock'
import { HttpError, MAX_BODY_BYTES, errorResponseOf, utf8Length, validationFailed, type MockRequest, type MockResponse } from './http'
import type { Randomness } from './secrets'
import type { Account, Db, SessionRecord } from './state'
import type { RequestStores } from './storage'
import type { FamilyMemberRecord, PassStanding } from './module'
import type { DocType } from '@/core/contract'

/** Every path of the contract starts here (docs/API.md, Transport). */
export const API_PREFIX = '/api/v1'
/** The mock's controls sit under the API like every path; the backend serves them at the root too. */
export const CONTROL_PREFIX = `${API_PREFIX}/__mock`

/**
 * What a route does with `Authorization` (docs/API.md, Transport). Every token that is read goes
 * through the backend's one token check.
 * - `required` ("token" in API.md): a valid token, or 401.
 * - `none`: no token needed, but one that is sent must be valid (401 otherwise), and names the caller.
 * - `ignore`: the header is not read: `POST /auth/login` (a dead token is why one logs in) and the
 *   mock controls (a test resetting its world holds tokens that the reset kills).
 */
export type AuthMode = 'none' | 'required' | 'ignore'

export interface Ctx {
  /** The memory state (the embedded build persists it). Rules read and write through `stores`. */
  db: Db
  /** This request's stores, all in one transaction. */
  stores: RequestStores
  clock: MockClock
  req: MockRequest
  params: Record<string, string>
  account?: Account
  /** The caller's session and its token, once the token check has passed. */
  session?: SessionRecord
  token?: string
  /** Backend-wide services (secrets, module bases, regions). */
  env: BackendEnv
}

export interface BackendEnv {
  seed: number
  /** The key cursors are signed with (the world's `core.secret`). */
  secret: string
  /** Tokens, SMS and pickup codes: from the backend's random source, never from the seed. */
  random: Randomness
  /** SMS codes are shown in the answer (`devCode`): the mock and the embedded demo, never a production server. */
  devCodes: boolean
  bases: Record<string, unknown>
  faults: Faults
  /** Swap in a fresh world (the reset control), in the stores of the request asking. */
  reset(seed: number, stores: RequestStores): Promise<void>
  /** Ask the service modules what a login code means (staff of an outlet, …). */
  resolveLoginCode(code: string, ctx: Ctx): Partial<Account> | null
  attentionFor(ctx: Ctx, account: Account): Promise<import('@/core/contract').AttentionItem[]>
  /** Every service's word on a document's pass, worst first (empty: green). */
  passStandingsOf(ctx: Ctx, docType: DocType, docNumber: string): Promise<PassStanding[]>
  /** The names the services know a document's holder by (a declaration's subject). */
  namesOfDocument(ctx: Ctx, docType: DocType, docNumber: string): Promise<string[]>
  /** Where a checker works (a worker's community, a staff member's outlet), as the holder's checks list shows it. */
  placeOf(ctx: Ctx, account: Account): string | null
  /** A family membership by its id, ended or not; undefined when there is none. */
  familyMember(ctx: Ctx, memberId: string): Promise<FamilyMemberRecord | undefined>
  /** The members an account still holds, oldest first. */
  familyMembersOf(ctx: Ctx, ownerId: string): Promise<FamilyMemberRecord[]>
}

export interface Faults {
  latencyMs: number
  failRate: number
  dropRate: number
}

export interface RouteSpec<B extends v.GenericSchema | undefined, Q extends v.GenericSchema | undefined> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Full path with `:params`, e.g. `/api/v1/masks/reservations/:id/cancel`. */
  path: string
  auth: AuthMode
  body?: B
  query?: Q
  /** A create that honours `Idempotency-Key`. */
  idempotent?: boolean
  /** A control (its path under `CONTROL_PREFIX`): never faulted, absent from production, also served at the root. */
  control?: boolean
  handle(
    ctx: Ctx,
    input: {
      body: B extends v.GenericSchema ? v.InferOutput<B> : undefined
      query: Q extends v.GenericSchema ? v.InferOutput<Q> : Record<string, string>
    },
  ): MockResponse | Promise<MockResponse>
}

export interface Route {
  method: string
  path: string
  auth: AuthMode
  idempotent: boolean
  control: boolean
  matcher: RegExp
  paramNames: string[]
  run(ctx: Ctx): Promise<MockResponse>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/** A path with `:params` as a matcher, and the params' names in order. */
function compilePath(path: string): { matcher: RegExp; paramNames: string[] } {
  const paramNames: string[] = []
  const pattern = path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    paramNames.push(name)
    return '([^/]+)'
  })
  return { matcher: new RegExp(`^${pattern}$`), paramNames }
}

export function route<B extends v.GenericSchema | undefined = undefined, Q extends v.GenericSchema | undefined = undefined>(
  spec: RouteSpec<B, Q>,
): Route {
  // A control elsewhere would escape `rootAlias` and the fault exemption that goes with the prefix.
  if (spec.control && !spec.path.startsWith(`${CONTROL_PREFIX}/`)) throw new Error(`control ${spec.path} not under ${CONTROL_PREFIX}`)
  return {
    method: spec.method,
    path: spec.path,
    auth: spec.auth,
    idempotent: Boolean(spec.idempotent),
    control: Boolean(spec.control),
    ...compilePath(spec.path),
    async run(ctx) {
      let body: unknown
      if (spec.body) {
        const parsed = v.safeParse(spec.body, parseJsonBody(ctx.req))
        if (!parsed.success) throw validationFailed(issuesToFields(parsed.issues))
        body = parsed.output
      }
      let query: unknown = ctx.req.query
      if (spec.query) {
        const parsed = v.safeParse(spec.query, ctx.req.query)
        if (!parsed.success) throw validationFailed(issuesToFields(parsed.issues))
        query = parsed.output
      }
      return spec.handle(ctx, { body, query } as Parameters<RouteSpec<B, Q>['handle']>[1])
    },
  }
}

/** A control route also at the root (`/__mock/reset`), where the project's tests, benchmarks and e2e flows call it. */
export function rootAlias(control: Route): Route {
  const path = control.path.slice(API_PREFIX.length)
  return { ...control, path, ...compilePath(path) }
}

/** The JSON body, or a 400: not JSON, over 64 KiB or not an object. */
const parsedBodies = new WeakMap<MockRequest, unknown>()

export function parseJsonBody(req: MockRequest): unknown {
  // A create reads its body twice (the idempotency check, then the route): parse it once.
  if (parsedBodies.has(req)) return parsedBodies.get(req)
  const value = parseJsonBodyOnce(req)
  parsedBodies.set(req, value)
  return value
}

function parseJsonBodyOnce(req: MockRequest): unknown {
  const raw = req.rawBody ?? ''
  if (utf8Length(raw) > MAX_BODY_BYTES) {
    throw validationFailed({ body: '提交的内容超过 64 KiB' }, '提交的内容过大')
  }
  if (raw.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw validationFailed({ body: '提交的内容不是有效的 JSON' }, '提交的内容格式不正确')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw validationFailed({ body: '提交的内容应为 JSON 对象' }, '提交的内容格式不正确')
  }
  return value
}

/** Canonical text of a body, so `{a,b}` and `{b,a}` count as the same for idempotency. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000

/**
 * Runs a create under its `Idempotency-Key`: the same key and body answer the first answer again;
 * another body is a conflict. Answers of 500 and up, and 429, are not kept: they may go another
 * way next time.
 */
export async function withIdempotency(ctx: Ctx, scope: string, run: () => Promise<MockResponse>): Promise<MockResponse> {
  const key = ctx.req.headers['idempotency-key']
  if (key === undefined) return run()
  if (!UUID.test(key)) {
    throw validationFailed({ 'Idempotency-Key': 'Idempotency-Key 应为 UUID' }, 'Idempotency-Key 格式不正确')
  }
  let bodyText: string
  try {
    bodyText = canonicalJson(parseJsonBody(ctx.req))
  } catch {
    bodyText = `raw:${ctx.req.rawBody ?? ''}`
  }
  const now = ctx.clock.now()
  const store = ctx.stores.core
  const storeKey = `${scope}|${ctx.req.path}|${key}`
  // The key is claimed before the create runs: a second request with it (another process, at the
  // same moment) waits for this one's transaction, then answers its answer.
  if (!(await store.claimKey(storeKey, { body: bodyText, at: now }, now - IDEMPOTENCY_TTL_MS))) {
    const previous = await store.keptAnswer(storeKey)
    if (previous?.status === undefined) throw new Error('an idempotency key was held without an answer')
    if (previous.body !== bodyText) {
      throw new HttpError(409, 'IDEMPOTENCY_CONFLICT', '同一个 Idempotency-Key 已用于不同的内容')
    }
    return { status: previous.status, body: previous.response }
  }
  let response: MockResponse
  try {
    response = await run()
  } catch (e) {
    await store.releaseKey(storeKey)
    if (!(e instanceof HttpError)) throw e
    response = errorResponseOf(e)
  }
  if (response.status < 500 && response.status !== 429) {
    await store.keepAnswer(storeKey, { body: bodyText, status: response.status, response: response.body, at: now })
  } else {
    await store.releaseKey(storeKey)
  }
  return response
}

/** How often, on the server's clock, kept answers are swept (lookups check their age anyway). */
export const IDEMPOTENCY_SWEEP_MS = 60 * 1000

/**
 * Forgets answers older than 24 h. A sweep walks every kept answer, so it runs at most once a
 * minute of server time rather than on every create: under a rush, thousands of keys are kept.
 */
export async function pruneIdempotency(ctx: Ctx): Promise<void> {
  const now = ctx.clock.now()
  // The time of the last sweep is the process's (a database's sweeps may overlap: they are idempotent).
  const meta = ctx.db.core
  if (meta.idempotencySweptAt !== undefined && Math.abs(now - meta.idempotencySweptAt) < IDEMPOTENCY_SWEEP_MS) return
  meta.idempotencySweptAt = now
  await ctx.stores.core.forgetAnswers(now - IDEMPOTENCY_TTL_MS)
}
