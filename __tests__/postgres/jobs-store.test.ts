import { Pool } from 'pg'
import { MAX_APPLICATIONS_PER_DAY } from '@/core/contract'
import { createJobsState, jobsBaseFor } from '@/mock/jobs/seed'
import { sqlJobsStore } from '@/mock/jobs/sql-store'
import type { StoredApplication, StoredSubscription } from '@/mock/jobs/state'
import { copyJobsWorld } from '@/mock/jobs/store'
import { migrateDatabase, openDatabase, type Database } from '@/mock/store/open'
import { pgClient } from '@/mock/store/postgres'
import { EMPTY_JOBS_TABLES, T0, jobsSearchParity, jobsStoreSuite, planOf, posting } from '../helpers/jobs-store-suite'

/**
 * The jobs store on a real PostgreSQL server (`npm run test:postgres`): the store suite and the
 * search parity of memory and PGlite, and what only many connections at once can show — one
 * account racing itself for one application, a day's limit, the favorites' and saved searches'
 * limits, and two publishers numbering postings at the same moment.
 *
 * The run's files share one database, one after another. This one migrates (nothing to do when
 * another file did) and empties only the jobs tables, so it works before or after the files that
 * start from an empty database.
 */

const url = process.env.DATABASE_URL
if (!url) throw new Error('DATABASE_URL is not set: run these tests with `npm run test:postgres`.')

const pool = new Pool({ connectionString: url, max: 20 })
const db = pgClient(pool)
let database: Database

beforeAll(async () => {
  database = await openDatabase(url, { poolSize: 20 })
  await migrateDatabase(database)
}, 60_000)
afterAll(async () => {
  await database.close()
  await pool.end()
})

async function emptyStore() {
  await pool.query(EMPTY_JOBS_TABLES)
  return sqlJobsStore(db)
}

jobsStoreSuite('PostgreSQL', emptyStore)
jobsSearchParity('PostgreSQL', emptyStore)

const DAY = 24 * 3600_000
const today = { from: T0, until: T0 + DAY - 1 }

function application(n: number, jobId: string): StoredApplication {
  return { id: `ja${String(n).padStart(5, '0')}`, jobId, createdAt: T0 + n, outcome: 'viewed' }
}

/** `work` for each of `count`, all at once, each in a transaction of its own on its own connection. */
function atOnce<T>(count: number, work: (i: number, store: ReturnType<typeof sqlJobsStore>) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => database.transaction((tx) => work(i, sqlJobsStore(tx)))))
}

describe('the jobs store on PostgreSQL, many connections at once', () => {
  beforeEach(async () => {
    const store = await emptyStore()
    // Thirty open postings to apply to.
    await store.publish((first) => Array.from({ length: 30 }, (_, i) => posting(first + i)))
  })

  it('makes one application of thirty sent at once by one account to one job', async () => {
    const answers = await atOnce(30, (i, store) => store.insertApplication('ac1', application(i, 'j000001'), { ...today, max: 20 }))
    expect(answers.filter((a) => a === 'applied')).toHaveLength(1)
    expect(answers.filter((a) => a === 'already')).toHaveLength(29)
    const { rows } = await pool.query("select count(*)::int as n from jobs_applications where account_id = 'ac1'")
    expect(rows[0].n).toBe(1)
  })

  it('holds the day’s limit against applications to thirty jobs at once', async () => {
    const limit = { ...today, max: MAX_APPLICATIONS_PER_DAY }
    const answers = await atOnce(30, (i, store) => store.insertApplication('ac1', application(i, posting(i).id), limit))
    expect(answers.filter((a) => a === 'applied')).toHaveLength(MAX_APPLICATIONS_PER_DAY)
    expect(answers.filter((a) => a === 'limit')).toHaveLength(30 - MAX_APPLICATIONS_PER_DAY)
    expect(await sqlJobsStore(db).countApplications('ac1', today)).toBe(MAX_APPLICATIONS_PER_DAY)
    // Another account is not held back by the first one's limit.
    expect(await sqlJobsStore(db).insertApplication('ac2', application(99, 'j000001'), limit)).toBe('applied')
  })

  it('holds the favorites’ limit against thirty at once, and keeps one row for the same job', async () => {
    const answers = await atOnce(30, (i, store) => store.insertFavorite('ac1', posting(i % 15).id, T0 + i, 10))
    expect(answers.filter((a) => a === 'added')).toHaveLength(10)
    expect((await sqlJobsStore(db).favorites('ac1', { limit: 50 })).total).toBe(10)
  })

  it('saves a search once however many send it at once, and no more than the limit of different ones', async () => {
    const sub = (i: number, q: string): StoredSubscription => ({
      id: `js${String(i).padStart(5, '0')}`,
      accountId: 'ac1',
      q,
      createdAt: T0,
      lastSeenAt: T0,
      lastSeenSeq: 29,
    })
    const same = await atOnce(20, (i, store) => store.insertSubscription(sub(i, i % 2 ? 'Java' : 'JAVA'), 10))
    expect(same.filter((a) => a === 'saved')).toHaveLength(1)
    const different = await atOnce(20, (i, store) => store.insertSubscription(sub(100 + i, `岗位${i}`), 10))
    expect(different.filter((a) => a === 'saved')).toHaveLength(9)
    expect(await sqlJobsStore(db).subscriptionsOf('ac1')).toHaveLength(10)
  })

  it('numbers the postings of publishers at once one after another, none lost, none twice', async () => {
    const batches = await atOnce(6, (i, store) =>
      store.publish((first) => Array.from({ length: 5 }, (_, n) => posting(first + n, { title: `批次${i}` }))),
    )
    const seqs = batches.flatMap((batch) => batch.map((p) => p.seq)).sort((a, b) => a - b)
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, n) => 30 + n))
    expect(await sqlJobsStore(db).lastSeq()).toBe(59)
    // Each batch's postings are found by their text: their bigrams went in with them.
    const found = await sqlJobsStore(db).countPostings({ criteria: { q: '批次3' }, sort: 'latest', today: '2026-03-01' })
    expect(found).toBe(5)
  })
})

describe('the jobs tables on PostgreSQL', () => {
  it('answer a two-character search through the bigram index', async () => {
    const store = await emptyStore()
    await copyJobsWorld(createJobsState(), jobsBaseFor(1), store)
    await pool.query('analyze jobs_postings, jobs_posting_bigrams')
    for (const q of ['司机', '上海']) {
      const plan = await planOf(db, { criteria: { q }, sort: 'latest', today: '2020-02-10' })
      expect({ q, bigrams: /jobs_posting_bigrams_pkey/.test(plan) }).toEqual({ q, bigrams: true })
    }
  }, 60_000)
})
