import { Pool, type PoolClient } from 'pg'
import { EMPTY_MASKS_TABLES, HOUR, T0, entry, firstCome, lottery, masksStoreSuite, stock } from '../helpers/masks-store-suite'
import { EMPTY_CORE_TABLES, citizen, coreStoreSuite } from '../helpers/core-store-suite'
import { emptyScratchDatabase } from '../helpers/scratch-database'
import { sqlMasksStore } from '@/mock/masks/sql-store'
import { sqlCoreStore } from '@/mock/session/sql-store'
import { sqlReturneesStore } from '@/mock/returnees/sql-store'
import { EMPTY_RETURNEES_TABLES, checkin, declaration, returneesStoreSuite } from '../helpers/returnees-store-suite'
import { migrations } from '@/mock/store/migrate'
import { migrateDatabase, openDatabase } from '@/mock/store/open'
import { pgClient } from '@/mock/store/postgres'

/**
 * The stores on a real PostgreSQL server (`npm run test:postgres`, which makes a throw-away
 * database and sets DATABASE_URL): the same store tests as memory and PGlite, and what only a
 * server with many connections can show — a rush over a pool, settling that two transactions
 * reach at the same moment.
 */

const url = process.env.DATABASE_URL
if (!url) throw new Error('DATABASE_URL is not set: run these tests with `npm run test:postgres`.')

const pool = new Pool({ connectionString: url, max: 20 })
const db = pgClient(pool)

beforeAll(async () => {
  await emptyScratchDatabase(db)
  // Two processes starting at once on the empty database: one applies, the other waits and finds
  // nothing left to apply. Each is its own pool, as two servers would be.
  const starting = [openDatabase(url), openDatabase(url)]
  const servers = await Promise.all(starting)
  try {
    const applied = await Promise.all(servers.map(migrateDatabase))
    expect(applied.sort((a, b) => a.length - b.length)).toEqual([[], migrations().map((m) => m.version)])
    expect(await migrateDatabase(servers[0]!)).toEqual([])
  } finally {
    await Promise.all(servers.map((s) => s.close()))
  }
}, 60_000)
afterAll(() => pool.end())

masksStoreSuite('PostgreSQL', async () => {
  await pool.query(EMPTY_MASKS_TABLES)
  return sqlMasksStore(db)
})

coreStoreSuite('PostgreSQL', async () => {
  await pool.query(EMPTY_CORE_TABLES)
  return sqlCoreStore(db)
})

returneesStoreSuite('PostgreSQL', async () => {
  await pool.query(EMPTY_RETURNEES_TABLES)
  return sqlReturneesStore(db)
})

async function waitForLockWaiters(count: number): Promise<void> {
  for (;;) {
    const { rows } = await pool.query<{ n: string }>(
      "select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    )
    if (Number(rows[0]!.n) >= count) return
    await new Promise((resolve) => setImmediate(resolve))
  }
}

describe('the masks store on PostgreSQL, many connections at once', () => {
  beforeEach(() => pool.query(EMPTY_MASKS_TABLES))

  it('grants 500 takes at once over 20 connections exactly the 7 left', async () => {
    const store = sqlMasksStore(db)
    const round = await store.insertRound(firstCome, stock)
    const answers = await Promise.all(Array.from({ length: 500 }, (_, i) => store.take(round.id, 'o1', 1, T0 + i)))
    expect(answers.filter(Boolean)).toHaveLength(7)
    expect((await store.stocks(round.id, ['o1'])).get('o1')?.remaining).toBe(0)
  })

  it('gives one live place to a document entered from 50 connections at once', async () => {
    const store = sqlMasksStore(db)
    const round = await store.insertRound(lottery, stock)
    const placed = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.insertReservation(entry(round.id, { accountId: `ac${i}`, state: 'entered' }))),
    )
    expect(placed.filter(Boolean)).toHaveLength(1)
    expect(await store.reservationsOfRound(round.id)).toHaveLength(1)
  })

  it('lets one of two transactions settle a due round; the other, waiting on its lock, finds nothing left', async () => {
    await sqlMasksStore(db).insertRound(lottery, stock)
    const first = await pool.connect()
    const second = await pool.connect()
    const inTransaction = async (client: PoolClient) => {
      await client.query('begin')
      return sqlMasksStore(pgClient(client))
    }
    try {
      const a = await inTransaction(first)
      const b = await inTransaction(second)
      const due = await a.roundsToSettle(T0 + 12 * HOUR)
      expect(due.map((r) => r.id)).toEqual(['rd1'])

      let secondAnswered = false
      const secondLook = b.roundsToSettle(T0 + 12 * HOUR).then((rows) => {
        secondAnswered = true
        return rows
      })
      // The second is seen waiting on a lock by the server itself, not after a guessed sleep.
      await waitForLockWaiters(1)
      expect(secondAnswered).toBe(false)

      await a.saveRound({ ...due[0]!, draw: { at: T0 + 11 * HOUR, outlets: [] } })
      await first.query('commit')
      expect(await secondLook).toEqual([])
      await second.query('commit')
    } finally {
      first.release()
      second.release()
    }
  })
})

