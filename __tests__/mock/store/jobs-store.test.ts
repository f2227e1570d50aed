import { type PGlite } from '@electric-sql/pglite'
import { createJobsState, jobsBaseFor } from '@/mock/jobs/seed'
import { sqlJobsStore } from '@/mock/jobs/sql-store'
import { copyJobsWorld } from '@/mock/jobs/store'
import { migratedPglite } from '../../helpers/pglite'
import {
  EMPTY_JOBS_TABLES,
  SEVEN,
  T0,
  freshMemoryJobsStore,
  jobsSearchParity,
  jobsStoreSuite,
  planOf,
} from '../../helpers/jobs-store-suite'

/** The jobs store on memory and on PGlite: one database for the file, migrated once, emptied before each use. */

let pglite: PGlite
beforeAll(async () => {
  pglite = await migratedPglite()
}, 60_000)
afterAll(() => pglite.close())

async function emptyPglite() {
  await pglite.exec(EMPTY_JOBS_TABLES)
  return sqlJobsStore(pglite)
}

jobsStoreSuite('memory', freshMemoryJobsStore)
jobsStoreSuite('PGlite', emptyPglite)
jobsSearchParity('PGlite', emptyPglite)

describe('the jobs tables on PGlite', () => {
  it('refuse a second application, a favorite of no posting and a row of no account in the schema itself', async () => {
    const store = await emptyPglite()
    await store.publish(() => SEVEN)
    await store.insertApplication('ac1', { id: 'ja00001', jobId: 'j000001', createdAt: T0, outcome: 'viewed' })
    await expect(
      pglite.query(
        `insert into jobs_applications (id, account_id, job_id, created_at, outcome) values ('ja00002', 'ac1', 'j000001', 0, 'viewed')`,
      ),
    ).rejects.toThrow(/jobs_applications_account_id_job_id_key/)
    await expect(pglite.query(`insert into jobs_favorites (account_id, job_id, created_at) values ('ac1', 'j000099', 0)`)).rejects.toThrow(
      /foreign key/,
    )
    await expect(store.insertFavorite('nobody', 'j000001', T0)).rejects.toThrow(/foreign key/)
    await expect(pglite.query(`update jobs_postings set id = 'j000009' where seq = 0`)).rejects.toThrow(/check/)
  })

  it('answer a two-character search through the bigram index, with and without statistics', async () => {
    const store = await emptyPglite()
    await copyJobsWorld(createJobsState(), jobsBaseFor(1), store)
    for (const analyzed of [false, true]) {
      if (analyzed) await pglite.exec('analyze')
      for (const q of ['司机', '上海']) {
        const plan = await planOf(pglite, { criteria: { q }, sort: 'latest', today: '2020-02-10' })
        expect({ q, analyzed, bigrams: /jobs_posting_bigrams_pkey/.test(plan) }).toEqual({ q, analyzed, bigrams: true })
      }
    }
  }, 60_000)
})
