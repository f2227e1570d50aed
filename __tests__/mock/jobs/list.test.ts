import { JOB_INDUSTRIES, type JobSummary } from '@/core/contract'
import { shanghaiDistricts } from '@/mock/core/regions'
import { call, login } from '../../helpers/backend'
import { jobsBackend, listJobs, publish, setClock, walkJobs } from '../../helpers/jobs'

const backend = jobsBackend()

/** Every open posting, in one walk of 50-item pages. */
async function everything(query: Record<string, string> = {}): Promise<JobSummary[]> {
  const out: JobSummary[] = []
  let page = await listJobs(backend, { ...query, limit: '50' })
  out.push(...page.items)
  while (page.nextCursor) {
    page = await listJobs(backend, { ...query, limit: '50', cursor: page.nextCursor })
    out.push(...page.items)
  }
  return out
}

let all: JobSummary[] = []
beforeAll(async () => {
  all = await everything()
})

describe('GET /jobs: the seed', () => {
  it('has at least 5,000 open postings across all 16 districts and every industry', async () => {
    expect(all.length).toBeGreaterThanOrEqual(5000)
    expect((await listJobs(backend)).total).toBe(all.length)
    expect(new Set(all.map((j) => j.districtCode)).size).toBe(16)
    expect(new Set(all.map((j) => j.district))).toEqual(new Set(shanghaiDistricts().map((d) => d.name)))
    expect(new Set(all.map((j) => j.industry))).toEqual(new Set(JOB_INDUSTRIES))
    expect(new Set(all.map((j) => j.id)).size).toBe(all.length)
  })

  it('has plausible monthly salaries, tags and future deadlines', () => {
    const odd = all.filter(
      (j) =>
        j.salaryMin < 3000 ||
        j.salaryMax <= j.salaryMin ||
        j.salaryMax > 60000 ||
        j.salaryMin % 500 !== 0 ||
        j.tags.length < 2 ||
        j.deadline < '2020-02-10' ||
        j.closed ||
        j.postedAt >= '2020-02-10T10:00:00+08:00' ||
        j.postedAt < '2019-12-27',
    )
    expect(odd).toEqual([])
  })

  it('is the same for the same seed and different for another', async () => {
    const again = (await listJobs(jobsBackend(), { limit: '50' })).items
    expect(again).toEqual(all.slice(0, 50))
    const other = (await listJobs(jobsBackend(7), { limit: '50' })).items
    expect(other.map((j) => `${j.title}|${j.employer}`)).not.toEqual(all.slice(0, 50).map((j) => `${j.title}|${j.employer}`))
  })
})

