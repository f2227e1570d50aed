import type { JobSummary } from '@/core/contract'
import { call, login, verifiedCitizen, walkList, type JsonBody } from '../../helpers/backend'
import { apply, jobDetail, jobsBackend, listJobs, mySubscriptions, publish, subscribe, walkJobs } from '../../helpers/jobs'

const DAY = 24 * 3600 * 1000

describe('job ids', () => {
  it('serves the very first posting, and only whole ids', async () => {
    const backend = jobsBackend()
    expect((await call(backend, 'GET', '/jobs/j000001')).status).toBe(200)
    for (const id of ['xj000001', 'j0000011', 'j000000']) expect((await call(backend, 'GET', `/jobs/${id}`)).status).toBe(404)
  })

  it('serves a published posting by its id, the first one after the seed too', async () => {
    const backend = jobsBackend()
    const { items } = await publish(backend, 3)
    for (const p of items) expect(await jobDetail(backend, p.id)).toMatchObject({ id: p.id, title: p.title })
    expect((await call(backend, 'GET', `/jobs/j${String(Number(items[2].id.slice(1)) + 1).padStart(6, '0')}`)).status).toBe(404)
  })
})

describe('the list with published postings in it', () => {
  it('merges them into every sort in order, pages alike at any limit, and drops them once closed', async () => {
    const backend = jobsBackend()
    const fresh = (await publish(backend, 25)).items.map((p) => p.id)
    const district = '310101'
    for (const sort of ['latest', 'salary']) {
      const all = await listJobs(backend, { district, sort, limit: '50' })
      const walked = (await walkJobs(backend, { district, sort, limit: '7' })).ids
      const full = (await walkJobs(backend, { district, sort, limit: '50' })).ids
      expect(walked).toEqual(full)
      expect(all.total).toBe(full.length)
      const rows = [] as JobSummary[]
      for (const id of full) rows.push(await jobDetail(backend, id))
      const keys = rows.map((r) => (sort === 'salary' ? r.salaryMax : Date.parse(r.postedAt)))
      expect(keys).toEqual([...keys].sort((a, b) => b - a))
    }
    const ids = (await walkJobs(backend, { limit: '50' })).ids
    expect(ids.slice(0, fresh.length).sort()).toEqual([...fresh].sort())
    backend.clock.advance(46 * DAY)
    const later = new Set((await walkJobs(backend, { limit: '50' })).ids)
    expect(fresh.filter((id) => later.has(id))).toEqual([])
  })

  it('filters by industry alone', async () => {
    const backend = jobsBackend()
    const page = await listJobs(backend, { industry: 'logistics', limit: '50' })
    expect(page.items.length).toBeGreaterThan(0)
    expect(page.items.every((j) => j.industry === 'logistics')).toBe(true)
    expect(page.total).toBeLessThan((await listJobs(backend)).total)
  })

  it('counts in the publish answer only postings still open', async () => {
    const backend = jobsBackend()
    backend.clock.advance(30 * DAY)
    const open = (await listJobs(backend)).total
    expect((await call(backend, 'POST', '/__mock/jobs', { body: { count: 1 } })).body.total).toBe(open + 1)
  })
})

