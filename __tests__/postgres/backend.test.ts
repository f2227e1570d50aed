import { Pool } from 'pg'
import type { Backend } from '@/mock/backend'
import { migrateDatabase, openDatabase, type Database } from '@/mock/store/open'
import { sqlStorage } from '@/mock/store/sql-storage'
import { residentId } from '@/mock/core/people'
import { emptyScratchDatabase } from '../helpers/scratch-database'
import { call, login, testBackend, uuid, type JsonBody } from '../helpers/backend'
import { firstComeRound } from '../helpers/masks'

/**
 * The backend on PostgreSQL, each request its own transaction on a pool of 20 connections: a rush
 * that really interleaves (memory and PGlite run one request at a time) still grants exactly the
 * stock, once a document, and a retried key answers its first answer.
 */

const url = process.env.DATABASE_URL
if (!url) throw new Error('DATABASE_URL is not set: run these tests with `npm run test:postgres`.')

const OUTLET = 'o310106-03'
const STOCK = 7
const PEOPLE = 120

let database: Database
let backend: Backend
const pool = new Pool({ connectionString: url, max: 2 })

beforeAll(async () => {
  await emptyScratchDatabase(pool)
  database = await openDatabase(url, { poolSize: 20 })
  await migrateDatabase(database)
  backend = testBackend({ storage: sqlStorage(database) })
  await backend.ready()
}, 60_000)
afterAll(async () => {
  await database.close()
  await pool.end()
})

async function verified(i: number): Promise<string> {
  const { token } = await login(backend, `pg-rush-${i}`)
  const phone = `139${String(50_000 + i).padStart(8, '0')}`
  const sms = (await call(backend, 'POST', '/identity/sms', { token, body: { phone } })).body
  const docNumber = residentId('110105', '1980-01-01', i)
  const res = await call(backend, 'POST', '/identity/verify', {
    token,
    body: { name: '王五', docType: 'resident_id', docNumber, phone, smsCode: sms.devCode },
  })
  if (res.status !== 200) throw new Error(`verify ${i}: ${res.status} ${JSON.stringify(res.body)}`)
  return token
}

