import { IDEMPOTENCY_TTL_MS } from '@/mock/core/router'
import type { JsonBody } from '../../helpers/backend'
import type { FuzzRoute } from './routes'
import { isRecord } from './fixture'
import type { Answer } from './transport'

/** The contract's error codes: `UPPER_SNAKE`. */
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/

/** What is wrong with one answer, by the rules every answer obeys (docs/API.md, Transport). */
export function answerProblems(a: Answer): string[] {
  if (a.failure) return [`${a.failure.kind}: ${a.failure.detail}`]
  const out: string[] = []
  if (a.status >= 500) out.push(`${a.status} ${isRecord(a.body) && isRecord(a.body.error) ? String(a.body.error.code) : ''}`.trim())
  if (a.status >= 400 && a.status < 500) {
    const error: unknown = isRecord(a.body) ? a.body.error : undefined
    if (!isRecord(error)) out.push(`${a.status} without { error }: ${JSON.stringify(a.body)?.slice(0, 120)}`)
    else {
      if (typeof error.code !== 'string' || !UPPER_SNAKE.test(error.code))
        out.push(`${a.status} error.code not UPPER_SNAKE: ${JSON.stringify(error.code)}`)
      if (typeof error.message !== 'string' || error.message.trim() === '')
        out.push(`${a.status} error.message empty: ${JSON.stringify(error.message)}`)
      if (error.fields !== undefined) {
        const ok = isRecord(error.fields) && Object.values(error.fields).every((m) => typeof m === 'string' && m.trim() !== '')
        if (!ok) out.push(`${a.status} error.fields not { field: message }: ${JSON.stringify(error.fields)?.slice(0, 120)}`)
      }
    }
    if (a.status === 429 && !/^\d+$/.test(a.headers['retry-after'] ?? '')) out.push('429 without Retry-After')
  }
  return out
}

interface Change {
  path: string[]
  before: unknown
  after: unknown
}

function diff(a: unknown, b: unknown, path: string[], out: Change[]): void {
  if (out.length > 50) return
  if (a === b) return
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) diff(a[i], b[i], [...path, String(i)], out)
    return
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    for (const k of keys) {
      const inA = Object.prototype.hasOwnProperty.call(a, k)
      const inB = Object.prototype.hasOwnProperty.call(b, k)
      diff(inA ? a[k] : undefined, inB ? b[k] : undefined, [...path, k], out)
    }
    return
  }
  out.push({ path, before: a, after: b })
}

interface RefusedRequest {
  route: FuzzRoute
  answer: Answer
  /** `Idempotency-Key` as the backend read it. */
  idempotencyKey?: string
  /** The server's clock, for the age of kept answers. */
  now: number
}

/**
 * The only writes a refused request may make, each the contract's own bookkeeping:
 *
 * - `core.idempotency[<account>|<path>|<key>]`: the contract keeps every answer below 500 but 429
 *   for 24 h, refusals included, so a retry gets the same refusal. Allowed only on a route that
 *   takes the key, only for the entry of the key this request sent, only holding this answer's status.
 * - `core.idempotencySweptAt`, and entries older than 24 h going: the sweep of kept answers runs
 *   on any create, refused or not.
 * - `core.phoneGuards[<phone>]`: a wrong SMS code is a 400 that counts towards the phone's lock
 *   (`fields.smsCode`); allowed only on that answer and for one phone.
 *
 * - `services.pass.lookups[<account>]`: a lookup that matched no one is a 404 that counts towards
 *   the checker's hourly limit, and any lookup forgets the ones older than the hour; allowed only
 *   on `POST /pass/lookup` answered 404 or 429.
 *
 * Everything else (accounts, sessions, documents, SMS codes, counters, every service's state) must
 * be exactly as it was.
 */
