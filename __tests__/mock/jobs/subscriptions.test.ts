import type { JobSummary, ListPage } from '@/core/contract'
import { call, login } from '../../helpers/backend'
import { jobsBackend, mySubscriptions, publish, setClock, subscribe, uuid } from '../../helpers/jobs'

type B = ReturnType<typeof jobsBackend>

function newPostings(b: B, token: string, id: string, query: Record<string, string> = {}): ListPage<JobSummary> {
  const res = call(b, 'GET', `/jobs/subscriptions/${id}/postings`, { token, query })
  expect(res.status).toBe(200)
  return res.body as ListPage<JobSummary>
}

const isLogistics = (j: JobSummary) => j.industry === 'logistics'

describe('POST /jobs/subscriptions', () => {
  it('needs a token', () => {
    const b = jobsBackend()
    expect(call(b, 'POST', '/jobs/subscriptions', { body: { q: '司机' } }).status).toBe(401)
    expect(call(b, 'GET', '/jobs/subscriptions').status).toBe(401)
  })

  it('saves a search with its district named and coded, nothing new yet', () => {
    const b = jobsBackend()
    const { token } = login(b, 'saver')
    const res = subscribe(b, token, { q: ' 司机 ', district: '浦东新区', industry: 'logistics', salaryMin: 8000 })
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
    expect(mySubscriptions(b, token)).toEqual([res.body])
  })

  it('needs at least one criterion', () => {
    const b = jobsBackend()
    const { token } = login(b, 'vague')
    for (const body of [{}, { q: '   ' }, { salaryMin: 0 }, { q: '', district: '', industry: '' }]) {
      const res = subscribe(b, token, body)
      expect(res.status).toBe(400)
      expect(res.body.error.fields?.q).toMatch(/至少/)
    }
    expect(mySubscriptions(b, token)).toEqual([])
  })

  it('refuses an unknown district or industry, a bad salary or a long query, by field', () => {
    const b = jobsBackend()
    const { token } = login(b, 'typo')
    const cases: [Record<string, unknown>, string][] = [
      [{ district: '火星区' }, 'district'],
      [{ industry: 'mining' }, 'industry'],
      [{ salaryMin: -5 }, 'salaryMin'],
      [{ salaryMin: '8000' }, 'salaryMin'],
      [{ salaryMin: 1.5 }, 'salaryMin'],
      [{ q: '长'.repeat(31) }, 'q'],
    ]
    for (const [body, field] of cases) {
      const res = subscribe(b, token, body)
      expect(res.status).toBe(400)
      expect(res.body.error.fields?.[field]).toBeTruthy()
    }
    expect(mySubscriptions(b, token)).toEqual([])
  })

  it('refuses the same search twice (409 ALREADY_SUBSCRIBED), whatever the case or district spelling', () => {
    const b = jobsBackend()
    const { token } = login(b, 'repeat')
    expect(subscribe(b, token, { q: 'Java', district: '310104' }).status).toBe(201)
    const again = subscribe(b, token, { q: 'java', district: '徐汇区' })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('ALREADY_SUBSCRIBED')
    expect(subscribe(b, token, { q: 'java' }).status).toBe(201)
    // Someone else may save the same search.
    expect(subscribe(b, login(b, 'copycat').token, { q: 'Java', district: '310104' }).status).toBe(201)
  })

  it('keeps at most 10 per account (409 TOO_MANY_SUBSCRIPTIONS), the literal of API.md', () => {
    const b = jobsBackend()
    const { token } = login(b, 'collector')
    for (let i = 0; i < 10; i += 1) expect(subscribe(b, token, { salaryMin: 1000 * (i + 1) }).status).toBe(201)
    const over = subscribe(b, token, { q: '司机' })
    expect(over.status).toBe(409)
    expect(over.body.error.code).toBe('TOO_MANY_SUBSCRIPTIONS')
    expect(mySubscriptions(b, token)).toHaveLength(10)
    // Deleting one makes room for exactly one more.
    const oldest = mySubscriptions(b, token).at(-1)!.id
    expect(call(b, 'DELETE', `/jobs/subscriptions/${oldest}`, { token }).status).toBe(204)
    expect(subscribe(b, token, { q: '司机' }).status).toBe(201)
    expect(subscribe(b, token, { q: '厨师' }).body.error.code).toBe('TOO_MANY_SUBSCRIPTIONS')
    expect(subscribe(b, login(b, 'fresh').token, { q: '司机' }).status).toBe(201)
  })

  it('answers a retried Idempotency-Key with the same saved search', () => {
    const b = jobsBackend()
    const { token } = login(b, 'retry')
    const send = () => call(b, 'POST', '/jobs/subscriptions', { token, body: { q: '护士' }, headers: { 'Idempotency-Key': uuid(9) } })
    const first = send()
    const second = send()
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.body.id).toBe(first.body.id)
    expect(mySubscriptions(b, token)).toHaveLength(1)
  })
})