describe('the backend on PostgreSQL', () => {
  it('grants exactly the stock to a rush over 20 connections; replays answer their first answer; no document twice', async () => {
    const round = await call(backend, 'POST', '/__mock/masks/round', { body: firstComeRound({ stockPerOutlet: STOCK }) })
    expect(round.status).toBe(201)
    const roundId: string = round.body.round.id
    const tokens: string[] = []
    for (let i = 0; i < PEOPLE; i += 1) tokens.push(await verified(i))

    // Everyone taps once; the first 40 tap again with a new key; 30 resend their first key.
    const requests = [
      ...tokens.map((token, i) => ({ token, key: uuid(10_000 + i) })),
      ...tokens.slice(0, 40).map((token, i) => ({ token, key: uuid(20_000 + i) })),
      ...tokens.slice(50, 80).map((token, i) => ({ token, key: uuid(10_050 + i) })),
    ]
    const answers = await Promise.all(
      requests.map((r) =>
        call(backend, 'POST', '/masks/reservations', {
          token: r.token,
          headers: { 'Idempotency-Key': r.key },
          body: { roundId, outletId: OUTLET, quantity: 1 },
        }),
      ),
    )
    expect(answers.filter((a) => a.status !== 201 && a.status !== 409)).toEqual([])
    const granted = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id as string))
    expect(granted.size).toBe(STOCK)
    // A resent key answers exactly what its first request was answered.
    for (let i = 0; i < 30; i += 1) expect(answers[PEOPLE + 40 + i]).toEqual(answers[50 + i])

    const rows = (
      await pool.query<{ doc_key: string; quantity: number }>(
        "select doc_key, quantity from masks_reservations where round_id = $1 and state in ('entered', 'reserved', 'picked_up')",
        [roundId],
      )
    ).rows
    expect(rows).toHaveLength(STOCK)
    expect(new Set(rows.map((r) => r.doc_key)).size).toBe(STOCK)
    const left = (
      await pool.query<{ remaining: number }>('select remaining from masks_stock where round_id = $1 and outlet_id = $2', [roundId, OUTLET])
    ).rows[0]!.remaining
    expect(left + rows.reduce((n, r) => n + r.quantity, 0)).toBe(STOCK)
    expect(left).toBe(0)
    const outlet: JsonBody = (await call(backend, 'GET', `/masks/outlets/${OUTLET}`)).body
    expect(outlet.remaining).toBe(0)
  }, 120_000)

  it('makes one account of first logins with one code at once', async () => {
    const logins = await Promise.all(Array.from({ length: 20 }, () => call(backend, 'POST', '/auth/login', { body: { code: 'pg-twice' } })))
    expect(logins.every((l) => l.status === 200)).toBe(true)
    expect(new Set(logins.map((l) => l.body.user.id)).size).toBe(1)
    expect(new Set(logins.map((l) => l.body.token)).size).toBe(20)
  })

  it('lets a worker make 30 pass lookups an hour however many they send at once, and gives one document one pass id', async () => {
    const person = await verified(900)
    const { token: worker } = await login(backend, 'worker:310101002001')
    const body = { name: '王五', docType: 'resident_id', docNumber: residentId('110105', '1980-01-01', 900) }
    const answers = await Promise.all(Array.from({ length: 45 }, () => call(backend, 'POST', '/pass/lookup', { token: worker, body })))
    expect(answers.filter((a) => a.status === 200)).toHaveLength(30)
    expect(answers.filter((a) => a.status === 429).every((a) => a.body.error.code === 'RATE_LIMITED')).toBe(true)
    expect(answers.filter((a) => a.status === 429)).toHaveLength(15)
    // Twenty first looks at a pass at once: one pass id, so every token verifies.
    const passes = await Promise.all(Array.from({ length: 20 }, () => call(backend, 'GET', '/pass', { token: person })))
    expect(new Set(passes.map((p) => p.status))).toEqual(new Set([200]))
    const { token: staff } = await login(backend, 'staff:o310106-03')
    const checks = await Promise.all(
      passes.map((p) => call(backend, 'POST', '/pass/verify', { token: staff, body: { token: p.body.token } })),
    )
    expect(checks.map((c) => c.status)).toEqual(passes.map(() => 200))
    const list = await call(backend, 'GET', '/pass/checks', { token: person, query: { limit: '50' } })
    expect(list.body.total).toBe(50)
  })

  it('holds the family limits against adds sent at once: 5 members an account, 3 accounts a document', async () => {
    const owner = await verified(950)
    const body = (i: number) => ({
      name: '王秀英',
      docType: 'resident_id',
      docNumber: residentId('110105', '1940-01-01', i),
      relation: 'parent',
    })
    const adds = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call(backend, 'POST', '/family/members', { token: owner, body: body(i) })),
    )
    expect(adds.filter((a) => a.status === 201)).toHaveLength(5)
    expect(adds.filter((a) => a.status === 409)).toHaveLength(15)
    expect(adds.filter((a) => a.status === 409).every((a) => a.body.error.code === 'TOO_MANY_MEMBERS')).toBe(true)
    expect((await call(backend, 'GET', '/family/members', { token: owner })).body.items).toHaveLength(5)

    // One document, twelve accounts at once: three hold it; the same account twice at once holds it once.
    const owners = await Promise.all(Array.from({ length: 12 }, (_, i) => verified(960 + i)))
    const same = body(500)
    const held = await Promise.all([...owners, owners[0]].map((token) => call(backend, 'POST', '/family/members', { token, body: same })))
    expect(held.filter((a) => a.status === 201)).toHaveLength(3)
    for (const a of held.filter((x) => x.status !== 201)) expect(['MEMBER_LIMIT', 'ALREADY_MEMBER']).toContain(a.body.error.code)
  })
})
