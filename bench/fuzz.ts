/**
 * Hostile requests against a fresh backend, in-process and over loopback HTTP, counted rather than
 * asserted: what `__tests__/mock/fuzz` checks, as a table one can compare before and after a fix.
 * The HTTP server runs in a child process (this file with `--serve`), as `npm run mock` would, so
 * a handler that throws kills that process the way it would kill the real one; the bench counts
 * it, starts another and goes on. Not part of `npm test`.
 *
 *   npx tsx bench/fuzz.ts                      5,000 requests each way, seed 20200210
 *   npx tsx bench/fuzz.ts --n 2000 --seed 7    (FUZZ_SEED works too)
 *   npx tsx bench/fuzz.ts --only in-process    or --only http
 *   npx tsx bench/fuzz.ts --findings 40        how many distinct findings to list (default 30)
 *   npx tsx bench/fuzz.ts --real-crashes       let the server process really die of each crash (slow)
 *
 * A handler that throws leaves the server's async request handler rejected, which Node's default
 * (`--unhandled-rejections=throw`) turns into the death of the process. Starting a new server
 * process takes about a second, and a crash-prone tree has hundreds of such requests, so by
 * default the child records that rejection as the death it is, tells the parent, and goes on with
 * a fresh backend in the same process; `--real-crashes` turns that off. Anything else fatal
 * (an uncaught exception, running out of memory) kills the child for real either way, and the
 * parent starts another.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { createMockHttpServer } from '../mock/server/http-server'
import { World, type FixtureValues } from '../__tests__/mock/fuzz/fixture'
import { caseFor, catalogue, httpCatalogue, type FuzzCase, type Learned } from '../__tests__/mock/fuzz/hostile'
import { ProtoGuard, answerProblems } from '../__tests__/mock/fuzz/invariants'
import { idempotencyKeyOf, render } from '../__tests__/mock/fuzz/render'
import { routeTable, type FuzzRoute } from '../__tests__/mock/fuzz/routes'
import {
  FUZZ_SEED,
  afterAnswer,
  captureLogs,
  headerBytes,
  healthRequest,
  learn,
  seedFor,
  summarise,
  summariseAnswer,
} from '../__tests__/mock/fuzz/runner'
import { NODE_MAX_HEADER_BYTES, inProcess, overHttp, type Answer } from '../__tests__/mock/fuzz/transport'

const args = process.argv.slice(2)
const option = (name: string, fallback: string): string =>
  args.includes(`--${name}`) ? (args[args.indexOf(`--${name}`) + 1] ?? fallback) : fallback
const SEED = Number(option('seed', String(FUZZ_SEED)))
const N = Number(option('n', '5000'))
const TIMEOUT_MS = Number(option('timeout', '3000'))
const ONLY = option('only', 'in-process,http').split(',')
const FINDINGS = Number(option('findings', '30'))
const REAL_CRASHES = args.includes('--real-crashes')

// ---------------------------------------------------------------------------------------------
// The child: one World behind the project's HTTP server, and the checks that need its memory.

interface AfterMessage {
  type: 'after'
  id: number
  routeKey: string
  method: string
  answer: Answer
  idempotencyKey?: string
}
type ToChild = AfterMessage | { type: 'ping'; id: number }
type FromChild =
  | { type: 'ready'; port: number; fixture: FixtureValues }
  | { type: 'after'; id: number; polluted: string[]; db: string[]; logs: string[] }
  | { type: 'pong'; id: number }
  | { type: 'fatal'; reason: string }

async function serve(): Promise<void> {
  const world = await World.create()
  const guard = new ProtoGuard()
  const logs: string[] = []
  captureLogs(logs)
  const routes = new Map(routeTable(world.backend).map((r) => [r.key, r]))
  const send = (m: FromChild): void => {
    process.send?.(m)
  }
  const server = createMockHttpServer({ backend: world.delegate() })
  if (!REAL_CRASHES) {
    process.on('unhandledRejection', (reason) => {
      world.rebuild()
      send({ type: 'fatal', reason: reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason) })
    })
  }
  server.listen(0, '127.0.0.1', () => send({ type: 'ready', port: (server.address() as AddressInfo).port, fixture: world.fixture }))
  // The parent waits for each answer before it sends the next, so these never interleave.
  process.on('message', async (m: ToChild) => {
    if (m.type === 'ping') return send({ type: 'pong', id: m.id })
    const { polluted, db } = await afterAnswer(world, guard, routes.get(m.routeKey), m.method, m.answer, m.idempotencyKey)
    send({ type: 'after', id: m.id, polluted, db, logs: logs.splice(0) })
  })
  process.on('disconnect', () => process.exit(0))
}

// ---------------------------------------------------------------------------------------------
// The parent: cases, both transports, the counts.

interface Counts {
  requests: number
  classes: Record<'2xx' | '3xx' | '4xx' | '5xx', number>
  thrown: number
  died: number
  reset: number
  hangs: number
  notContract: number
  dbChanged: number
  healthFailed: number
  polluted: number
  ms: number
}

const emptyCounts = (): Counts => ({
  requests: 0,
  classes: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
  thrown: 0,
  died: 0,
  reset: 0,
  hangs: 0,
  notContract: 0,
  dbChanged: 0,
  healthFailed: 0,
  polluted: 0,
  ms: 0,
})

interface Finding {
  count: number
  routes: Set<string>
  example: string
}
const findings = new Map<string, Finding>()

/**
 * Repeats of one finding share a signature: transport and what went wrong, with ids, hex and line
 * numbers taken out; the routes it happened on are listed with it.
 */
