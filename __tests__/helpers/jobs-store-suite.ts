import { JOB_INDUSTRIES, type JobSort } from '@/core/contract'
import { dictFromEntries } from '@/mock/core/dict'
import { createRng } from '@/mock/core/random'
import { shanghaiDistricts } from '@/mock/core/regions'
import { normaliseCriteria, type Criteria } from '@/mock/jobs/search'
import { publishPostings } from '@/mock/jobs/seed-postings'
import { compareLatest, compareSalary } from '@/mock/jobs/postings'
import { createJobsState, jobsBaseFor } from '@/mock/jobs/seed'
import { sqlJobsStore } from '@/mock/jobs/sql-store'
import type { JobsBase, JobsState, Posting, StoredApplication, StoredSubscription } from '@/mock/jobs/state'
import { copyJobsWorld, memoryJobsStore, type JobsStore, type PostingQuery } from '@/mock/jobs/store'
import type { SqlClient } from '@/mock/store/sql'

/**
 * The rules the jobs rules lean on, asked of every store the same way: the memory store of
 * `npm run mock`, and the SQL store on PGlite (in `npm test`) and on PostgreSQL (in CI). Figures
 * are literals, never the code's constants.
 */

export const T0 = Date.parse('2026-03-01T09:00:00+08:00')
const HOUR = 3600_000
const DAY = 24 * HOUR
const TODAY = '2026-03-01'

/** The accounts the suite's rows belong to (a database's rows reference them). */
export const ACCOUNTS = ['ac1', 'ac2']

/** The tables of the jobs migration, emptied between tests; the suite's accounts, there once. */
export const EMPTY_JOBS_TABLES = `truncate jobs_applications, jobs_favorites, jobs_subscriptions, jobs_posting_bigrams, jobs_postings;
  insert into core_accounts (id, login_code, role, verified, created_at)
  values ${ACCOUNTS.map((id) => `('${id}', 'jobs-suite-${id}', 'citizen', false, 0)`).join(', ')} on conflict do nothing;`

/** A posting as the seed writes one; `seq` decides its id. */
export function posting(seq: number, over: Partial<Omit<Posting, 'id' | 'seq' | 'hay'>> = {}): Posting {
  const p: Posting = {
    id: `j${String(seq + 1).padStart(6, '0')}`,
    seq,
    title: '仓库管理员',
    employer: '上海申通物流有限公司',
    districtCode: '310101',
    district: '黄浦区',
    industry: 'logistics',
    kind: 0,
    salaryMin: 6000,
    salaryMax: 8000,
    tags: ['五险一金', '双休'],
    postedAt: T0,
    deadline: '2026-03-10',
    headcount: 3,
    education: '高中/中专及以上',
    experience: '经验不限',
    hay: '',
    ...over,
  }
  return { ...p, hay: `${p.title}\n${p.employer}`.toLowerCase() }
}

/** Seven postings whose keys tie in both sorts, one closing today and one closed yesterday. */
export const SEVEN: Posting[] = [
  posting(0),
  posting(1, { title: 'Java开发工程师', employer: '上海云杉网络科技有限公司', districtCode: '310104', district: '徐汇区', industry: 'it' }),
  posting(2, { title: '货车司机（C1）', postedAt: T0 + HOUR, deadline: '2026-03-01' }),
  posting(3, { title: '护士', employer: '瑞金护理院', districtCode: '310104', district: '徐汇区', industry: 'healthcare' }),
  posting(4, { title: '收银员', employer: '联华超市', industry: 'retail', salaryMin: 4000, salaryMax: 5000, postedAt: T0 + 2 * HOUR }),
  posting(5, { title: '司机', employer: '护士之家家政服务', districtCode: '310104', district: '徐汇区', industry: 'domestic' }),
  posting(6, { title: '无人机护航员', salaryMax: 9000, postedAt: T0 - 2 * HOUR }),
].map((p, seq) => {
  // Ties: 1, 2 and 5 were posted in the same minute, 1 and 5 pay the same, and so do 0 and 2.
  if (seq === 1 || seq === 5) return { ...p, postedAt: T0 + HOUR, salaryMax: 12000 }
  if (seq === 3) return { ...p, postedAt: T0 - HOUR, salaryMax: 20000, deadline: '2026-02-28' }
  return p
})

