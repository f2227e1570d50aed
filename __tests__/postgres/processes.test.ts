import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { Pool } from 'pg'
import { residentId } from '@/mock/core/people'
import { sqlMasksStore } from '@/mock/masks/sql-store'
import { pgClient } from '@/mock/store/postgres'
import { emptyScratchDatabase } from '../helpers/scratch-database'
import { http } from '../helpers/http'

/**
 * `npm run server` as real processes on one PostgreSQL database: it refuses to start without its
 * settings; it serves no controls and shows no SMS code; SIGKILLed in the middle of a rush and
 * started again, it has every reservation it answered 201 and none twice; two of them at once
 * share the stock and the round.
 */

const url = process.env.DATABASE_URL
if (!url) throw new Error('DATABASE_URL is not set: run these tests with `npm run test:postgres`.')

const root = join(__dirname, '..', '..')
const SECRET = 'f'.repeat(64)
const OUTLET = 'o310106-03'
const pool = new Pool({ connectionString: url, max: 4 })
const children = new Set<ChildProcess>()
// The server itself, not tsx's launcher: a SIGKILL must reach the process that holds the connections.
const SERVER_ARGS = ['--import', 'tsx', 'mock/server/production.ts']

interface Server {
  child: ChildProcess
  base: string
  log: () => string
  exited: Promise<number | null>
}

function startServer(env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, SERVER_ARGS, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, SERVER_SECRET: SECRET, PORT: '0', DATABASE_POOL_SIZE: '10', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  void exited.then(() => children.delete(child))
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString()
      const ready = /ready at (http:\/\/[\d.]+:\d+)\/api\/v1/.exec(output)
      if (ready) resolve({ child, base: ready[1]!, log: () => output, exited })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    void exited.then((code) => reject(new Error(`server exited (${code}) before it was ready:\n${output}`)))
  })
}

afterEach(async () => {
  const running = [...children]
  for (const child of running) child.kill('SIGKILL')
  await Promise.all(running.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : undefined)))
})
afterAll(() => pool.end())

/** A verified citizen over HTTP; the SMS code is read from the outbox, as the gateway would. */
async function verifiedCitizen(base: string, i: number, birthDate = '1975-05-05'): Promise<string> {
  const { token } = (await http(base, 'POST', '/auth/login', { body: { code: `proc-${i}` } })).body
  const phone = `137${String(i).padStart(8, '0')}`
  const sms = await http(base, 'POST', '/identity/sms', { token, body: { phone } })
  expect(sms.status).toBe(200)
  expect(sms.body.devCode).toBeUndefined()
  const { rows } = await pool.query<{ code: string }>('select code from core_sms where phone = $1', [phone])
  const docNumber = residentId('110105', birthDate, i)
  const verify = await http(base, 'POST', '/identity/verify', {
    token,
    body: { name: '钱七', docType: 'resident_id', docNumber, phone, smsCode: rows[0]!.code },
  })
  expect(verify.status).toBe(200)
  return token
}

/** A first-come round open now with `stock` at the outlet, published as an operator's tool would: in the database. */
async function publishRound(stock: number): Promise<string> {
  const now = Date.now()
  const round = await sqlMasksStore(pgClient(pool)).insertRound(
    {
      product: '一次性使用医用口罩',
      perPersonLimit: 5,
      allocation: 'first_come',
      opensAt: now - 3600_000,
      closesAt: now + 10 * 3600_000,
      pickupFrom: now + 24 * 3600_000,
      pickupUntil: now + 72 * 3600_000,
      createdAt: now,
    },
    new Map([[OUTLET, stock]]),
  )
  return round.id
}

/** What the database holds of a round at the outlet: live reservations, and the stock left. */
async function heldInDatabase(roundId: string): Promise<{ ids: string[]; docs: number; taken: number; left: number }> {
  const live = (
    await pool.query<{ id: string; doc_key: string; quantity: number }>(
      "select id, doc_key, quantity from masks_reservations where round_id = $1 and state in ('entered', 'reserved', 'picked_up')",
      [roundId],
    )
  ).rows
  const left = (
    await pool.query<{ remaining: number }>('select remaining from masks_stock where round_id = $1 and outlet_id = $2', [roundId, OUTLET])
  ).rows[0]!.remaining
  return {
    ids: live.map((r) => r.id).sort(),
    docs: new Set(live.map((r) => r.doc_key)).size,
    taken: live.reduce((n, r) => n + r.quantity, 0),
    left,
  }
}

function reserve(base: string, token: string, roundId: string, key: string) {
  return http(base, 'POST', '/masks/reservations', {
    token,
    headers: { 'Idempotency-Key': key },
    body: { roundId, outletId: OUTLET, quantity: 2 },
  })
}

const key = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

