import type { JobSummary, ListPage } from '@/core/contract'
import { MAX_FAVORITES } from '@/core/contract'
import { call, login } from '../../helpers/backend'
import { jobDetail, jobsBackend, listJobs, setClock } from '../../helpers/jobs'

async function favorites(
  b: ReturnType<typeof jobsBackend>,
  token: string,
  query: Record<string, string> = {},
): Promise<ListPage<JobSummary>> {
  const res = await call(b, 'GET', '/jobs/favorites', { token, query })
  expect(res.status).toBe(200)
  return res.body as ListPage<JobSummary>
}

describe('favorites', () => {
  it('need a token', async () => {
    const b = jobsBackend()
    const [job] = (await listJobs(b)).items
    expect((await call(b, 'PUT', `/jobs/${job.id}/favorite`)).status).toBe(401)
    expect((await call(b, 'DELETE', `/jobs/${job.id}/favorite`)).status).toBe(401)
    expect((await call(b, 'GET', '/jobs/favorites')).status).toBe(401)
  })

  it('PUT is idempotent: twice is still one favorite', async () => {
    const b = jobsBackend()
    const [job] = (await listJobs(b)).items
    const { token } = await login(b, 'fan')
    for (let i = 0; i < 2; i += 1) {
      const res = await call(b, 'PUT', `/jobs/${job.id}/favorite`, { token })
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ jobId: job.id, favorite: true })
    }
    const list = await favorites(b, token)
    expect(list.total).toBe(1)
    expect(list.items).toEqual([job])
    expect((await jobDetail(b, job.id, token)).favorite).toBe(true)
    // Only for the one who saved it.
    expect((await jobDetail(b, job.id)).favorite).toBe(false)
    expect((await jobDetail(b, job.id, (await login(b, 'stranger')).token)).favorite).toBe(false)
  })

  it('DELETE answers 204 whether or not it was a favorite', async () => {
    const b = jobsBackend()
    const [job, other] = (await listJobs(b)).items
    const { token } = await login(b, 'undecided')
    await call(b, 'PUT', `/jobs/${job.id}/favorite`, { token })
    expect((await call(b, 'DELETE', `/jobs/${job.id}/favorite`, { token })).status).toBe(204)
    expect((await call(b, 'DELETE', `/jobs/${job.id}/favorite`, { token })).status).toBe(204)
    expect((await call(b, 'DELETE', `/jobs/${other.id}/favorite`, { token })).status).toBe(204)
    expect((await favorites(b, token)).total).toBe(0)
    expect((await jobDetail(b, job.id, token)).favorite).toBe(false)
  })

  it('is 404 for a posting that does not exist', async () => {
    const b = jobsBackend()
    const { token } = await login(b, 'fan')
    for (const method of ['PUT', 'DELETE']) {
      const res = await call(b, method, '/jobs/j999999/favorite', { token })
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('NOT_FOUND')
    }
  })

  it('lists the newest favorite first, paged, closed postings included and marked', async () => {
    const b = jobsBackend()
    const jobs = (await listJobs(b, { sort: 'salary', limit: '5' })).items
    const { token } = await login(b, 'collector')
    for (const [i, job] of jobs.entries()) {
      await setClock(b, `2020-02-10T1${i}:00:00+08:00`)
      await call(b, 'PUT', `/jobs/${job.id}/favorite`, { token })
    }
    const first = await favorites(b, token, { limit: '2' })
    expect(first.items.map((j) => j.id)).toEqual([jobs[4].id, jobs[3].id])
    const rest = await favorites(b, token, { limit: '50', cursor: first.nextCursor! })
    expect(rest.items.map((j) => j.id)).toEqual([jobs[2].id, jobs[1].id, jobs[0].id])

    const lastDeadline = jobs.map((j) => j.deadline).sort()[4]
    await setClock(b, new Date(Date.parse(`${lastDeadline}T00:00:00+08:00`) + 24 * 3600 * 1000).toISOString())
    const later = await favorites(b, (await login(b, 'collector')).token, { limit: '50' })
    expect(later.total).toBe(5)
    expect(later.items.every((j) => j.closed && j.daysLeft === null)).toBe(true)
  })

  it(`keeps at most ${MAX_FAVORITES} (409 TOO_MANY_FAVORITES)`, async () => {
    const b = jobsBackend()
    const { token } = await login(b, 'hoarder')
    const ids: string[] = []
    let page = await listJobs(b, { limit: '50' })
    while (ids.length <= MAX_FAVORITES) {
      ids.push(...page.items.map((j) => j.id))
      page = await listJobs(b, { limit: '50', cursor: page.nextCursor! })
    }
    for (const id of ids.slice(0, MAX_FAVORITES)) expect((await call(b, 'PUT', `/jobs/${id}/favorite`, { token })).status).toBe(200)
    const over = await call(b, 'PUT', `/jobs/${ids[MAX_FAVORITES]}/favorite`, { token })
    expect(over.status).toBe(409)
    expect(over.body.error.code).toBe('TOO_MANY_FAVORITES')
    // Saving one that is already a favorite is still fine at the cap.
    expect((await call(b, 'PUT', `/jobs/${ids[0]}/favorite`, { token })).status).toBe(200)
  })
})

describe('GET /jobs/:id', () => {
  it('is public and tells everything about the posting, the contact masked', async () => {
    const b = jobsBackend()
    const [summary] = (await listJobs(b)).items
    const res = await call(b, 'GET', `/jobs/${summary.id}`)
    expect(res.status).toBe(200)
    const detail = res.body
    expect(detail).toMatchObject(summary)
    expect(detail.description.length).toBeGreaterThan(10)
    expect(detail.requirements.length).toBeGreaterThanOrEqual(3)
    expect(detail.headcount).toBeGreaterThanOrEqual(1)
    expect(detail.education).toMatch(/学历不限|及以上/)
    expect(detail.address).toMatch(new RegExp(`^上海市${summary.district}`))
    expect(detail.contactMasked).toMatch(/^[\u4e00-\u9fa5](先生|女士) 1\d{2}\*{4}\d{4}$/)
    expect(detail.applied).toBe(false)
    expect(detail.favorite).toBe(false)
    expect(await jobDetail(b, summary.id)).toEqual(detail)
  })

  it('is 404 for an unknown id and refuses a bad token', async () => {
    const b = jobsBackend()
    for (const id of ['j999999', 'x', 'J000001']) {
      const res = await call(b, 'GET', `/jobs/${id}`)
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('NOT_FOUND')
    }
    expect((await call(b, 'GET', '/jobs/j000001', { token: 'forged' })).status).toBe(401)
  })

  it('says how many days are left until the deadline', async () => {
    const b = jobsBackend()
    const job = (await listJobs(b)).items[0]
    const days = Math.round((Date.parse(`${job.deadline}T00:00:00+08:00`) - Date.parse('2020-02-10T00:00:00+08:00')) / 86400000)
    expect((await jobDetail(b, job.id)).daysLeft).toBe(days)
  })
})