function application(id: string, jobId: string, createdAt: number, over: Partial<StoredApplication> = {}): StoredApplication {
  return { id, jobId, createdAt, outcome: 'interview', ...over }
}

type SearchCriteria = Pick<StoredSubscription, 'q' | 'districtCode' | 'industry' | 'salaryMin'>
type SeenMarks = Pick<StoredSubscription, 'createdAt' | 'lastSeenAt' | 'lastSeenSeq'>

function subscription(
  id: string,
  accountId: string,
  criteria: SearchCriteria = { q: 'Java' },
  marks: Partial<SeenMarks> = {},
): StoredSubscription {
  return { id, accountId, ...criteria, createdAt: T0, lastSeenAt: T0, lastSeenSeq: 6, ...marks }
}

/** A base holding these postings, presorted as the seed's is. */
function baseOf(postings: Posting[]): JobsBase {
  return { ...emptyBase(), postings, byLatest: postings.slice().sort(compareLatest), bySalary: postings.slice().sort(compareSalary) }
}

/** A base of no postings: whatever a memory store is given is published in it. */
export function emptyBase(): JobsBase {
  return { employers: jobsBaseFor(1).employers, postings: [], byLatest: [], bySalary: [] }
}

export const freshMemoryJobsStore = (): Promise<JobsStore> => Promise.resolve(memoryJobsStore(createJobsState(), emptyBase()))

const ids = (found: { items: Posting[] }) => found.items.map((p) => p.id)