function note(transport: string, route: FuzzRoute, what: string, example: string): void {
  const normal = what
    .replace(/\/[^\s)]*\/(mock|src)\//g, '$1/')
    .replace(/:\d+:\d+\)/g, ')')
    .replace(/[0-9a-f]{32,}/g, '<hex>')
    .replace(/\d{3,}/g, '<n>')
    .slice(0, 220)
  const key = `${transport} | ${normal}`
  const f = findings.get(key) ?? { count: 0, routes: new Set<string>(), example: `${route.key}: ${example}` }
  f.count += 1
  f.routes.add(route.key)
  findings.set(key, f)
}

function statusClass(c: Counts, status: number): void {
  if (status >= 200 && status < 300) c.classes['2xx'] += 1
  else if (status >= 300 && status < 400) c.classes['3xx'] += 1
  else if (status >= 400 && status < 500) c.classes['4xx'] += 1
  else if (status >= 500) c.classes['5xx'] += 1
}

/** The same N cases for both transports: every route's catalogues first (round-robin), then random ones. */
async function buildCases(learner: World, routes: FuzzRoute[], n: number): Promise<[FuzzRoute, FuzzCase][]> {
  const learned: Learned[] = []
  for (const r of routes) learned.push(await learn(learner, r))
  const queues = routes.map((r, i) => [...catalogue(r, learned[i]), ...httpCatalogue(r, learned[i])])
  const random = routes.map((r, i) =>
    fc.sample(caseFor(r, learned[i]), { seed: seedFor(`bench ${r.key}`) ^ SEED, numRuns: Math.ceil(n / routes.length) + 1 }),
  )
  const out: [FuzzRoute, FuzzCase][] = []
  for (let round = 0; out.length < n; round += 1) {
    let added = false
    routes.forEach((r, i) => {
      const c = round < queues[i].length ? queues[i][round] : random[i][round - queues[i].length]
      if (c && out.length < n) {
        out.push([r, c])
        added = true
      }
    })
    if (!added) break
  }
  return out
}

async function benchInProcess(cases: [FuzzRoute, FuzzCase][]): Promise<Counts> {
  const c = emptyCounts()
  const started = performance.now()
  const world = await World.create()
  const guard = new ProtoGuard()
  const logs: string[] = []
  const restore = captureLogs(logs)
  const transport = inProcess(() => world.backend)
  for (const [route, fuzzCase] of cases) {
    logs.length = 0
    const wire = render(route, fuzzCase, world.fixture)
    const answer = await transport.send(wire)
    c.requests += 1
    const example = `${summarise(wire)}\n      → ${summariseAnswer(answer)}`
    if (answer.failure?.kind === 'thrown') {
      c.thrown += 1
      note('in-process', route, answer.failure.detail, example)
      if (guard.check().length) c.polluted += 1
      // A backend that threw may be half-way through a write: go on with a new one.
      world.rebuild()
      continue
    }
    statusClass(c, answer.status)
    const problems = answerProblems(answer)
    if (answer.status >= 500) note('in-process', route, `${answer.status} ${logs.join(' / ')}`, example)
    else if (problems.length) {
      c.notContract += 1
      note('in-process', route, problems.join('; '), example)
    }
    const { polluted, db } = await afterAnswer(world, guard, route, fuzzCase.method, answer, idempotencyKeyOf(wire, false))
    if (polluted.length) {
      c.polluted += 1
      note('in-process', route, polluted.join('; '), example)
    }
    if (db.length) {
      c.dbChanged += 1
      note('in-process', route, db[0].replace(/: .*/, ''), example)
    }
    const health = await transport.send(healthRequest(world.fixture))
    if (health.status !== 200) {
      c.healthFailed += 1
      note('in-process', route, `health call answered ${summariseAnswer(health).slice(0, 80)} afterwards`, example)
      world.rebuild()
    }
  }
  restore()
  c.ms = performance.now() - started
  return c
}