describe('GET /jobs: search, filters and sorts', () => {
  it('sorts by latest by default: postedAt descending, then id descending', () => {
    const outOfOrder = all.filter((b, i) => {
      const a = all[i - 1]
      return a && !(a.postedAt > b.postedAt || (a.postedAt === b.postedAt && a.id > b.id))
    })
    expect(outOfOrder).toEqual([])
  })

  it('sorts by salary: salaryMax descending, then id descending', async () => {
    const bySalary = await everything({ sort: 'salary' })
    expect(bySalary.length).toBe(all.length)
    const outOfOrder = bySalary.filter((b, i) => {
      const a = bySalary[i - 1]
      return a && !(a.salaryMax > b.salaryMax || (a.salaryMax === b.salaryMax && a.id > b.id))
    })
    expect(outOfOrder).toEqual([])
  })

  it('searches title and employer, ignoring case', async () => {
    const lower = await everything({ q: 'java' })
    const upper = await everything({ q: 'JAVA' })
    expect(lower.length).toBeGreaterThan(0)
    expect(upper).toEqual(lower)
    expect(lower.every((j) => j.title.toLowerCase().includes('java'))).toBe(true)
    expect(lower.length).toBe(all.filter((j) => j.title.toLowerCase().includes('java')).length)

    const employer = all[0].employer
    const byEmployer = await everything({ q: employer })
    expect(byEmployer.map((j) => j.id)).toEqual(all.filter((j) => j.employer.includes(employer)).map((j) => j.id))
    expect(byEmployer.length).toBeGreaterThan(0)
  })

  it('combines filters with AND', async () => {
    const q = '工'
    const query = { q, district: '浦东新区', industry: 'manufacturing', salaryMin: '8000' }
    const found = await everything(query)
    const expected = all.filter(
      (j) =>
        (j.title.includes(q) || j.employer.includes(q)) &&
        j.district === '浦东新区' &&
        j.industry === 'manufacturing' &&
        j.salaryMax >= 8000,
    )
    expect(found.map((j) => j.id)).toEqual(expected.map((j) => j.id))
    expect(found.length).toBeGreaterThan(0)
    // Each filter alone gives more.
    expect((await listJobs(backend, { district: '浦东新区' })).total).toBeGreaterThan(found.length)
    expect((await listJobs(backend, { industry: 'manufacturing' })).total).toBeGreaterThan(found.length)
  })

  it('keeps postings whose salaryMax reaches salaryMin, even when their salaryMin is lower', async () => {
    const found = await everything({ salaryMin: '15000' })
    expect(found.map((j) => j.id)).toEqual(all.filter((j) => j.salaryMax >= 15000).map((j) => j.id))
    expect(found.some((j) => j.salaryMin < 15000)).toBe(true)
    expect((await listJobs(backend, { salaryMin: '' })).total).toBe(all.length)
  })

  it('takes a district by code or by name, and either takes the other one’s cursor', async () => {
    const byName = await listJobs(backend, { district: '黄浦区', limit: '10' })
    const byCode = await listJobs(backend, { district: '310101', limit: '10' })
    expect(byCode.items).toEqual(byName.items)
    expect(byName.items.every((j) => j.district === '黄浦区' && j.districtCode === '310101')).toBe(true)
    const nextByCode = await listJobs(backend, { district: '310101', limit: '10', cursor: byName.nextCursor! })
    const nextByName = await listJobs(backend, { district: '黄浦区', limit: '10', cursor: byCode.nextCursor! })
    expect(nextByCode.items).toEqual(nextByName.items)
    expect(nextByCode.items[0].id).not.toBe(byName.items[9].id)
  })

  it('gives an empty list for a district that does not exist', async () => {
    for (const district of ['火星区', '999999']) {
      expect(await listJobs(backend, { district })).toEqual({ items: [], nextCursor: null, total: 0 })
    }
  })

  it('refuses values out of range with field messages', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ limit: '0' }, 'limit'],
      [{ limit: '51' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ salaryMin: '-1' }, 'salaryMin'],
      [{ salaryMin: '3.5' }, 'salaryMin'],
      [{ salaryMin: '300000' }, 'salaryMin'],
      [{ industry: 'mining' }, 'industry'],
      [{ sort: 'oldest' }, 'sort'],
      [{ q: '长'.repeat(31) }, 'q'],
    ]
    for (const [query, field] of cases) {
      const res = await call(backend, 'GET', '/jobs', { query })
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('VALIDATION_FAILED')
      expect(typeof res.body.error.fields[field]).toBe('string')
    }
    expect((await listJobs(backend, { limit: '50' })).items).toHaveLength(50)
    expect((await listJobs(backend, { limit: '1' })).items).toHaveLength(1)
    expect((await listJobs(backend)).items).toHaveLength(20)
  })

  it('refuses a cursor from another filter, another sort, another list or made up', async () => {
    const first = await listJobs(backend, { industry: 'it', limit: '5' })
    const cursor = first.nextCursor!
    const foreign: Record<string, string>[] = [
      { industry: 'retail', cursor },
      { industry: 'it', sort: 'salary', cursor },
      { industry: 'it', q: 'java', cursor },
      { cursor },
      { industry: 'it', cursor: cursor.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')) },
      { industry: 'it', cursor: 'not-a-cursor' },
    ]
    for (const query of foreign) {
      const res = await call(backend, 'GET', '/jobs', { query })
      expect(res.status).toBe(400)
      expect(res.body.error.fields.cursor).toBeTruthy()
    }
    // Another limit is fine.
    expect((await listJobs(backend, { industry: 'it', limit: '7', cursor })).items[0].id).not.toBe(first.items[4].id)
  })

  it('needs no token, but a token that is sent must be valid', async () => {
    expect((await call(backend, 'GET', '/jobs')).status).toBe(200)
    expect((await call(backend, 'GET', '/jobs', { token: 'nope' })).status).toBe(401)
    const { token } = await login(backend, 'list-reader')
    expect((await call(backend, 'GET', '/jobs', { token })).status).toBe(200)
  })
})