export function jobsStoreSuite(name: string, fresh: () => Promise<JobsStore>): void {
  describe(`the jobs store on ${name}`, () => {
    let store: JobsStore
    beforeEach(async () => {
      store = await fresh()
    })
    const publishSeven = () => store.publish(() => SEVEN)
    const list = async (query: Partial<PostingQuery>, limit = 50) =>
      ids(await store.postings({ criteria: {}, sort: 'latest', today: TODAY, ...query }, { limit }))

    it('numbers postings on from the last, finds them by id, and nothing for any other id', async () => {
      expect(await store.lastSeq()).toBe(-1)
      expect(await store.publish((first) => [posting(first), posting(first + 1)])).toEqual([posting(0), posting(1)])
      expect(await store.lastSeq()).toBe(1)
      await expect(store.publish((first) => [posting(first + 1)])).rejects.toThrow(/published as seq 2/)
      expect(await store.lastSeq()).toBe(1)
      const more = await store.publish((first) => [posting(first, { title: '叉车司机', tags: ['包吃住'] })])
      expect(more.map((p) => p.id)).toEqual(['j000003'])
      expect(await store.posting('j000003')).toStrictEqual(posting(2, { title: '叉车司机', tags: ['包吃住'] }))
      expect(await store.posting('j000001')).toStrictEqual(posting(0))
      for (const id of ['j000004', 'j000000', 'j0000001', 'J000001', '', '__proto__', 'constructor', 'toString']) {
        expect(await store.posting(id)).toBeUndefined()
      }
      const found = await store.postingsOf(['j000003', 'j000009', '__proto__', 'j000001'])
      expect([...found.keys()].sort()).toEqual(['j000001', 'j000003'])
      expect(found.get('j000001')).toStrictEqual(posting(0))
      expect(await store.publish(() => [])).toEqual([])
    })

    it('lists the open postings newest first or best paid first, ties broken by the higher id', async () => {
      await publishSeven()
      expect(await list({})).toEqual(['j000005', 'j000006', 'j000003', 'j000002', 'j000001', 'j000007'])
      expect(await list({ sort: 'salary' })).toEqual(['j000006', 'j000002', 'j000007', 'j000003', 'j000001', 'j000005'])
      // A posting is open through its deadline's day.
      expect(await list({ today: '2026-03-02' })).toEqual(['j000005', 'j000006', 'j000002', 'j000001', 'j000007'])
      expect(await list({ today: '2026-02-28' })).toContain('j000004')
      expect(await list({ today: '2026-04-02' })).toEqual([])
      expect(await store.countPostings({ criteria: {}, sort: 'latest', today: TODAY })).toBe(6)
      expect(await store.countPostings({ criteria: {}, sort: 'salary', today: '2026-03-02' })).toBe(5)
    })

    it('filters by district, industry and a minimum salary, each and together', async () => {
      await publishSeven()
      expect(await list({ criteria: { districtCode: '310101' } })).toEqual(['j000005', 'j000003', 'j000001', 'j000007'])
      expect(await list({ criteria: { districtCode: '310999' } })).toEqual([])
      expect(await list({ criteria: { districtCode: null } })).toEqual([])
      expect(await list({ criteria: { industry: 'logistics' } })).toEqual(['j000003', 'j000001', 'j000007'])
      expect(await list({ criteria: { salaryMin: 9000 } })).toEqual(['j000006', 'j000002', 'j000007'])
      expect(await list({ criteria: { salaryMin: 12000 }, sort: 'salary' })).toEqual(['j000006', 'j000002'])
      expect(await list({ criteria: { districtCode: '310104', industry: 'it', salaryMin: 12000 } })).toEqual(['j000002'])
      expect(await list({ criteria: { districtCode: '310104', industry: 'retail' } })).toEqual([])
    })

    it('finds a text in titles and employers: one character, two, more, and never pairs that are apart', async () => {
      await publishSeven()
      const q = (text: string, query: Partial<PostingQuery> = {}) => list({ ...query, criteria: { ...query.criteria, q: text } })
      expect(await q('司机')).toEqual(['j000006', 'j000003'])
      expect(await q('司')).toEqual(['j000006', 'j000003', 'j000002', 'j000001', 'j000007'])
      expect(await q('java')).toEqual(['j000002'])
      expect(await q('c1')).toEqual(['j000003'])
      expect(await q('（c1）')).toEqual(['j000003'])
      expect(await q('护士')).toEqual(['j000006'])
      expect(await q('护士', { today: '2026-02-28' })).toEqual(['j000006', 'j000004'])
      expect(await q('机护')).toEqual(['j000007'])
      // 司机 and 机护 are both there, in different postings.
      expect(await q('司机护')).toEqual([])
      expect(await q('申通物流有限公司')).toEqual(['j000003', 'j000001', 'j000007'])
      // The last character of a hay, and the line between title and employer.
      expect(await q('务')).toEqual(['j000006'])
      expect(await q('员\n上海')).toEqual(['j000001', 'j000007'])
      expect(await q('火星')).toEqual([])
      expect(await q('Java')).toEqual([])
      expect(await q('司', { criteria: { districtCode: '310101', salaryMin: 8000 } })).toEqual(['j000003', 'j000001', 'j000007'])
      expect(await q('司', { criteria: { districtCode: '310101', salaryMin: 8000 }, sort: 'salary' })).toEqual([
        'j000007',
        'j000003',
        'j000001',
      ])
      const found = await store.postings({ criteria: { q: '司' }, sort: 'latest', today: TODAY }, { limit: 2 })
      expect({ ids: ids(found), total: found.total }).toEqual({ ids: ['j000006', 'j000003'], total: 5 })
    })

    it('pages after a position by comparison, whether or not a posting holds it', async () => {
      await publishSeven()
      const page = async (sort: JobSort, k: number, i: string, limit = 2) =>
        store.postings({ criteria: {}, sort, today: TODAY }, { after: { k, i }, limit })
      expect(ids(await page('latest', T0 + HOUR, 'j000006'))).toEqual(['j000003', 'j000002'])
      expect(ids(await page('latest', T0 + HOUR, 'j000002'))).toEqual(['j000001', 'j000007'])
      expect(ids(await page('latest', T0 + HOUR, 'j000004'))).toEqual(['j000003', 'j000002'])
      expect(ids(await page('latest', T0 - 2 * HOUR, 'j000007'))).toEqual([])
      expect(ids(await page('salary', 8000, 'j000003'))).toEqual(['j000001', 'j000005'])
      expect(ids(await page('salary', 100000, 'j999999', 50))).toHaveLength(6)
      // The total is the whole list's, wherever the page starts.
      expect((await page('salary', 8000, 'j000003')).total).toBe(6)
    })

    it('finds what was published after a seq: a saved search’s new postings', async () => {
      await publishSeven()
      const after = (afterSeq: number, criteria: Criteria = {}) => list({ afterSeq, criteria })
      expect(await after(4)).toEqual(['j000006', 'j000007'])
      expect(await after(4, { q: '司机' })).toEqual(['j000006'])
      expect(await after(4, { districtCode: '310101' })).toEqual(['j000007'])
      expect(await after(1)).toEqual(['j000005', 'j000006', 'j000003', 'j000007'])
      expect(await after(-1)).toEqual(await list({}))
      expect(await after(6)).toEqual([])
      expect(await store.countPostings({ criteria: {}, sort: 'latest', today: TODAY, afterSeq: 4 })).toBe(2)
    })

    it('keeps one application an account and job, and a day’s limit, checked before the insert', async () => {
      await publishSeven()
      const window = { from: T0, until: T0 + DAY - 1, max: 2 }
      expect(await store.application('ac1', 'j000001')).toBeUndefined()
      expect(await store.insertApplication('ac1', application('ja00001', 'j000001', T0, { message: '可随时到岗' }), window)).toBe('applied')
      expect(await store.insertApplication('ac1', application('ja00002', 'j000001', T0 + 1))).toBe('already')
      expect(await store.insertApplication('ac2', application('ja00003', 'j000001', T0 + 1), window)).toBe('applied')
      expect(await store.insertApplication('ac1', application('ja00004', 'j000002', T0 + 2, { outcome: 'rejected' }), window)).toBe(
        'applied',
      )
      expect(await store.insertApplication('ac1', application('ja00005', 'j000003', T0 + 3), window)).toBe('limit')
      // ALREADY_APPLIED answers before the limit.
      expect(await store.insertApplication('ac1', application('ja00005', 'j000002', T0 + 3), window)).toBe('already')
      const tomorrow = { from: T0 + DAY, until: T0 + 2 * DAY - 1, max: 2 }
      expect(await store.insertApplication('ac1', application('ja00006', 'j000003', T0 + DAY), tomorrow)).toBe('applied')

      expect(await store.application('ac1', 'j000001')).toStrictEqual(application('ja00001', 'j000001', T0, { message: '可随时到岗' }))
      // Strict: an application without a message has no message field at all.
      expect(await store.application('ac1', 'j000003')).toStrictEqual(application('ja00006', 'j000003', T0 + DAY))
      expect(await store.application('ac2', 'j000002')).toBeUndefined()
      expect(await store.countApplications('ac1', {})).toBe(3)
      expect(await store.countApplications('ac1', { from: T0, until: T0 + DAY - 1 })).toBe(2)
      expect(await store.countApplications('ac1', { from: T0 + 2 })).toBe(2)
      expect(await store.countApplications('ac1', { until: T0 + 2 })).toBe(2)
      expect(await store.countApplications('ac1', { outcome: 'interview', until: T0 })).toBe(1)
      expect(await store.countApplications('ac1', { outcome: 'viewed' })).toBe(0)
      expect(await store.countApplications('ac2', {})).toBe(1)
    })

    it('lists an account’s applications newest first, ties by the higher id, in keyset pages', async () => {
      await publishSeven()
      for (const [id, jobId, at] of [
        ['ja00009', 'j000001', T0],
        ['ja0000a', 'j000002', T0 + HOUR],
        ['ja0000b', 'j000003', T0],
        ['ja00010', 'j000004', T0 - HOUR],
      ] as const) {
        await store.insertApplication('ac1', application(id, jobId, at))
      }
      const all = await store.applications('ac1', { limit: 10 })
      expect({ ids: all.items.map((a) => a.id), total: all.total }).toEqual({ ids: ['ja0000a', 'ja0000b', 'ja00009', 'ja00010'], total: 4 })
      const next = await store.applications('ac1', { after: { k: T0, i: 'ja0000b' }, limit: 1 })
      expect({ ids: next.items.map((a) => a.id), total: next.total }).toEqual({ ids: ['ja00009'], total: 4 })
      expect(await store.applications('ac2', { limit: 10 })).toEqual({ items: [], total: 0 })
    })

    it('gives one of twenty applications sent at once to one job', async () => {
      await publishSeven()
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.insertApplication('ac1', application(`ja1${String(i).padStart(4, '0')}`, 'j000001', T0 + i)),
        ),
      )
      expect(answers.filter((a) => a === 'applied')).toHaveLength(1)
      expect(await store.countApplications('ac1', {})).toBe(1)
    })

    it('keeps favorites as a set: again changes nothing, the limit refuses only a new one', async () => {
      await publishSeven()
      expect(await store.favoriteAt('ac1', 'j000001')).toBeUndefined()
      expect(await store.insertFavorite('ac1', 'j000001', T0, 2)).toBe('added')
      expect(await store.insertFavorite('ac1', 'j000001', T0 + 5, 2)).toBe('already')
      expect(await store.favoriteAt('ac1', 'j000001')).toBe(T0)
      expect(await store.insertFavorite('ac1', 'j000002', T0, 2)).toBe('added')
      expect(await store.insertFavorite('ac1', 'j000003', T0, 2)).toBe('limit')
      expect(await store.insertFavorite('ac1', 'j000002', T0, 2)).toBe('already')
      expect(await store.insertFavorite('ac2', 'j000003', T0, 2)).toBe('added')
      expect(await store.insertFavorite('ac1', 'j000003', T0 + 1)).toBe('added')

      const all = await store.favorites('ac1', { limit: 10 })
      expect(all).toEqual({
        items: [
          { jobId: 'j000003', at: T0 + 1 },
          { jobId: 'j000002', at: T0 },
          { jobId: 'j000001', at: T0 },
        ],
        total: 3,
      })
      expect(await store.favorites('ac1', { after: { k: T0, i: 'j000002' }, limit: 5 })).toEqual({
        items: [{ jobId: 'j000001', at: T0 }],
        total: 3,
      })
      await store.deleteFavorite('ac1', 'j000002')
      await store.deleteFavorite('ac1', 'j000007')
      expect(await store.favoriteAt('ac1', 'j000002')).toBeUndefined()
      expect((await store.favorites('ac1', { limit: 10 })).items.map((f) => f.jobId)).toEqual(['j000003', 'j000001'])
      expect(await store.favoriteAt('ac2', 'j000003')).toBe(T0)
    })

    it('refuses the same saved search twice (the text regardless of case) and one past the limit', async () => {
      await publishSeven()
      expect(await store.insertSubscription(subscription('js00001', 'ac1'), 2)).toBe('saved')
      expect(await store.insertSubscription(subscription('js00002', 'ac1', { q: 'JAVA' }, { createdAt: T0 + 1 }), 2)).toBe('duplicate')
      expect(await store.insertSubscription(subscription('js00003', 'ac2'), 2)).toBe('saved')
      expect(await store.insertSubscription(subscription('js00004', 'ac1', { q: 'Java', districtCode: '310104' }), 2)).toBe('saved')
      expect(await store.insertSubscription(subscription('js00005', 'ac1', { industry: 'it' }), 2)).toBe('limit')
      expect(await store.insertSubscription(subscription('js00005', 'ac1', { q: 'java', districtCode: '310104' }), 2)).toBe('duplicate')
      expect(await store.insertSubscription(subscription('js00006', 'ac1', { salaryMin: 8000 }))).toBe('saved')

      expect(await store.subscription('js00003')).toStrictEqual(subscription('js00003', 'ac2'))
      // Strict: the criteria not set are not there at all.
      expect(await store.subscription('js00006')).toStrictEqual({
        id: 'js00006',
        accountId: 'ac1',
        salaryMin: 8000,
        createdAt: T0,
        lastSeenAt: T0,
        lastSeenSeq: 6,
      })
      expect(await store.subscription('js00002')).toBeUndefined()
      expect((await store.subscriptionsOf('ac1')).map((s) => s.id)).toEqual(['js00001', 'js00004', 'js00006'])
      const page = await store.subscriptions('ac1', { limit: 2 })
      expect({ ids: page.items.map((s) => s.id), total: page.total }).toEqual({ ids: ['js00006', 'js00004'], total: 3 })
      const rest = await store.subscriptions('ac1', { after: { k: T0, i: 'js00004' }, limit: 2 })
      expect(rest.items.map((s) => s.id)).toEqual(['js00001'])
    })

    it('marks a saved search seen, and forgets a deleted one', async () => {
      await store.insertSubscription(subscription('js00001', 'ac1'))
      await store.insertSubscription(subscription('js00002', 'ac1', { q: '司机' }))
      await store.markSeen('js00001', T0 + HOUR, 40)
      expect(await store.subscription('js00001')).toStrictEqual(
        subscription('js00001', 'ac1', { q: 'Java' }, { lastSeenAt: T0 + HOUR, lastSeenSeq: 40 }),
      )
      await expect(store.markSeen('js00009', T0, 1)).rejects.toThrow(/has no subscription js00009/)
      await store.deleteSubscription('js00001')
      await store.deleteSubscription('js00009')
      expect(await store.subscription('js00001')).toBeUndefined()
      expect((await store.subscriptionsOf('ac1')).map((s) => s.id)).toEqual(['js00002'])
      // A deleted search may be saved again.
      expect(await store.insertSubscription(subscription('js00003', 'ac1'))).toBe('saved')
    })

    it('hands out copies: a change reaches the store only through its methods', async () => {
      const [published] = await store.publish((first) => [posting(first)])
      published.tags.push('急招')
      await store.insertApplication('ac1', application('ja00001', 'j000001', T0))
      await store.insertSubscription(subscription('js00001', 'ac1'))
      const p = (await store.posting('j000001'))!
      p.tags.push('包吃住')
      p.title = '改过的'
      const app = (await store.application('ac1', 'j000001'))!
      app.outcome = 'rejected'
      const sub = (await store.subscription('js00001'))!
      sub.lastSeenSeq = 99
      ;(await store.subscriptionsOf('ac1'))[0]!.q = '改过的'
      ;(await store.applications('ac1', { limit: 5 })).items[0]!.createdAt = 0
      ;(await store.postings({ criteria: {}, sort: 'latest', today: TODAY }, { limit: 5 })).items[0]!.salaryMax = 1
      expect(await store.posting('j000001')).toStrictEqual(posting(0))
      expect(await store.application('ac1', 'j000001')).toStrictEqual(application('ja00001', 'j000001', T0))
      expect(await store.subscription('js00001')).toStrictEqual(subscription('js00001', 'ac1'))
    })

    it('answers nothing for ids and accounts it never saw, prototype keys included', async () => {
      await publishSeven()
      await store.insertApplication('ac1', application('ja00001', 'j000001', T0))
      await store.insertFavorite('ac1', 'j000001', T0)
      await store.insertSubscription(subscription('js00001', 'ac1'))
      for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        expect(await store.posting(key)).toBeUndefined()
        expect(await store.application(key, 'j000001')).toBeUndefined()
        expect(await store.application('ac1', key)).toBeUndefined()
        expect(await store.favoriteAt(key, 'j000001')).toBeUndefined()
        expect(await store.favoriteAt('ac1', key)).toBeUndefined()
        expect(await store.subscription(key)).toBeUndefined()
        expect(await store.subscriptionsOf(key)).toEqual([])
        expect(await store.applications(key, { limit: 5 })).toEqual({ items: [], total: 0 })
        expect(await store.favorites(key, { limit: 5 })).toEqual({ items: [], total: 0 })
        expect(await store.subscriptions(key, { limit: 5 })).toEqual({ items: [], total: 0 })
        expect(await store.countApplications(key, {})).toBe(0)
        await store.deleteFavorite(key, 'j000001')
        await store.deleteFavorite('ac1', key)
        await store.deleteSubscription(key)
      }
      expect(await store.favoriteAt('ac1', 'j000001')).toBe(T0)
      expect(await store.subscription('js00001')).toBeDefined()
    })

    it('takes a copy of a world: the base’s postings, the published ones, and every record', async () => {
      const base = baseOf(SEVEN.slice(0, 4))
      const state: JobsState = {
        published: SEVEN.slice(4),
        applications: dictFromEntries([
          ['ac1', [application('ja00001', 'j000001', T0, { message: '你好' }), application('ja00002', 'j000005', T0 + 1)]],
          ['ac2', [application('ja00003', 'j000001', T0 + 2, { outcome: 'viewed' })]],
        ]),
        favorites: dictFromEntries([['ac1', dictFromEntries([['j000006', T0]])]]),
        subscriptions: dictFromEntries([['ac2', [subscription('js00004', 'ac2', { q: '司机', districtCode: '310101' })]]]),
      }
      await copyJobsWorld(state, base, store)
      const original = memoryJobsStore(state, base)
      for (const s of [store, original]) expect(await s.lastSeq()).toBe(6)
      const seen = async (s: JobsStore) => ({
        latest: await s.postings({ criteria: {}, sort: 'latest', today: '2026-02-28' }, { limit: 10 }),
        salary: await s.postings({ criteria: { q: '司' }, sort: 'salary', today: TODAY }, { limit: 10 }),
        applications: [await s.applications('ac1', { limit: 10 }), await s.applications('ac2', { limit: 10 })],
        favorites: await s.favorites('ac1', { limit: 10 }),
        subscriptions: await s.subscriptionsOf('ac2'),
      })
      const copied = await seen(store)
      expect(copied).toStrictEqual(await seen(original))
      expect(copied.latest.total).toBe(7)
      expect(copied.applications[0]!.total).toBe(2)
      // A store that holds postings already numbers on from them: a second copy is refused.
      await expect(copyJobsWorld(state, base, store)).rejects.toThrow(/numbers from seq 7, not 0/)
    })
  })
}