/** A child serving the mock; `exited` settles when it dies, whatever the reason. */
interface Child {
  proc: ChildProcess
  base: string
  fixture: FixtureValues
  exited: Promise<void>
  alive: boolean
  /** The end of its stderr once it has died: the crash's stack. */
  lastWords?: string
  /** Told of a crash the child survived only because the bench asked it to (see the top of this file). */
  onFatal?: (reason: string) => void
  pending: Map<number, (m: FromChild) => void>
}

function spawnChild(): Promise<Child> {
  return new Promise((resolve, reject) => {
    // stdio: the child's stderr shows a crash's stack; stdout is not needed.
    const proc = fork(__filename, ['--serve'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] })
    let stderr = ''
    proc.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000)
    })
    const pending = new Map<number, (m: FromChild) => void>()
    let child: Child | undefined
    const exited = new Promise<void>((done) =>
      proc.on('exit', () => {
        if (child) {
          child.alive = false
          child.lastWords = stderr
        }
        done()
      }),
    )
    proc.on('message', (m: FromChild) => {
      if (m.type === 'fatal') child?.onFatal?.(m.reason)
      else if (m.type === 'ready') {
        child = { proc, base: `http://127.0.0.1:${m.port}`, fixture: m.fixture, exited, alive: true, pending }
        resolve(child)
      } else pending.get(m.id)?.(m)
    })
    proc.on('error', reject)
  })
}

let messageId = 0
function ask(child: Child, m: Omit<AfterMessage, 'id'> | { type: 'ping' }, timeoutMs: number): Promise<FromChild | null> {
  if (!child.alive) return Promise.resolve(null)
  const id = (messageId += 1)
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.pending.delete(id)
      resolve(null)
    }, timeoutMs)
    child.pending.set(id, (reply) => {
      clearTimeout(timer)
      child.pending.delete(id)
      resolve(reply)
    })
    child.exited.then(() => resolve(null))
    child.proc.send({ ...m, id })
  })
}

async function benchHttp(cases: [FuzzRoute, FuzzCase][]): Promise<Counts> {
  const c = emptyCounts()
  const started = performance.now()
  let child = await spawnChild()
  // A warm spare: starting a server process takes a second or two, and a crash-prone tree kills hundreds.
  let spare = spawnChild()
  let transport = overHttp(child.base, TIMEOUT_MS)
  let fatal: string | undefined
  const listen = (): void => {
    child.onFatal = (reason) => {
      fatal = reason
      transport.serverFailed(new Error(reason))
    }
  }
  listen()
  const restart = async (): Promise<void> => {
    await transport.close()
    if (child.alive) child.proc.kill('SIGKILL')
    await child.exited
    child = await spare
    spare = spawnChild()
    transport = overHttp(child.base, TIMEOUT_MS)
    listen()
  }
  for (const [route, fuzzCase] of cases) {
    const wire = render(route, fuzzCase, child.fixture)
    // Node's parser answers these itself before any code of the project runs: their findings are filed apart.
    const http = headerBytes(wire) > NODE_MAX_HEADER_BYTES ? "http, request over Node's 16 KiB header limit" : 'http'
    const answer = await transport.send(wire)
    c.requests += 1
    const example = `${summarise(wire)}\n      → ${summariseAnswer(answer)}`
    if (answer.failure?.kind === 'server-threw' && fatal) {
      c.died += 1
      note(http, route, `server process died (unhandled rejection): ${fatal}`, example)
      fatal = undefined
      continue
    }
    if (answer.failure && answer.failure.kind !== 'not-json') {
      // Did the server die of it? Give its exit a moment to arrive.
      await Promise.race([child.exited, new Promise((r) => setTimeout(r, 300))])
      if (!child.alive) {
        c.died += 1
        const words = (child.lastWords ?? '').split('\n').find((l) => /Error/.test(l)) ?? 'exited'
        note(http, route, `server process died: ${words.trim()}`, example)
        await restart()
        continue
      }
      if (answer.failure.kind === 'timeout') {
        c.hangs += 1
        note(http, route, 'no answer within the timeout', example)
        // A server that no longer answers its parent either is stuck for good: replace it.
        if (!(await ask(child, { type: 'ping' }, 1000))) await restart()
        continue
      }
      c.reset += 1
      note(http, route, `connection ${answer.failure.detail}`, example)
      continue
    }
    statusClass(c, answer.status)
    const reply = await ask(
      child,
      { type: 'after', routeKey: route.key, method: fuzzCase.method, answer, idempotencyKey: idempotencyKeyOf(wire, true) },
      TIMEOUT_MS,
    )
    const problems = answerProblems(answer)
    const logs = reply?.type === 'after' ? reply.logs.join(' / ') : ''
    if (answer.status >= 500) note(http, route, `${answer.status} ${logs}`, example)
    else if (problems.length) {
      c.notContract += 1
      note(http, route, problems.join('; '), example)
    }
    if (reply?.type === 'after') {
      if (reply.polluted.length) {
        c.polluted += 1
        note(http, route, reply.polluted.join('; '), example)
      }
      if (reply.db.length) {
        c.dbChanged += 1
        note(http, route, reply.db[0].replace(/: .*/, ''), example)
      }
    }
    const health = await transport.send(healthRequest(child.fixture))
    if (health.status !== 200) {
      c.healthFailed += 1
      note(http, route, `health call answered ${summariseAnswer(health).slice(0, 80)} afterwards`, example)
      await restart()
    }
  }
  await transport.close()
  for (const last of [child, await spare]) {
    last.proc.kill()
    await last.exited
  }
  c.ms = performance.now() - started
  return c
}

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'mock', 'src/core'], { encoding: 'utf8' }).trim() !== ''
    return `${sha}${dirty ? ' + uncommitted changes in mock/ or src/core/' : ''}`
  } catch {
    return 'unknown'
  }
}

