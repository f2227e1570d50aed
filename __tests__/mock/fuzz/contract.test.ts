import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { testBackend } from '../../helpers/backend'
import { startHttp } from '../../helpers/http'
import { CURSOR_ORIGINS, World } from './fixture'
import { CURSOR_REFS, MAX_BODY, PAD_UNITS, PROTO_KEYS, cat, json, plainCase, ref, rep, text, type FuzzCase, type Val } from './hostile'
import { ProtoGuard, answerProblems } from './invariants'
import { render } from './render'
import { routeTable, type FuzzRoute } from './routes'
import { captureLogs, fuzz, runCase, runs, summarise, summariseAnswer, type Session } from './runner'
import { inProcess, overHttp, type Answer, type HttpTransport } from './transport'

/**
 * The contract's own answers to hostile input, where docs/API.md names them (the route fuzz only
 * checks what holds for every answer): the 64 KiB edge, a bad Idempotency-Key, a forged token, a
 * cursor of another list, a request too long for the HTTP parser.
 */
jest.setTimeout(120_000)

const byKey = (key: string): FuzzRoute => {
  const r = routes.find((x) => x.key === key)
  if (!r) throw new Error(`no route ${key} in the route table`)
  return r
}
const LOGIN = 'POST /api/v1/auth/login'
const prototypeNames = ProtoGuard.objectPrototypeNames()

const routes = routeTable(testBackend())
let localWorld: World
let httpWorld: World
let local: Session
let remote: Session
let server: Awaited<ReturnType<typeof startHttp>>
let transport: HttpTransport
let restoreLogs: () => void

beforeAll(async () => {
  localWorld = await World.create()
  httpWorld = await World.create()
  server = await startHttp(httpWorld.delegate((e) => transport.serverFailed(e)))
  transport = overHttp(server.base)
  const logs: string[] = []
  local = { world: localWorld, transport: inProcess(() => localWorld.backend), guard: new ProtoGuard(), sent: 0, logs }
  remote = { world: httpWorld, transport, guard: new ProtoGuard(), sent: 0, logs }
  restoreLogs = captureLogs(logs)
})

afterAll(async () => {
  restoreLogs()
  await transport.close()
  await server.close()
  expect(ProtoGuard.objectPrototypeNames()).toEqual(prototypeNames)
  if (process.env.FUZZ_VERBOSE) console.log(`fuzz contract: ${local.sent} requests in-process, ${remote.sent} over http`)
})

/** Runs a case with every invariant of the route fuzz, then `expect` on its answer. */
async function check(s: Session, route: FuzzRoute, c: FuzzCase, expect: (a: Answer) => string | null): Promise<void> {
  const { problems, wire, answer } = await runCase(s, route, c)
  const wrong = expect(answer)
  if (wrong) problems.unshift(wrong)
  if (problems.length)
    throw new Error(
      `${s.transport.name} ${route.key}\n  request: ${summarise(wire)}\n  answer:  ${summariseAnswer(answer)}\n  ${problems.join('\n  ')}`,
    )
}

const fieldsOf = (a: Answer): Record<string, unknown> => a.body?.error?.fields ?? {}

describe('a body of 64 KiB is read, one byte more is 400 fields.body', () => {
  it.each([['in-process'], ['http']])('%s', async (name) => {
    const s = name === 'http' ? remote : local
    const login = byKey(LOGIN)
    const arb = fc.record({ unit: fc.constantFrom(...PAD_UNITS), delta: fc.integer({ min: -3, max: 3 }) })
    await fuzz(`64 KiB edge ${name}`, arb, [], runs(12), async ({ unit, delta }) => {
      const bytes = MAX_BODY + delta
      const c = plainCase(login, {
        auth: { kind: 'none' },
        body: { kind: 'sized', bytes, unit, node: { obj: [['code', json.s('fuzz:size')]] } },
      })
      await check(s, login, c, (a) => {
        if (bytes <= MAX_BODY) return a.status === 200 ? null : `a body of ${bytes} bytes (${unit}) is within 64 KiB: expected 200`
        return a.status === 400 && fieldsOf(a).body ? null : `a body of ${bytes} bytes (${unit}) is over 64 KiB: expected 400 fields.body`
      })
    })
  })
})