describe('my applications, favorites and saved searches', () => {
  it('keeps a first application, says applied only for the posting applied to, and drops an empty message', async () => {
    const backend = jobsBackend()
    const { token } = await verifiedCitizen(backend, 'first-application')
    const [a, b] = (await listJobs(backend)).items
    const res = await apply(backend, token, a.id, { message: '   ' })
    expect(res.status).toBe(201)
    expect(res.body.message).toBeUndefined()
    expect((await call(backend, 'GET', '/jobs/applications', { token })).body.items.map((x: JsonBody) => x.jobId)).toEqual([a.id])
    expect(await jobDetail(backend, a.id, token)).toMatchObject({ applied: true })
    expect(await jobDetail(backend, b.id, token)).toMatchObject({ applied: false })
  })

  it('lists each newest first, one at a time, and keeps each cursor to its own list and account', async () => {
    const backend = jobsBackend()
    const { token } = await verifiedCitizen(backend, 'lists-owner')
    const jobs = (await listJobs(backend, { limit: '3' })).items.map((j) => j.id)
    for (const id of jobs) {
      expect((await apply(backend, token, id)).status).toBe(201)
      expect((await call(backend, 'PUT', `/jobs/${id}/favorite`, { token })).status).toBe(200)
      backend.clock.advance(60_000)
    }
    for (const q of ['司机', '保安', '厨师']) {
      expect((await subscribe(backend, token, { q })).status).toBe(201)
      backend.clock.advance(60_000)
    }
    expect((await walkList(backend, '/jobs/applications', token, 1)).map((x) => x.jobId)).toEqual([...jobs].reverse())
    expect((await walkList(backend, '/jobs/favorites', token, 1)).map((x) => x.id)).toEqual([...jobs].reverse())
    expect((await walkList(backend, '/jobs/subscriptions', token, 1)).map((x) => x.q)).toEqual(['厨师', '保安', '司机'])

    const cursorOf = async (path: string) => (await call(backend, 'GET', path, { token, query: { limit: '1' } })).body.nextCursor
    const lists = ['/jobs/applications', '/jobs/favorites', '/jobs/subscriptions']
    for (const from of lists) {
      for (const to of lists.filter((l) => l !== from)) {
        expect((await call(backend, 'GET', to, { token, query: { limit: '1', cursor: await cursorOf(from) } })).status).toBe(400)
      }
    }
    const other = (await verifiedCitizen(backend, 'lists-other')).token
    expect(
      (
        await call(backend, 'GET', '/jobs/applications', {
          token: other,
          query: { limit: '1', cursor: await cursorOf('/jobs/applications') },
        })
      ).status,
    ).toBe(400)
  })

  it('ends up in interview, rejected, or for a few still viewed, three days on', async () => {
    const backend = jobsBackend()
    const jobs = (await listJobs(backend, { limit: '50' })).items.map((j) => j.id)
    const tokens: string[] = []
    for (const n of [1, 2, 3]) tokens.push((await verifiedCitizen(backend, `outcomes-${n}`)).token)
    for (const [n, token] of tokens.entries()) {
      for (const id of jobs.slice(n * 20, n * 20 + 20)) expect((await apply(backend, token, id)).status).toBe(201)
    }
    backend.clock.advance(3 * DAY)
    const statuses: string[] = []
    for (const n of [1, 2, 3]) {
      const mine = await walkList(backend, '/jobs/applications', (await login(backend, `outcomes-${n}`)).token, 50)
      statuses.push(...mine.map((a) => a.status))
    }
    const count = (s: string) => statuses.filter((x) => x === s).length
    expect(statuses.length).toBe(50)
    expect(count('viewed')).toBeGreaterThan(0)
    expect(count('viewed')).toBeLessThan(count('interview'))
    expect(count('viewed')).toBeLessThan(count('rejected'))
    expect(count('submitted')).toBe(0)
  })
})

describe('saved searches, one among several', () => {
  it('shows and marks seen each search by its own id, and a cursor dies with the mark', async () => {
    const backend = jobsBackend()
    const { token } = await verifiedCitizen(backend, 'two-searches')
    const first = (await subscribe(backend, token, { industry: 'logistics' })).body
    const second = (await subscribe(backend, token, { industry: 'catering' })).body
    await publish(backend, 40)
    const postings = async (id: string, query: Record<string, string> = {}) =>
      await call(backend, 'GET', `/jobs/subscriptions/${id}/postings`, { token, query })
    const secondNew: JsonBody = (await postings(second.id, { limit: '1' })).body
    expect(secondNew.items.length).toBe(1)
    expect(secondNew.items.every((j: JsonBody) => j.industry === 'catering')).toBe(true)
    expect((await postings(first.id)).body.items.every((j: JsonBody) => j.industry === 'logistics')).toBe(true)
    backend.clock.advance(60_000)
    expect((await call(backend, 'POST', `/jobs/subscriptions/${second.id}/seen`, { token })).status).toBe(200)
    const [secondNow, firstNow] = await mySubscriptions(backend, token)
    expect([secondNow.id, firstNow.id]).toEqual([second.id, first.id])
    expect(secondNow.lastSeenAt).not.toBe(first.lastSeenAt)
    expect(firstNow.lastSeenAt).toBe(first.lastSeenAt)
    expect(secondNew.nextCursor).toEqual(expect.any(String))
    expect((await postings(second.id, { limit: '1', cursor: secondNew.nextCursor })).status).toBe(400)
  })
})
