import type { JobSummary, ListPage } from '@/core/contract'
import { call, login } from '../../helpers/backend'
import { jobsBackend, mySubscriptions, publish, setClock, subscribe, uuid } from '../../helpers/jobs'

type B = ReturnType<typeof jobsBackend>

async function newPostings(b: B, token: string, id: string, query: Record<string, string> = {}): Promise<ListPage<JobSummary>> {
  const res = await call(b, 'GET', `/jobs/subscriptions/${id}/postings`, { token, query })
  expect(res.status).toBe(200)
  return res.body as ListPage<JobSummary>
}

const isLogistics = (j: JobSummary) => j.industry === 'logistics'

describe('POST /jobs/subscriptions', () => {
  it('needs a token', async () => {
    const b = jobsBackend()
    expect((await call(b, 'POST', '/jobs/subscriptions', { body: { q: '司机' } })).status).toBe(401)
    expect((await call(b, 'GET', '/jobs/subscriptions')).status).toBe(401)
  })

  it('saves a search with its district named and coded, nothing new yet', async () => {
    const b = jobsBackend()
    const { token } = await login(b, 'saver')
    const res = await subscribe(b, token, { q: ' 司机 ', district: '浦东新区', industry: 'logistics', salaryMin: 8000 })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      q: '司机',
      district: '浦东新区',
      districtCode: '310115',
      industry: 'logistics',
      salaryMin: 8000,
      createdAt: '2020-02-10T10:00:00+08:00',
      lastSeenAt: '2020-02-10T10:00:00+08:00',
      newCount: 0,
    })
    expect(await mySubscriptions(b, token)).toEqual([res.body])
  })

  it('needs at least one criterion', async () => {
    const b = jobsBackend()
    const { token } = await login(b, 'vague')
    for (const body of [{}, { q: '   ' }, { salaryMin: 0 }, { q: '', district: '', industry: '' }]) {
      const res = await subscribe(b, token, body)
      expect(res.status).toBe(400)
      expect(res.body.error.fields?.q).toMatch(/至少/)
    }
    expect(await mySubscriptions(b, token)).toEqual([])
  })

  it('refuses an unknown district or industry, a bad salary or a long query, by field', async () => {
    const b = jobsBackend()
    const { token } = await login(b, 'typo')
    const cases: [Record<string, unknown>, string][] = [
      [{ district: '火星区' }, 'district'],
      [{ industry: 'mining' }, 'industry'],
      [{ salaryMin: -5 }, 'salaryMin'],
      [{ salaryMin: '8000' }, 'salaryMin'],
      [{ salaryMin: 1.5 }, 'salaryMin'],
      [{ q: '长'.repeat(31) }, 'q'],
    ]
    for (const [body, field] of cases) {
      const res = await subscribe(b, token, body)
      expect(res.status).toBe(400)
      expect(res.body.error.fields?.[field]).toBeTruthy()
    }
    expect(await mySubscriptions(b, token)).toEqual([])
  })

  it('refuses the same search twice (409 ALREADY_SUBSCRIBED), whatever the case or district spelling', async () => {
    const b = jobsBackend()
    const { token } = await login(b, 'repeat')
    expect((await subscribe(b, token, { q: 'Java', district: '310104' })).status).toBe(201)
    const again = await subscribe(b, token, { q: 'java', district: '徐汇区' })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('ALREADY_SUBSCRIBED')
    expect((await subscribe(b, token, { q: 'java' })).status).toBe(201)
    // Someone else may save the same search.
    expect((await subscribe(b, (await login(b, 'copycat')).token, { q: 'Java', district: '310104' })).status).toBe(201)
  })

  it('keeps at most 10 per account (409 TOO_MANY_SUBSCRIPTIONS), the literal of API.md', async () => {
    const b = jobsBackend()
    const { token } = await login(b, 'collector')
    for (let i = 0; i < 10; i += 1) expect((await subscribe(b, token, { salaryMin: 1000 * (i + 1) })).status).toBe(201)
    const over = await subscribe(b, token, { q: '司机' })
    expect(over.status).toBe(409)
    expect(over.body.error.code).toBe('TOO_MANY_SUBSCRIPTIONS')
    expect(await mySubscriptions(b, token)).toHaveLength(10)
    // Deleting one makes room for exactly one more.
    const oldest = (await mySubscriptions(b, token)).at(-1)!.id
    expect((await call(b, 'DELETE', `/jobs/subscriptions/${oldest}`, { token })).status).toBe(204)
    expect((await subscribe(b, token, { q: '司机' })).status).toBe(201)
    expect((await subscribe(b, token, { q: '厨师' })).body.error.code).toBe('TOO_MANY_SUBSCRIPTIONS')
    expect((await subscribe(b, (await login(b, 'fresh')).token, { q: '司机' })).status).toBe(201)
  })

  it('answers a retried Idempotency-Key with the same saved search', async () => {
    const b = jobsBackend()
    const { token } = await login(b, 'retry')
    const send = async () =>
      await call(b, 'POST', '/jobs/subscriptions', { token, body: { q: '护士' }, headers: { 'Idempotency-Key': uuid(9) } })
    const first = await send()
    const second = await send()
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.body.id).toBe(first.body.id)
    expect(await mySubscriptions(b, token)).toHaveLength(1)
  })
})