function allowed(c: Change, r: RefusedRequest, after: JsonBody, before: JsonBody): boolean {
  const [top, part, key] = c.path
  if (top === 'services' && part === 'pass' && key === 'lookups') {
    return r.route.path.endsWith('/pass/lookup') && (r.answer.status === 404 || r.answer.status === 429)
  }
  if (top !== 'core') return false
  if (part === 'idempotencySweptAt') return r.route.idempotent
  if (part === 'idempotency' && key !== undefined) {
    const kept: unknown = after.core.idempotency[key]
    if (kept === undefined) {
      const was: unknown = before.core.idempotency[key]
      return r.route.idempotent && isRecord(was) && typeof was.at === 'number' && r.now - was.at >= IDEMPOTENCY_TTL_MS
    }
    return (
      r.route.idempotent &&
      r.idempotencyKey !== undefined &&
      key.endsWith(`|${r.idempotencyKey}`) &&
      isRecord(kept) &&
      kept.status === r.answer.status
    )
  }
  if (part === 'phoneGuards') {
    const error: unknown = isRecord(r.answer.body) ? r.answer.body.error : undefined
    return r.answer.status === 400 && isRecord(error) && isRecord(error.fields) && error.fields.smsCode !== undefined
  }
  return false
}

const show = (x: unknown): string => (x === undefined ? '(absent)' : (JSON.stringify(x)?.slice(0, 100) ?? String(x)))

/** What a refused request changed in the db that it had no right to. */
export function dbProblems(beforeText: string, afterText: string, r: RefusedRequest): string[] {
  if (beforeText === afterText) return []
  const before: JsonBody = JSON.parse(beforeText)
  const after: JsonBody = JSON.parse(afterText)
  const changes: Change[] = []
  diff(before, after, [], changes)
  const bad = changes.filter((c) => !allowed(c, r, after, before))
  const phones = new Set(changes.filter((c) => c.path[1] === 'phoneGuards').map((c) => c.path[2]))
  if (phones.size > 1) bad.push({ path: ['core', 'phoneGuards', `(${phones.size} phones)`], before: undefined, after: undefined })
  return bad.slice(0, 5).map((c) => `refused ${r.answer.status} but changed db.${c.path.join('.')}: ${show(c.before)} → ${show(c.after)}`)
}

/**
 * Watches the built-ins a prototype key reaches: `Object.prototype` and the other prototypes,
 * `Object` itself (`x.constructor`) and the methods of `Object.prototype` (`x.toString`), since
 * `sessions["toString"].revoked = true` writes onto a function. `check` reports any new, changed or
 * missing own property, then puts things back so one finding does not spoil every later test.
 */
export class ProtoGuard {
  private readonly targets: [string, object][]
  private readonly snap = new Map<string, Map<string, PropertyDescriptor>>()

  constructor() {
    const targets: [string, object][] = [
      ['Object.prototype', Object.prototype],
      ['Array.prototype', Array.prototype],
      ['Function.prototype', Function.prototype],
      ['String.prototype', String.prototype],
      ['Number.prototype', Number.prototype],
      ['Object', Object],
    ]
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      const d = Object.getOwnPropertyDescriptor(Object.prototype, name)
      if (d && typeof d.value === 'function' && d.value !== Object) targets.push([`Object.prototype.${name}`, d.value as object])
    }
    this.targets = targets
    for (const [name, target] of targets) this.snap.set(name, this.describe(target))
  }

  private describe(target: object): Map<string, PropertyDescriptor> {
    const m = new Map<string, PropertyDescriptor>()
    for (const key of Object.getOwnPropertyNames(target)) {
      const d = Object.getOwnPropertyDescriptor(target, key)
      if (d) m.set(key, d)
    }
    return m
  }

  /** Own names of `Object.prototype` now: compared before and after a whole test file. */
  static objectPrototypeNames(): string[] {
    return Object.getOwnPropertyNames(Object.prototype).sort()
  }

  check(): string[] {
    const out: string[] = []
    for (const [name, target] of this.targets) {
      const was = this.snap.get(name)!
      const now = this.describe(target)
      for (const [key, d] of now) {
        const old = was.get(key)
        const same = old && old.value === d.value && old.get === d.get && old.set === d.set && old.writable === d.writable
        if (same) continue
        out.push(`${name}.${key} ${old ? 'changed' : 'added'}: ${show(d.value)}`)
        Reflect.deleteProperty(target, key)
        if (old) Object.defineProperty(target, key, old)
      }
      for (const [key, old] of was) {
        if (now.has(key)) continue
        out.push(`${name}.${key} deleted`)
        Object.defineProperty(target, key, old)
      }
    }
    return out.map((s) => `polluted: ${s}`)
  }
}