/** `work` on its own connection inside `begin`, left open for the test to commit. */
async function openTransaction(): Promise<{ client: PoolClient; store: ReturnType<typeof sqlCoreStore> }> {
  const client = await pool.connect()
  await client.query('begin')
  return { client, store: sqlCoreStore(pgClient(client)) }
}

describe('the core store on PostgreSQL, many connections at once', () => {
  beforeEach(() => pool.query(EMPTY_CORE_TABLES))

  it('makes one account of 20 first logins with one code at once, and binds a document to one of 20 accounts', async () => {
    const store = sqlCoreStore(db)
    const made = await Promise.all(Array.from({ length: 20 }, (_, i) => store.insertAccount(citizen(`u${i}`, 'wx-rush'))))
    expect(made.filter(Boolean)).toHaveLength(1)
    const { rows } = await pool.query('select id from core_accounts')
    expect(rows).toHaveLength(1)

    for (let i = 0; i < 20; i += 1) await store.insertAccount(citizen(`v${i}`, `wx-${i}`))
    const claimed = await Promise.all(Array.from({ length: 20 }, (_, i) => store.claimDocument('resident_id:110101199003074514', `v${i}`)))
    expect(claimed.filter(Boolean)).toHaveLength(1)
    expect(await store.documentHolder('resident_id:110101199003074514')).toBe(`v${claimed.indexOf(true)}`)
  })

  it('makes a second request with a key wait for the first, then read its answer', async () => {
    const key = 'u1|/api/v1/masks/reservations|3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b'
    const first = await openTransaction()
    const second = await openTransaction()
    try {
      expect(await first.store.claimKey(key, { body: '{"n":1}', at: T0 }, T0 - 1)).toBe(true)
      let secondAnswered = false
      const secondClaim = second.store.claimKey(key, { body: '{"n":1}', at: T0 + 1 }, T0 - 1).then((claimed) => {
        secondAnswered = true
        return claimed
      })
      await waitForLockWaiters(1)
      expect(secondAnswered).toBe(false)

      await first.store.keepAnswer(key, { body: '{"n":1}', status: 201, response: { id: 'rs1' }, at: T0 })
      await first.client.query('commit')
      expect(await secondClaim).toBe(false)
      expect(await second.store.keptAnswer(key)).toStrictEqual({ body: '{"n":1}', status: 201, response: { id: 'rs1' }, at: T0 })
      await second.client.query('commit')
    } finally {
      first.client.release()
      second.client.release()
    }
  })

  it('lets the waiting request claim the key when the first one rolls back', async () => {
    const key = 'u1|/api/v1/jobs/subscriptions|3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b'
    const first = await openTransaction()
    const second = await openTransaction()
    try {
      expect(await first.store.claimKey(key, { body: '{}', at: T0 }, T0 - 1)).toBe(true)
      const secondClaim = second.store.claimKey(key, { body: '{}', at: T0 + 1 }, T0 - 1)
      await waitForLockWaiters(1)
      await first.client.query('rollback')
      expect(await secondClaim).toBe(true)
      await second.client.query('commit')
      expect(await sqlCoreStore(db).keptAnswer(key)).toStrictEqual({ body: '{}', at: T0 + 1 })
    } finally {
      first.client.release()
      second.client.release()
    }
  })
})

describe('the returnees store on PostgreSQL, many connections at once', () => {
  beforeEach(() => pool.query(EMPTY_RETURNEES_TABLES))

  it('keeps one of 20 open declarations sent for one document at once, and one of 20 check-ins for one day', async () => {
    const store = sqlReturneesStore(db)
    const made = await Promise.all(Array.from({ length: 20 }, (_, i) => store.insertDeclaration(declaration(`rd${i}`))))
    expect(made.filter(Boolean)).toHaveLength(1)
    const kept = `rd${made.indexOf(true)}`
    const checked = await Promise.all(Array.from({ length: 20 }, (_, i) => store.insertCheckin(checkin(`rc${i}`, kept, '2026-03-01'))))
    expect(checked.filter(Boolean)).toHaveLength(1)
    expect(await store.checkinsOf(kept)).toHaveLength(1)
  })
})