describe('npm run server', () => {
  beforeAll(async () => {
    await emptyScratchDatabase(pool)
  })

  it('refuses to start without a database or a secret, and says which', async () => {
    const child = spawn(process.execPath, SERVER_ARGS, {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', SERVER_SECRET: 'short' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let errors = ''
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()))
    const code = await new Promise((resolve) => child.on('exit', resolve))
    expect(code).toBe(2)
    expect(errors).toMatch(/DATABASE_URL is not set/)
    expect(errors).toMatch(/SERVER_SECRET must be set/)
  }, 60_000)

  it('serves the contract without the controls, answers health, shows no SMS code and logs no personal data', async () => {
    const server = await startServer()
    expect((await http(server.base, 'GET', '/health')).body).toEqual({ status: 'ok' })
    for (const path of ['/__mock/reset', '/api/v1/__mock/reset']) {
      const res = await fetch(`${server.base}${path}`, { method: 'POST', body: '{}' })
      expect(res.status).toBe(404)
    }
    const token = await verifiedCitizen(server.base, 900)
    const me = (await http(server.base, 'GET', '/me', { token })).body
    expect(me.identity.name).toBe('钱七')
    // A search holding a name and a phone: the log keeps the path, never the query.
    expect((await http(server.base, 'GET', `/jobs?q=${encodeURIComponent('钱七 13700000900')}`)).status).toBe(200)
    const log = server.log()
    expect(log).toMatch(/POST \/api\/v1\/identity\/verify 200/)
    for (const personal of ['钱七', '13700000900', residentId('110105', '1975-05-05', 900)]) expect(log).not.toContain(personal)

    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
  }, 60_000)

  it('keeps every reservation it answered 201 when it is killed in the middle of a rush, and none twice', async () => {
    const STOCK = 40
    const PEOPLE = 60
    const roundId = await publishRound(STOCK)
    const first = await startServer()
    const tokens: string[] = []
    for (let i = 0; i < PEOPLE; i += 1) tokens.push(await verifiedCitizen(first.base, i))

    // Everyone taps at once; the server is killed (no shutdown, no flush) once ten have their answer.
    const granted: string[] = []
    let answered = 0
    const killed = new Promise<void>((resolve) => {
      const rush = tokens.map((token, i) =>
        reserve(first.base, token, roundId, key(i))
          .then((res) => {
            answered += 1
            if (res.status === 201) granted.push(res.body.id as string)
            if (answered === 10) {
              first.child.kill('SIGKILL')
              resolve()
            }
          })
          .catch(() => undefined),
      )
      void Promise.all(rush).then(() => resolve())
    })
    await killed
    await first.exited
    const afterCrash = await heldInDatabase(roundId)
    // Every 201 is there; what was still running either committed whole or left nothing.
    expect(granted.length).toBeGreaterThanOrEqual(10)
    expect(afterCrash.ids).toEqual(expect.arrayContaining(granted))
    expect(afterCrash.docs).toBe(afterCrash.ids.length)
    expect(afterCrash.taken + afterCrash.left).toBe(STOCK)

    // Started again on the same database: everyone retries with their key.
    const second = await startServer()
    const retried = await Promise.all(tokens.map((token, i) => reserve(second.base, token, roundId, key(i))))
    expect(retried.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([])
    const end = await heldInDatabase(roundId)
    expect(end.taken + end.left).toBe(STOCK)
    expect(end.left).toBe(0)
    expect(end.ids).toHaveLength(STOCK / 2)
    expect(end.docs).toBe(end.ids.length)
    // A 201 before the crash is the same reservation after it: the key answers its first answer.
    const afterIds = new Set(retried.filter((r) => r.status === 201).map((r) => r.body.id as string))
    for (const id of granted) expect(afterIds.has(id)).toBe(true)
    console.log(
      `[crash] ${PEOPLE} people, stock ${STOCK}: ${granted.length} answered 201 before SIGKILL, ${afterCrash.ids.length} in the database after it; ` +
        `after the restart ${end.ids.length} reservations, ${end.left} left, no document twice`,
    )
  }, 120_000)

  it('shares one stock and one round between two processes on one database', async () => {
    const STOCK = 30
    const PEOPLE = 50
    const roundId = await publishRound(STOCK)
    const [a, b] = await Promise.all([startServer(), startServer()])
    const tokens: string[] = []
    for (let i = 0; i < PEOPLE; i += 1) tokens.push(await verifiedCitizen(i % 2 === 0 ? a.base : b.base, 1000 + i, '1976-06-06'))

    // Each person taps on both servers at once (two keys): one of the two at most is granted.
    const answers = await Promise.all(
      tokens.flatMap((token, i) => [reserve(a.base, token, roundId, key(5000 + i)), reserve(b.base, token, roundId, key(6000 + i))]),
    )
    expect(answers.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([])
    const granted = answers.filter((r) => r.status === 201)
    expect(granted).toHaveLength(STOCK / 2)
    const end = await heldInDatabase(roundId)
    expect(end).toEqual({ ids: granted.map((r) => r.body.id as string).sort(), docs: STOCK / 2, taken: STOCK, left: 0 })

    const [roundA, roundB] = await Promise.all([http(a.base, 'GET', '/masks/rounds/current'), http(b.base, 'GET', '/masks/rounds/current')])
    expect(roundA.body.round).toEqual(roundB.body.round)
    expect(roundA.body.round.id).toBe(roundId)
    const [outletA, outletB] = await Promise.all([
      http(a.base, 'GET', `/masks/outlets/${OUTLET}`),
      http(b.base, 'GET', `/masks/outlets/${OUTLET}`),
    ])
    expect(outletA.body.remaining).toBe(0)
    expect(outletB.body).toEqual(outletA.body)
    console.log(
      `[two processes] ${PEOPLE} people tapping on both of 2 servers, stock ${STOCK}: ${granted.length} granted, ${end.left} left`,
    )
  }, 120_000)
})
