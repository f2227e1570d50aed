import { testBackend } from '../../helpers/backend'
import { http, startHttp } from '../../helpers/http'

/** The jobs routes over real HTTP, next to every other service's routes. */
describe('jobs over HTTP', () => {
  let server: Awaited<ReturnType<typeof startHttp>>
  let token = ''

  beforeAll(async () => {
    server = await startHttp(testBackend())
    const login = await http(server.base, 'POST', '/auth/login', { body: { code: 'http-jobs' } })
    token = login.body.token
    const sms = await http(server.base, 'POST', '/identity/sms', { token, body: { phone: '13900009999' } })
    const verify = await http(server.base, 'POST', '/identity/verify', {
      token,
      body: { name: '李四', docType: 'resident_id', docNumber: '11010519900307873X', phone: '13900009999', smsCode: sms.body.devCode },
    })
    expect(verify.status).toBe(200)
  })
  afterAll(() => server.close())

  it('lists, searches and filters with a Chinese district name in the query string, and pages by cursor', async () => {
    const path = `/jobs?district=${encodeURIComponent('浦东新区')}&sort=salary&limit=5`
    const first = await http(server.base, 'GET', path)
    expect(first.status).toBe(200)
    expect(first.body.items).toHaveLength(5)
    expect(first.body.items.every((j: { district: string }) => j.district === '浦东新区')).toBe(true)
    const next = await http(
      server.base,
      'GET',
      `/jobs?district=310115&sort=salary&limit=5&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    )
    expect(next.status).toBe(200)
    expect(next.body.items[0].salaryMax).toBeLessThanOrEqual(first.body.items[4].salaryMax)
    const q = await http(server.base, 'GET', `/jobs?q=${encodeURIComponent('JAVA')}`)
    expect(q.body.total).toBeGreaterThan(0)
    const bad = await http(server.base, 'GET', '/jobs?limit=99')
    expect(bad.status).toBe(400)
    expect(bad.body.error.fields.limit).toBeTruthy()
  })

  it('keeps /jobs/favorites, /jobs/applications and /jobs/subscriptions apart from /jobs/:id', async () => {
    for (const path of ['/jobs/favorites', '/jobs/applications', '/jobs/subscriptions']) {
      const res = await http(server.base, 'GET', path, { token })
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ items: [], nextCursor: null, total: 0 })
    }
    expect((await http(server.base, 'POST', '/jobs/applications', { token, body: {} })).status).toBe(405)
    expect((await http(server.base, 'GET', '/jobs/j999999')).status).toBe(404)
  })

  it('applies once with an Idempotency-Key, and says ALREADY_APPLIED to a new attempt', async () => {
    const [job] = (await http(server.base, 'GET', '/jobs?limit=1')).body.items
    const headers = { 'Idempotency-Key': '3b241101-e2bb-4255-8caf-4136c566a962' }
    const first = await http(server.base, 'POST', `/jobs/${job.id}/applications`, { token, headers, body: { message: '你好' } })
    const retry = await http(server.base, 'POST', `/jobs/${job.id}/applications`, { token, headers, body: { message: '你好' } })
    expect(first.status).toBe(201)
    expect(retry.status).toBe(201)
    expect(retry.body.id).toBe(first.body.id)
    const again = await http(server.base, 'POST', `/jobs/${job.id}/applications`, { token, body: {} })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('ALREADY_APPLIED')
    const detail = await http(server.base, 'GET', `/jobs/${job.id}`, { token })
    expect(detail.body.applied).toBe(true)
    const mine = await http(server.base, 'GET', '/jobs/applications', { token })
    expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([first.body.id])
    const anon = await http(server.base, 'POST', `/jobs/${job.id}/applications`, { body: {} })
    expect(anon.status).toBe(401)
  })

  it('favorites with PUT and DELETE', async () => {
    const [, job] = (await http(server.base, 'GET', '/jobs?limit=2')).body.items
    expect((await http(server.base, 'PUT', `/jobs/${job.id}/favorite`, { token })).status).toBe(200)
    expect((await http(server.base, 'PUT', `/jobs/${job.id}/favorite`, { token })).status).toBe(200)
    expect((await http(server.base, 'GET', '/jobs/favorites', { token })).body.total).toBe(1)
    expect((await http(server.base, 'DELETE', `/jobs/${job.id}/favorite`, { token })).status).toBe(204)
    expect((await http(server.base, 'DELETE', `/jobs/${job.id}/favorite`, { token })).status).toBe(204)
    expect((await http(server.base, 'GET', '/jobs/favorites', { token })).body.total).toBe(0)
  })

  it('saves a search, counts what the control publishes, marks it seen and deletes it', async () => {
    const created = await http(server.base, 'POST', '/jobs/subscriptions', { token, body: { salaryMin: 1 } })
    expect(created.status).toBe(201)
    const published = await http(server.base, 'POST', '/__mock/jobs', { body: { count: 3 } })
    expect(published.status).toBe(201)
    expect(published.body.items).toHaveLength(3)
    const listed = await http(server.base, 'GET', '/jobs/subscriptions', { token })
    expect(listed.body.items[0].newCount).toBe(3)
    const seen = await http(server.base, 'POST', `/jobs/subscriptions/${created.body.id}/seen`, { token })
    expect(seen.body.newCount).toBe(0)
    expect((await http(server.base, 'DELETE', `/jobs/subscriptions/${created.body.id}`, { token })).status).toBe(204)
    const empty = await http(server.base, 'POST', '/jobs/subscriptions', { token, body: {} })
    expect(empty.status).toBe(400)
    expect((await http(server.base, 'POST', '/__mock/jobs', { body: { count: 5000 } })).status).toBe(400)
  })
})