/** The calls docs/API.md says take an `Idempotency-Key`, read from its Transport section. */
function idempotentCallsOfContract(): string[] {
  const doc = readFileSync(join(__dirname, '../../../docs/API.md'), 'utf8')
  const start = doc.indexOf('The calls that take it:')
  if (start < 0) throw new Error('docs/API.md no longer lists the calls that take an Idempotency-Key')
  const end = doc.indexOf('\n- ', start)
  const calls = [...doc.slice(start, end).matchAll(/`(GET|POST|PUT|DELETE) (\/[^`]+)`/g)].map((m) => `${m[1]} /api/v1${m[2]}`)
  if (calls.length === 0) throw new Error('found no calls after "The calls that take it:" in docs/API.md')
  return calls
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i
const badKey: fc.Arbitrary<Val[]> = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 40, unit: fc.constantFrom(...'0123456789abcdef-xyz {}'.split('')) })
    .filter((s) => !UUID.test(s.trim()) && s.trim() !== '')
    .map((s): Val[] => [text(s)]),
  fc.constantFrom(...PROTO_KEYS).map((k): Val[] => [text(k)]),
  // Two valid keys on two header lines: the server joins them, and the joined value is no UUID.
  fc.tuple(fc.uuid({ version: 4 }), fc.uuid({ version: 4 })).map(([a, b]): Val[] => [text(a), text(b)]),
  fc.constant<Val[]>([rep('k', 4000)]),
)

describe('an Idempotency-Key that is not a UUID is 400 fields["Idempotency-Key"]', () => {
  const calls = idempotentCallsOfContract()

  it('every call the contract lists takes the key in the route table', () => {
    const notMarked = calls.filter((key) => !routes.some((r) => r.key === key && r.idempotent))
    expect(notMarked).toEqual([])
  })

  describe.each(calls.map((k) => [k]))('%s', (key) => {
    it.each([['in-process'], ['http']])('%s', async (name) => {
      const s = name === 'http' ? remote : local
      const route = byKey(key)
      await fuzz(`bad Idempotency-Key ${name} ${key}`, badKey, [], runs(4), async (values) => {
        // A valid token: the key is checked right after 401 and before the body and the call's rules.
        const c = plainCase(route, {
          auth: { kind: 'token', who: 'citizen' },
          idem: values.length === 1 ? { kind: 'one', value: values[0] } : { kind: 'dup', values },
        })
        await check(s, route, c, (a) =>
          a.status === 400 && fieldsOf(a)['Idempotency-Key'] ? null : 'expected 400 VALIDATION_FAILED with fields["Idempotency-Key"]',
        )
      })
    })
  })
})

/** Tokens that look like tokens and are none of this world's live sessions. */
const forged: fc.Arbitrary<Val> = fc.oneof(
  fc.constantFrom(...PROTO_KEYS).map(text),
  fc.constantFrom<Val>(
    ref('deadToken'),
    ref('foreignToken'),
    cat(ref('citizenToken'), text('x')),
    text('null'),
    text('undefined'),
    text('0'),
  ),
  fc.stringMatching(/^[0-9a-f]{64}$/).map(text),
)

describe('a forged token is 401 UNAUTHENTICATED wherever a token is looked at', () => {
  // API.md: "A token sent to any call, the public ones included, must be valid"; login "does not
  // look at one", and the mock controls "need no token".
  const looked = routes.filter((r) => r.key !== LOGIN && !r.control)

  describe.each([['in-process'], ['http']])('%s', (name) => {
    it.each(looked.map((r) => [r.key, r] as const))('%s', async (key, route) => {
      const s = name === 'http' ? remote : local
      // Every prototype key in-process; over HTTP (the same backend behind a parser) the first, and random ones.
      const examples = (name === 'http' ? PROTO_KEYS.slice(0, 1) : PROTO_KEYS).map((k) => text(k))
      await fuzz(`forged token ${name} ${key}`, forged, examples, runs(2), async (token) => {
        const c = plainCase(route, { auth: { kind: 'raw', value: cat(text('Bearer '), token) } })
        await check(s, route, c, (a) =>
          a.status === 401 && a.body?.error?.code === 'UNAUTHENTICATED' ? null : 'expected 401 UNAUTHENTICATED',
        )
      })
    })
  })
})

describe('a cursor of another list is 400 fields.cursor', () => {
  it('every list of the route table refuses every other list’s cursor', async () => {
    const refused: string[] = []
    const lists: string[] = []
    for (const route of routes.filter((r) => r.method === 'GET')) {
      // Which role sees this list: the first fixture account it answers a page to.
      let found: { c: FuzzCase; path: string } | null = null
      for (const who of ['citizen', 'worker', 'staff'] as const) {
        const c = plainCase(route, { auth: { kind: 'token', who } })
        const { answer, wire } = await runCase(local, route, c)
        if (answer.status === 200 && Array.isArray(answer.body?.items) && 'nextCursor' in answer.body) {
          found = { c, path: wire.target }
          break
        }
      }
      if (!found) continue
      lists.push(route.key)
      for (const cursor of CURSOR_REFS) {
        const origin = CURSOR_ORIGINS[cursor]
        if (origin.path === found.path && Object.keys(origin.query).length === 0) continue
        const c: FuzzCase = {
          ...found.c,
          query: [
            [text('limit'), text('1')],
            [text('cursor'), ref(cursor)],
          ],
        }
        const { answer, wire, problems } = await runCase(local, route, c)
        if (answer.status !== 400 || !fieldsOf(answer).cursor || problems.length) {
          refused.push(`${route.key} with ${cursor}: ${summarise(wire).slice(0, 120)} → ${summariseAnswer(answer)} ${problems.join('; ')}`)
        }
      }
    }
    expect(lists.length).toBeGreaterThan(5)
    expect(refused).toEqual([])
  })
})

describe('a request too long for the HTTP parser still gets the contract error body', () => {
  // Node answers a request line and headers over 16 KiB itself (431) unless the server says otherwise.
  it.each([
    ['a 20 KiB Idempotency-Key', (c: FuzzCase): FuzzCase => ({ ...c, idem: { kind: 'one', value: rep('k', 20 * 1024) } })],
    ['a 20 KiB query', (c: FuzzCase): FuzzCase => ({ ...c, query: [[text('q'), rep('q', 20 * 1024)]] })],
  ])('%s', async (_what, spoil) => {
    const route = byKey('GET /api/v1/jobs')
    const wire = render(route, spoil(plainCase(route)), remote.world.fixture)
    const answer = await remote.transport.send(wire)
    expect(answerProblems(answer)).toEqual([])
  })
})