describe('GET /jobs: deadlines', () => {
  it('drops a posting from the list the day after its deadline, but keeps it readable', async () => {
    const b = jobsBackend()
    const everyOpen = (await listJobs(b, { limit: '1' })).total
    const lastDay = (await listJobs(b, { sort: 'salary', limit: '50' })).items[0]
    await setClock(b, `${lastDay.deadline}T23:59:00+08:00`)
    const onDeadline = (await call(b, 'GET', `/jobs/${lastDay.id}`)).body
    expect(onDeadline.closed).toBe(false)
    expect(onDeadline.daysLeft).toBe(0)
    await setClock(b, `${lastDay.deadline}T23:59:59+08:00`)
    const stillListed = (await walkJobs(b, { sort: 'salary', limit: '50' })).ids
    expect(stillListed).toContain(lastDay.id)
    // Midnight in Shanghai (16:00 UTC the day before), not UTC midnight.
    const next = new Date(Date.parse(`${lastDay.deadline}T00:00:00+08:00`) + 24 * 3600 * 1000).toISOString()
    await setClock(b, next)
    const after = (await walkJobs(b, { sort: 'salary', limit: '50' })).ids
    expect(after).not.toContain(lastDay.id)
    expect(after.length).toBeLessThan(everyOpen)
    const closed = (await call(b, 'GET', `/jobs/${lastDay.id}`)).body
    expect(closed.closed).toBe(true)
    expect(closed.daysLeft).toBeNull()
  })
})

describe('POST /__mock/jobs', () => {
  it('publishes one posting by default, now, at the top of the latest list', async () => {
    const b = jobsBackend()
    const before = (await listJobs(b)).total
    const res = await publish(b)
    expect(res.items).toHaveLength(1)
    expect(res.total).toBe(before + 1)
    expect(res.items[0].postedAt).toBe('2020-02-10T10:00:00+08:00')
    expect((await listJobs(b, { limit: '1' })).items[0]).toEqual(res.items[0])
  })

  it('publishes up to 1,000 at once, newest id first when published together', async () => {
    const b = jobsBackend()
    const before = (await listJobs(b)).total
    const res = await publish(b, 1000)
    expect(res.items).toHaveLength(1000)
    expect(res.total).toBe(before + 1000)
    const top = (await listJobs(b, { limit: '3' })).items.map((j) => j.id)
    const newest = res.items
      .map((j) => j.id)
      .sort()
      .reverse()
      .slice(0, 3)
    expect(top).toEqual(newest)
  })

  it('refuses a count outside 1..1000', async () => {
    const b = jobsBackend()
    for (const count of [0, 1001, 2.5, '3', -1]) {
      const res = await call(b, 'POST', '/__mock/jobs', { body: { count } })
      expect(res.status).toBe(400)
      expect(res.body.error.fields.count).toBeTruthy()
    }
  })
})

describe('paging stays stable while postings are added', () => {
  it('walks a filtered latest list with postings added between pages: nothing lost, nothing repeated, nothing new', async () => {
    const b = jobsBackend()
    const query = { industry: 'logistics', salaryMin: '6000', limit: '7' }
    const before = (await walkJobs(b, query)).ids
    let minute = 0
    const walked = await walkJobs(b, query, async () => {
      minute += 1
      await setClock(b, new Date(Date.parse('2020-02-10T10:00:00+08:00') + minute * 60_000).toISOString())
      await publish(b, 40)
    })
    expect(walked.pages).toBeGreaterThan(10)
    expect(new Set(walked.ids).size).toBe(walked.ids.length)
    expect(walked.ids).toEqual(before)
    // The new ones are there for whoever starts again.
    expect((await listJobs(b, query)).total).toBeGreaterThan(before.length)
  })

  it('walks a salary list with postings added between pages: every earlier posting once, no repeats', async () => {
    const b = jobsBackend()
    const query = { district: '310115', sort: 'salary', limit: '9' }
    const before = (await walkJobs(b, query)).ids
    const walked = await walkJobs(b, query, async () => {
      await publish(b, 60)
    })
    expect(new Set(walked.ids).size).toBe(walked.ids.length)
    const seen = new Set(walked.ids)
    expect(before.every((id) => seen.has(id))).toBe(true)
  })

  it('keeps a frozen-clock batch (same postedAt) ahead of an earlier cursor', async () => {
    const b = jobsBackend()
    await publish(b, 5)
    const first = await listJobs(b, { limit: '3' })
    await publish(b, 5)
    const second = await listJobs(b, { limit: '3', cursor: first.nextCursor! })
    const firstIds = new Set(first.items.map((j) => j.id))
    expect(second.items.some((j) => firstIds.has(j.id))).toBe(false)
    // The next page continues with the older two of the first batch.
    expect(second.items[0].id < first.items[2].id).toBe(true)
  })
})
