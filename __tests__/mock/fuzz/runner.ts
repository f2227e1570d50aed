import fc from 'fast-check'
import type { JsonBody } from '../../helpers/backend'
import { TOKEN_KEYS, type FixtureKey, type FixtureValues, type TokenRole, type World } from './fixture'
import { ID_REFS, goodBody, plainCase, ref, text, type FuzzCase, type Learned } from './hostile'
import { answerProblems, dbProblems, type ProtoGuard } from './invariants'
import { idempotencyKeyOf, render, toMockRequest, type WireRequest } from './render'
import type { FuzzRoute } from './routes'
import type { Answer, Transport } from './transport'

/** Seed and runs: fixed, so a failure replays; `FUZZ_SEED` / `FUZZ_RUNS` change them. */
function envInt(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got ${raw}`)
  return n
}

export const FUZZ_SEED = envInt('FUZZ_SEED', 20200210)
/** Random runs per property on top of its catalogue; each file says its default. */
export const runs = (fallback: number): number => envInt('FUZZ_RUNS', fallback)

/** Each property's own seed, from the base seed and its name: adding a route does not change the others' cases. */
export function seedFor(name: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < name.length; i += 1) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193)
  return (FUZZ_SEED ^ h) >>> 0
}

/**
 * `fc.assert` with the fixed seed, the catalogue as `examples`, and a failure message that starts
 * with how to replay it (the base seed; fast-check's own line after it holds the property's seed
 * and shrink path).
 */
export async function fuzz<T>(
  name: string,
  arb: fc.Arbitrary<T>,
  examples: T[],
  numRuns: number,
  check: (t: T) => Promise<void>,
): Promise<void> {
  const seed = seedFor(name)
  try {
    await fc.assert(fc.asyncProperty(arb, check), { seed, numRuns: numRuns + examples.length, examples: examples.map((e): [T] => [e]) })
  } catch (e) {
    // The test's own full name, as `-t` matches it (a regex: its specials escaped).
    const test = (typeof expect === 'undefined' ? undefined : expect.getState().currentTestName) ?? name
    const pattern = test.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "'\\''")
    const replay = `fuzz "${name}" failed. Replay: FUZZ_SEED=${FUZZ_SEED} npx jest --config jest.config.js __tests__/mock/fuzz -t '${pattern}' (property seed ${seed})`
    if (e instanceof Error) e.message = `${replay}\n${e.message}`
    throw e
  }
}

export interface Session {
  world: World
  transport: Transport
  guard: ProtoGuard
  /** Requests sent, health calls included: the budget is counted, not guessed. */
  sent: number
  /**
   * What the mock logged (its `console.error` on a 500 names the exception and the line), filled
   * by whoever captures the console; a failure report carries it.
   */
  logs: string[]
}

/** Routes the mock's `console.error` into `logs`, so a 500's cause lands in the failure message instead of the test output. */
export function captureLogs(logs: string[]): () => void {
  const original = console.error
  console.error = (...args: unknown[]) => {
    logs.push(args.map(String).join(' '))
  }
  return () => {
    console.error = original
  }
}

/** One line for a report: method, target cut short, what the headers and body were. */
export function summarise(w: WireRequest): string {
  const target = w.target.length > 160 ? `${w.target.slice(0, 160)}…(${w.target.length})` : w.target
  const headers = w.headers.map(([k, v]) => `${k}: ${v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v}`).join(' | ')
  const body =
    w.text === undefined ? '' : ` body(${w.bytes?.length ?? w.text.length}B) ${w.text.slice(0, 160)}${w.text.length > 160 ? '…' : ''}`
  return `${w.method} ${target} [${headers}]${body}`
}

export function summariseAnswer(a: Answer): string {
  if (a.failure) return `${a.failure.kind}: ${a.failure.detail}`
  return `${a.status} ${JSON.stringify(a.body)?.slice(0, 200) ?? ''}`
}

/** The health call after every run: a core route with a fixture token, so a broken session table shows too. */
export function healthRequest(f: FixtureValues): WireRequest {
  return { method: 'GET', target: '/api/v1/me', headers: [['Authorization', `Bearer ${f[TOKEN_KEYS.citizen]}`]] }
}

/**
 * The checks after one answer that need the backend's memory, for the tests and the bench alike:
 * what polluted a prototype, and what a 4xx changed in the store (it must change nothing, bar an
 * idempotency record). Then a write that went through may have ended the fixture's world (reset,
 * clock, faults, logout): it is made usable again. `route` unknown (the bench's child was told a
 * key it does not have): only the prototypes are checked.
 */
export async function afterAnswer(
  world: World,
  guard: ProtoGuard,
  route: FuzzRoute | undefined,
  method: string,
  answer: Answer,
  idempotencyKey: string | undefined,
): Promise<{ polluted: string[]; db: string[] }> {
  const polluted = guard.check()
  const after = JSON.stringify(world.backend.db)
  const db =
    route && answer.status >= 400 && answer.status < 500
      ? dbProblems(world.dbText, after, { route, answer, idempotencyKey, now: world.backend.clock.now() })
      : []
  world.dbText = after
  if (route && answer.status > 0 && answer.status < 300 && (route.control || method.toUpperCase() !== 'GET')) await world.ensureUsable()
  return { polluted, db }
}

/**
 * One hostile request and every invariant around it. Returns the problems (empty: all held) and
 * leaves the world usable for the next run whatever happened.
 */
export async function runCase(
  s: Session,
  route: FuzzRoute,
  c: FuzzCase,
): Promise<{ problems: string[]; wire: WireRequest; answer: Answer }> {
  const { world } = s
  s.logs.length = 0
  const wire = render(route, c, world.fixture)
  const answer = await s.transport.send(wire)
  s.sent += 1
  const problems = answerProblems(answer)
  const { polluted, db } = await afterAnswer(world, s.guard, route, c.method, answer, idempotencyKeyOf(wire, s.transport.name === 'http'))
  problems.push(...polluted, ...db)
  if (problems.length === 0) {
    const health = await s.transport.send(healthRequest(world.fixture))
    s.sent += 1
    if (health.status !== 200) problems.push(`the health call GET /api/v1/me answered ${summariseAnswer(health)} afterwards`)
  }
  if (problems.length > 0 && s.logs.length > 0) problems.push(`the mock logged: ${s.logs.join(' / ').slice(0, 300)}`)
  // After a failure the next run (a shrink step) starts from a clean world, not from the damage.
  if (problems.length > 0) {
    s.guard.check()
    world.rebuild()
  }
  return { problems, wire, answer }
}

/**
 * What a route takes, learnt from the route itself rather than listed by hand, so a route added
 * tomorrow is fuzzed as deep as today's:
 * - `fields`: the top-level body fields it asks for: an empty object with each fixture account,
 *   read off the 400's `fields` (a role the route refuses first teaches nothing, another does);
 * - `ids`: the fixture ids its `:params` know: each one in every slot, kept when some account gets
 *   another answer than for an id nobody has (a 404 where the id is looked up; a refusal that
 *   comes before the lookup, like 403 IDENTITY_REQUIRED, teaches nothing).
 * Learning starts from the fixture's world and restores it after any answer that may have changed
 * it: `{}` is a valid body for some calls (a reset, a logout), and a known id may be acted on (a
 * cancel). What a route takes does not change within a run, so it is learnt once per seed.
 */
const learnt = new Map<string, Learned>()

export async function learn(world: World, route: FuzzRoute): Promise<Learned> {
  const key = `${world.seed}|${route.key}`
  const known = learnt.get(key)
  if (known) return known
  const roles: TokenRole[] = ['citizen', 'worker', 'staff', 'unverified']
  // A 2xx may have changed the world (a cancel, a delete): the next question starts from the fixture again.
  const ask = async (c: FuzzCase): Promise<{ status: number; body: JsonBody } | null> => {
    let res
    try {
      res = await world.backend.handle(toMockRequest(render(route, c, world.fixture)))
    } catch {
      world.rebuild()
      return null
    }
    if (res.status < 300) world.rebuild()
    return { status: res.status, body: res.body as JsonBody }
  }
  world.rebuild()
  const fields = new Set<string>()
  if (route.method !== 'GET') {
    for (const who of roles) {
      const res = await ask(plainCase(route, { auth: { kind: 'token', who }, body: { kind: 'json', node: { obj: [] } } }))
      const found: unknown = res?.body?.error?.fields
      if (res?.status !== 400 || typeof found !== 'object' || found === null) continue
      for (const k of Object.keys(found)) {
        const top = k.split('.')[0]
        if (top !== 'body' && top !== 'Idempotency-Key') fields.add(top)
      }
    }
  }
  // Ids are tried with a body of those fields' first plausible values, so a body check does not answer before the lookup.
  const body = goodBody([...fields])
  const ids = new Set<FixtureKey>()
  if (route.paramNames.length > 0) {
    for (const who of roles) {
      const nobody = await ask(
        plainCase(route, { auth: { kind: 'token', who }, body, params: route.paramNames.map(() => text('fuzz-nobody')) }),
      )
      for (const id of ID_REFS) {
        const res = await ask(plainCase(route, { auth: { kind: 'token', who }, body, params: route.paramNames.map(() => ref(id)) }))
        if (res && nobody && res.status !== nobody.status) ids.add(id)
      }
    }
  }
  world.rebuild()
  const out = { fields: [...fields].sort(), ids: [...ids].sort() }
  learnt.set(key, out)
  return out
}
/** Bytes of the request line and headers, as Node's parser counts them against its limit. */
export function headerBytes(w: WireRequest): number {
  return (
    Buffer.byteLength(`${w.method} ${w.target} HTTP/1.1\r\n`) +
    w.headers.reduce((n, [k, v]) => n + Buffer.byteLength(`${k}: ${v}\r\n`), 0) +
    200
  )
}

/** The property body: throws with route, request and answer when any invariant fails. */
export function routeCheck(s: Session, route: FuzzRoute): (c: FuzzCase) => Promise<void> {
  return async (c) => {
    const max = s.transport.maxHeaderBytes
    if (max !== undefined) fc.pre(headerBytes(render(route, c, s.world.fixture)) <= max)
    const { problems, wire, answer } = await runCase(s, route, c)
    if (problems.length) {
      throw new Error(
        `${s.transport.name} ${route.key}\n  request: ${summarise(wire)}\n  answer:  ${summariseAnswer(answer)}\n  ${problems.join('\n  ')}`,
      )
    }
  }
}