describe('new postings for a saved search', () => {
  it('counts open postings published since the person last looked that match, and lists them newest first', () => {
    const b = jobsBackend()
    const { token } = login(b, 'watcher')
    const sub = subscribe(b, token, { industry: 'logistics' }).body
    const other = subscribe(b, token, { q: '不存在的岗位名' }).body
    setClock(b, '2020-02-10T11:00:00+08:00')
    const batch1 = publish(b, 200).items
    setClock(b, '2020-02-10T12:00:00+08:00')
    const batch2 = publish(b, 200).items
    const expected = [...batch2.filter(isLogistics).reverse(), ...batch1.filter(isLogistics).reverse()]
    expect(expected.length).toBeGreaterThan(5)

    const subs = mySubscriptions(b, token)
    expect(subs.find((s) => s.id === sub.id)!.newCount).toBe(expected.length)
    expect(subs.find((s) => s.id === other.id)!.newCount).toBe(0)

    const first = newPostings(b, token, sub.id, { limit: '5' })
    expect(first.total).toBe(expected.length)
    const rest = newPostings(b, token, sub.id, { limit: '50', cursor: first.nextCursor! })
    expect([...first.items, ...rest.items].map((j) => j.id)).toEqual(expected.map((j) => j.id))
  })

  it('marks them seen: newCount back to 0, later postings count again', () => {
    const b = jobsBackend()
    const { token } = login(b, 'reader')
    const sub = subscribe(b, token, { industry: 'logistics' }).body
    publish(b, 200)
    setClock(b, '2020-02-10T15:00:00+08:00')
    const seen = call(b, 'POST', `/jobs/subscriptions/${sub.id}/seen`, { token })
    expect(seen.status).toBe(200)
    expect(seen.body).toMatchObject({ id: sub.id, newCount: 0, lastSeenAt: '2020-02-10T15:00:00+08:00' })
    expect(newPostings(b, token, sub.id).total).toBe(0)
    const more = publish(b, 200).items.filter(isLogistics)
    expect(mySubscriptions(b, token)[0].newCount).toBe(more.length)
  })

  it('does not count new postings that have closed since', () => {
    const b = jobsBackend()
    const { token } = login(b, 'slow')
    const sub = subscribe(b, token, { industry: 'logistics' }).body
    const fresh = publish(b, 300).items.filter(isLogistics)
    const firstDeadline = fresh.map((j) => j.deadline).sort()[0]
    setClock(b, new Date(Date.parse(`${firstDeadline}T00:00:00+08:00`) + 24 * 3600 * 1000).toISOString())
    const stillOpen = fresh.filter((j) => j.deadline > firstDeadline)
    const t = login(b, 'slow').token
    expect(stillOpen.length).toBeLessThan(fresh.length)
    expect(mySubscriptions(b, t)[0].newCount).toBe(stillOpen.length)
    expect(newPostings(b, t, sub.id, { limit: '50' }).total).toBe(stillOpen.length)
  })

  it('tells the home page "你关注的搜索有 N 个新岗位" until they are seen', () => {
    const b = jobsBackend()
    const { token } = login(b, 'home')
    const a = subscribe(b, token, { industry: 'logistics' }).body
    const c = subscribe(b, token, { industry: 'catering' }).body
    const attention = () => call(b, 'GET', '/me/attention', { token }).body.items.filter((i: { service: string }) => i.service === 'jobs')
    expect(attention()).toEqual([])
    const items = publish(b, 200).items
    const n = items.filter((j) => j.industry === 'logistics' || j.industry === 'catering').length
    expect(attention()).toEqual([
      {
        id: 'jobs:new-postings',
        service: 'jobs',
        title: `你关注的搜索有 ${n} 个新岗位`,
        detail: '点开看看最近发布、符合你条件的岗位',
        path: '/jobs/pages/mine/index?tab=subscriptions',
        tone: 'info',
      },
    ])
    call(b, 'POST', `/jobs/subscriptions/${a.id}/seen`, { token })
    call(b, 'POST', `/jobs/subscriptions/${c.id}/seen`, { token })
    expect(attention()).toEqual([])
  })
})

describe('a saved search belongs to its owner', () => {
  it('DELETE removes one’s own (204, then 404); someone else’s is 403 FORBIDDEN; an unknown one 404', () => {
    const b = jobsBackend()
    const owner = login(b, 'owner').token
    const intruder = login(b, 'intruder').token
    const sub = subscribe(b, owner, { q: '厨师' }).body
    for (const [method, path] of [
      ['DELETE', `/jobs/subscriptions/${sub.id}`],
      ['POST', `/jobs/subscriptions/${sub.id}/seen`],
      ['GET', `/jobs/subscriptions/${sub.id}/postings`],
    ]) {
      const res = call(b, method, path, { token: intruder })
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('FORBIDDEN')
    }
    expect(mySubscriptions(b, owner)).toHaveLength(1)
    expect(call(b, 'DELETE', `/jobs/subscriptions/${sub.id}`, { token: owner }).status).toBe(204)
    expect(mySubscriptions(b, owner)).toEqual([])
    const gone = call(b, 'DELETE', `/jobs/subscriptions/${sub.id}`, { token: owner })
    expect(gone.status).toBe(404)
    expect(gone.body.error.code).toBe('NOT_FOUND')
    expect(call(b, 'GET', '/jobs/subscriptions/js-nope/postings', { token: owner }).status).toBe(404)
    expect(call(b, 'DELETE', '/jobs/subscriptions/anything').status).toBe(401)
  })
})