function table(results: [string, Counts][]): string {
  const rows: [string, (c: Counts) => string][] = [
    ['requests', (c) => String(c.requests)],
    ['2xx', (c) => String(c.classes['2xx'])],
    ['3xx', (c) => String(c.classes['3xx'])],
    ['4xx', (c) => String(c.classes['4xx'])],
    ['5xx', (c) => String(c.classes['5xx'])],
    ['crashes: thrown out of handle', (c) => String(c.thrown)],
    ['crashes: server process died', (c) => String(c.died)],
    ['crashes: connection reset', (c) => String(c.reset)],
    ['hangs (timeouts)', (c) => String(c.hangs)],
    ['4xx without the contract error body', (c) => String(c.notContract)],
    ['refusals that changed the db', (c) => String(c.dbChanged)],
    ['health call failed afterwards', (c) => String(c.healthFailed)],
    ['Object.prototype polluted', (c) => (c.polluted ? `yes (${c.polluted} requests)` : 'no')],
    ['time', (c) => `${(c.ms / 1000).toFixed(1)} s`],
  ]
  const width = Math.max(...rows.map(([l]) => l.length)) + 2
  const col = 22
  const head = ''.padEnd(width) + results.map(([name]) => name.padStart(col)).join('')
  return [head, ...rows.map(([label, f]) => label.padEnd(width) + results.map(([, c]) => f(c).padStart(col)).join(''))].join('\n')
}

async function main(): Promise<void> {
  const learner = await World.create()
  const routes = routeTable(learner.backend)
  const cases = await buildCases(learner, routes, N)
  console.log(`fuzz bench: seed ${SEED}, ${cases.length} hostile requests per transport over ${routes.length} routes, commit ${commit()}`)
  const results: [string, Counts][] = []
  if (ONLY.includes('in-process')) results.push(['in-process', await benchInProcess(cases)])
  if (ONLY.includes('http')) results.push(['http (child process)', await benchHttp(cases)])
  console.log(`\n${table(results)}\n`)
  const list = [...findings.entries()].sort((a, b) => b[1].count - a[1].count)
  console.log(`${list.length} distinct findings${list.length > FINDINGS ? ` (the ${FINDINGS} most frequent)` : ''}:`)
  for (const [key, f] of list.slice(0, FINDINGS)) {
    const routes = [...f.routes]
    console.log(`  ${String(f.count).padStart(5)} × ${key}`)
    console.log(`        on ${routes.length} route${routes.length > 1 ? 's' : ''}: ${routes.join(', ')}`)
    console.log(`        e.g. ${f.example}`)
  }
}

if (args.includes('--serve')) void serve()
else
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