/** A SqlClient that keeps every statement it is asked, for a test to look at how it was answered. */
export function recordingClient(db: SqlClient, seen: { text: string; params: unknown[] }[]): SqlClient {
  return {
    query<T>(text: string, params: unknown[] = []) {
      seen.push({ text, params })
      return db.query<T>(text, params)
    },
  }
}

/** The plan of the page query the store sends for `query`: where the two-character search looks. */
export async function planOf(db: SqlClient, query: PostingQuery): Promise<string> {
  const seen: { text: string; params: unknown[] }[] = []
  await sqlJobsStore(recordingClient(db, seen)).postings(query, { limit: 21 })
  const page = seen.find((s) => /order by/.test(s.text))!
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(`explain ${page.text}`, page.params)
  return rows.map((r) => r['QUERY PLAN']).join('\n')
}

/** Texts to look for, drawn from the postings themselves, plus some that match nothing. */
function queryTexts(postings: readonly Posting[]): string[] {
  const rng = createRng(2020)
  const texts = [...new Set(postings.flatMap((p) => [p.title, p.employer]))]
  const pick = () => texts[Math.floor(rng() * texts.length)]!
  const out = new Set<string>()
  const slice = (t: string, length: number) => {
    const from = Math.floor(rng() * Math.max(1, t.length - length + 1))
    return t.slice(from, from + length)
  }
  for (let n = 0; n < 60; n += 1) out.add(slice(pick(), 1))
  for (let n = 0; n < 70; n += 1) out.add(slice(pick(), 2))
  for (let n = 0; n < 40; n += 1) out.add(slice(pick(), 3 + Math.floor(rng() * 3)))
  for (let n = 0; n < 12; n += 1) out.add(pick())
  // Three characters whose two pairs each occur, mostly in different postings.
  const pairsFrom = new Map<string, string[]>()
  for (const t of texts)
    for (let i = 0; i + 1 < t.length; i += 1) pairsFrom.set(t[i]!, [...(pairsFrom.get(t[i]!) ?? []), t.slice(i, i + 2)])
  for (let n = 0; n < 20; n += 1) {
    const t = pick()
    const i = Math.floor(rng() * (t.length - 1))
    const next = pairsFrom.get(t[i + 1]!) ?? []
    if (next.length) out.add(t.slice(i, i + 2) + next[Math.floor(rng() * next.length)]![1])
  }
  for (const q of ['JAVA', 'java', 'Ui', 'c1', '（c1）', '  司机 ', '上海', '有限公司', '工', '火星', 'zz', '司机护士', '上海市', '师傅x'])
    out.add(q)
  return [...out].filter((q) => q.trim() !== '')
}

