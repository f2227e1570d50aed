import { Pool, type PoolClient } from 'pg'
import { EMPTY_MASKS_TABLES, HOUR, T0, entry, firstCome, lottery, masksStoreSuite, stock } from '../helpers/masks-store-suite'
import { emptyScratchDatabase } from '../helpers/scratch-database'
import { sqlMasksStore } from '@/mock/masks/sql-store'
import { migrateDatabase, openDatabase } from '@/mock/store/open'
import { pgClient } from '@/mock/store/postgres'

/**
 * The masks store on a real PostgreSQL server (`npm run test:postgres`, which makes a throw-away
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
    expect(applied.sort((a, b) => a.length - b.length)).toEqual([[], [1]])
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