describe('new postings for a saved search', () => {
  it('counts open postings published since the person last looked that match, and lists them newest first', async () => {
    const b = jobsBackend()
    const { token } = await login(b, 'watcher')
    const sub = (await subscribe(b, token, { industry: 'logistics' })).body
    const other = (await subscribe(b, token, { q: '不存在的岗位名' })).body
    await setClock(b, '2020-02-10T11:00:00+08:00')
    const batch1 = (await publish(b, 200)).items
    await setClock(b, '2020-02-10T12:00:00+08:00')
    const batch2 = (await publish(b, 200)).items
    const expected = [...batch2.filter(isLogistics).reverse(), ...batch1.filter(isLogistics).reverse()]
    expect(expected.length).toBeGreaterThan(5)

    const subs = await mySubscriptions(b, token)
    expect(subs.find((s) => s.id === sub.id)!.newCount).toBe(expected.length)
    expect(subs.find((s) => s.id === other.id)!.newCount).toBe(0)

    const first = await newPostings(b, token, sub.id, { limit: '5' })
    expect(first.total).toBe(expected.length)
    const rest = await newPostings(b, token, sub.id, { limit: '50', cursor: first.nextCursor! })
    expect([...first.items, ...rest.items].map((j) => j.id)).toEqual(expected.map((j) => j.id))
  })

  it('marks them seen: newCount back to 0, later postings count again', async () => {
    const b = jobsBackend()
    const { token } = await login(b, 'reader')
    const sub = (await subscribe(b, token, { industry: 'logistics' })).body
    await publish(b, 200)
    await setClock(b, '2020-02-10T15:00:00+08:00')
    const seen = await call(b, 'POST', `/jobs/subscriptions/${sub.id}/seen`, { token })
    expect(seen.status).toBe(200)
    expect(seen.body).toMatchObject({ id: sub.id, newCount: 0, lastSeenAt: '2020-02-10T15:00:00+08:00' })
    expect((await newPostings(b, token, sub.id)).total).toBe(0)
    const more = (await publish(b, 200)).items.filter(isLogistics)
    expect((await mySubscriptions(b, token))[0].newCount).toBe(more.length)
  })

  it('does not count new postings that have closed since', async () => {
    const b = jobsBackend()
    const { token } = await login(b, 'slow')
    const sub = (await subscribe(b, token, { industry: 'logistics' })).body
    const fresh = (await publish(b, 300)).items.filter(isLogistics)
    const firstDeadline = fresh.map((j) => j.deadline).sort()[0]
    await setClock(b, new Date(Date.parse(`${firstDeadline}T00:00:00+08:00`) + 24 * 3600 * 1000).toISOString())
    const stillOpen = fresh.filter((j) => j.deadline > firstDeadline)
    const t = (await login(b, 'slow')).token
    expect(stillOpen.length).toBeLessThan(fresh.length)
    expect((await mySubscriptions(b, t))[0].newCount).toBe(stillOpen.length)
    expect((await newPostings(b, t, sub.id, { limit: '50' })).total).toBe(stillOpen.length)
  })

  it('tells the home page "你关注的搜索有 N 个新岗位" until they are seen', async () => {
    const b = jobsBackend()
    const { token } = await login(b, 'home')
    const a = (await subscribe(b, token, { industry: 'logistics' })).body
    const c = (await subscribe(b, token, { industry: 'catering' })).body
    const attention = async () =>
      (await call(b, 'GET', '/me/attention', { token })).body.items.filter((i: { service: string }) => i.service === 'jobs')
    expect(await attention()).toEqual([])
    const items = (await publish(b, 200)).items
    const n = items.filter((j) => j.industry === 'logistics' || j.industry === 'catering').length
    expect(await attention()).toEqual([
      {
        id: 'jobs:new-postings',
        service: 'jobs',
        title: `你关注的搜索有 ${n} 个新岗位`,
        detail: '点开看看最近发布、符合你条件的岗位',
        path: '/jobs/pages/mine/index?tab=subscriptions',
        tone: 'info',
      },
    ])
    await call(b, 'POST', `/jobs/subscriptions/${a.id}/seen`, { token })
    await call(b, 'POST', `/jobs/subscriptions/${c.id}/seen`, { token })
    expect(await attention()).toEqual([])
  })
})

describe('a saved search belongs to its owner', () => {
  it('DELETE removes one’s own (204, then 404); someone else’s is 403 FORBIDDEN; an unknown one 404', async () => {
    const b = jobsBackend()
    const owner = (await login(b, 'owner')).token
    const intruder = (await login(b, 'intruder')).token
    const sub = (await subscribe(b, owner, { q: '厨师' })).body
    for (const [method, path] of [
      ['DELETE', `/jobs/subscriptions/${sub.id}`],
      ['POST', `/jobs/subscriptions/${sub.id}/seen`],
      ['GET', `/jobs/subscriptions/${sub.id}/postings`],
    ]) {
      const res = await call(b, method, path, { token: intruder })
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('FORBIDDEN')
    }
    expect(await mySubscriptions(b, owner)).toHaveLength(1)
    expect((await call(b, 'DELETE', `/jobs/subscriptions/${sub.id}`, { token: owner })).status).toBe(204)
    expect(await mySubscriptions(b, owner)).toEqual([])
    const gone = await call(b, 'DELETE', `/jobs/subscriptions/${sub.id}`, { token: owner })
    expect(gone.status).toBe(404)
    expect(gone.body.error.code).toBe('NOT_FOUND')
    expect((await call(b, 'GET', '/jobs/subscriptions/js-nope/postings', { token: owner })).status).toBe(404)
    expect((await call(b, 'DELETE', '/jobs/subscriptions/anything')).status).toBe(401)
  })
})