/**
 * The SQL store searches exactly as the memory store does (its presorted lists and bigram index
 * over the seed's 5,200 postings, and the published ones): the same postings, in the same order,
 * the same totals and the same page after a cursor, for hundreds of queries on either side of
 * days when postings close. `open` gives an empty store.
 */
export function jobsSearchParity(name: string, open: () => Promise<JobsStore>): void {
  describe(`the jobs store on ${name}, searching as the memory store does`, () => {
    const base = jobsBaseFor(1)
    let memory: JobsStore
    let sql: JobsStore
    beforeAll(async () => {
      memory = memoryJobsStore(createJobsState(), base)
      sql = await open()
      await copyJobsWorld(createJobsState(), base, sql)
      // Published on two days, by the seed's own generator, in both.
      for (const [at, count] of [
        [Date.parse('2020-02-10T11:00:00+08:00'), 80],
        [Date.parse('2020-02-12T15:30:00+08:00'), 80],
      ] as const) {
        for (const store of [memory, sql]) await store.publish((first) => publishPostings(1, base, first, count, at))
      }
    }, 120_000)

    /** What a store answers for a query: the whole list, its total, and one page from the middle. */
    async function answer(store: JobsStore, query: PostingQuery, middle?: { k: number; i: string }) {
      const all = await store.postings(query, { limit: 100_000 })
      const page = middle ? await store.postings(query, { after: middle, limit: 5 }) : undefined
      return { ids: ids(all), total: all.total, page: page && { ids: ids(page), total: page.total } }
    }

    async function differences(queries: PostingQuery[]): Promise<unknown[]> {
      const out: unknown[] = []
      for (const query of queries) {
        const expected = await answer(memory, query)
        const mid = (await memory.postings(query, { limit: 100_000 })).items[Math.floor(expected.total / 2)]
        const middle = mid && { k: query.sort === 'salary' ? mid.salaryMax : mid.postedAt, i: mid.id }
        const want = await answer(memory, query, middle)
        const got = await answer(sql, query, middle)
        if (JSON.stringify(got) !== JSON.stringify(want)) out.push({ query, want: want.ids.slice(0, 8), got: got.ids.slice(0, 8) })
      }
      return out
    }

    const DAYS = ['2020-02-10', '2020-02-11', '2020-02-12', '2020-03-01', '2020-04-10', '2020-04-11']
    const SORTS: JobSort[] = ['latest', 'salary']

    it('answers every postings the same, field by field, in both sorts', async () => {
      for (const sort of SORTS) {
        const query: PostingQuery = { criteria: {}, sort, today: '2020-02-10' }
        const all = await sql.postings(query, { limit: 100_000 })
        expect(all.total).toBeGreaterThan(5000)
        expect(all).toStrictEqual(await memory.postings(query, { limit: 100_000 }))
      }
    })

    it('finds the same postings for every text, alone and with filters, in both sorts, on every day', async () => {
      const rng = createRng(10)
      const districts = shanghaiDistricts().map((d) => d.code)
      const texts = queryTexts(base.postings)
      expect(texts.length).toBeGreaterThan(150)
      const filters = (): Criteria => {
        const r = rng()
        if (r < 0.4) return {}
        if (r < 0.55) return { districtCode: districts[Math.floor(rng() * districts.length)]! }
        if (r < 0.7) return { industry: JOB_INDUSTRIES[Math.floor(rng() * JOB_INDUSTRIES.length)]! }
        if (r < 0.85) return { salaryMin: 5000 + 1000 * Math.floor(rng() * 10) }
        return { districtCode: districts[Math.floor(rng() * districts.length)]!, salaryMin: 6000 }
      }
      const queries: PostingQuery[] = []
      for (const text of texts) {
        const criteria = { ...normaliseCriteria({ q: text }), ...filters() }
        for (const sort of SORTS) queries.push({ criteria, sort, today: DAYS[Math.floor(rng() * DAYS.length)]! })
      }
      expect(queries.length).toBeGreaterThan(300)
      expect(await differences(queries)).toEqual([])
      // The queries found many, few and none.
      const totals = await Promise.all(queries.map((q) => memory.countPostings(q)))
      expect(totals.some((n) => n === 0)).toBe(true)
      expect(totals.some((n) => n > 0 && n < 20)).toBe(true)
      expect(totals.some((n) => n > 1000)).toBe(true)
    }, 300_000)

    it('lists the same by every district, industry and salary, on either side of closing days', async () => {
      const queries: PostingQuery[] = []
      const criteria: Criteria[] = [
        ...shanghaiDistricts().map((d) => ({ districtCode: d.code })),
        ...JOB_INDUSTRIES.map((industry) => ({ industry })),
        ...[3000, 8000, 15000, 30000, 60000].map((salaryMin) => ({ salaryMin })),
        { districtCode: '310101', industry: 'it' },
        { districtCode: null },
      ]
      criteria.forEach((c, n) => {
        for (const sort of SORTS) queries.push({ criteria: c, sort, today: DAYS[n % DAYS.length]! })
      })
      expect(await differences(queries)).toEqual([])
    }, 300_000)

    it('finds the same new postings for saved searches', async () => {
      const queries: PostingQuery[] = []
      const afterSeqs = [base.postings.length - 1, base.postings.length + 30, base.postings.length + 100, base.postings.length + 200]
      for (const afterSeq of afterSeqs) {
        for (const criteria of [{}, normaliseCriteria({ q: '司' }), { districtCode: '310115' }, { industry: 'it' as const }]) {
          queries.push({ criteria, sort: 'latest', today: '2020-02-12', afterSeq })
        }
      }
      expect(await differences(queries)).toEqual([])
    }, 120_000)
  })
}
