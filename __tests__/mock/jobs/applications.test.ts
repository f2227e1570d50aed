import type { Application, ListPage } from '@/core/contract'
import { call, login, verifiedCitizen } from '../../helpers/backend'
import { apply, jobDetail, jobsBackend, openJobs, setClock, uuid } from '../../helpers/jobs'

const openIds = async (backend: ReturnType<typeof jobsBackend>, count: number) => (await openJobs(backend, count)).map((j) => j.id)

async function myApplications(
  backend: ReturnType<typeof jobsBackend>,
  token: string,
  query: Record<string, string> = {},
): Promise<ListPage<Application>> {
  const res = await call(backend, 'GET', '/jobs/applications', { token, query })
  expect(res.status).toBe(200)
  return res.body as ListPage<Application>
}

describe('POST /jobs/:id/applications', () => {
  it('needs a token, then a verified identity', async () => {
    const b = jobsBackend()
    const [id] = await openIds(b, 1)
    const anonymous = await call(b, 'POST', `/jobs/${id}/applications`, { body: {} })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED')
    const { token } = await login(b, 'not-verified')
    const res = await apply(b, token, id)
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('IDENTITY_REQUIRED')
    expect((await myApplications(b, token)).items).toEqual([])
  })

  it('creates an application with the posting’s facts, the message trimmed, status submitted', async () => {
    const b = jobsBackend()
    const [id] = await openIds(b, 1)
    const { token } = await verifiedCitizen(b, 'applicant')
    const job = await jobDetail(b, id)
    const res = await apply(b, token, id, { message: '  有三年仓库经验，随时可以到岗  ' })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      jobId: id,
      title: job.title,
      employer: job.employer,
      district: job.district,
      salaryMin: job.salaryMin,
      salaryMax: job.salaryMax,
      status: 'submitted',
      createdAt: '2020-02-10T10:00:00+08:00',
      message: '有三年仓库经验，随时可以到岗',
    })
    expect((await jobDetail(b, id, token)).applied).toBe(true)
    expect((await myApplications(b, token)).items).toEqual([res.body])
  })

  it('takes no message, or an empty one, and stores none', async () => {
    const b = jobsBackend()
    const [a, c] = await openIds(b, 2)
    const { token } = await verifiedCitizen(b, 'quiet')
    expect((await apply(b, token, a)).body).not.toHaveProperty('message')
    expect((await apply(b, token, c, { message: '   ' })).body).not.toHaveProperty('message')
  })

  it('refuses a message that is too long or has control characters, saving nothing', async () => {
    const b = jobsBackend()
    const [id] = await openIds(b, 1)
    const { token } = await verifiedCitizen(b, 'chatty')
    for (const message of ['字'.repeat(301), 'hi\u0007there']) {
      const res = await apply(b, token, id, { message })
      expect(res.status).toBe(400)
      expect(res.body.error.fields?.message).toBeTruthy()
    }
    const wrongType = await call(b, 'POST', `/jobs/${id}/applications`, { token, body: { message: 42 } })
    expect(wrongType.status).toBe(400)
    expect((await call(b, 'POST', `/jobs/${id}/applications`, { token, raw: '{not json' })).status).toBe(400)
    expect((await apply(b, token, id, { message: '字'.repeat(300) })).status).toBe(201)
  })

  it('is 404 for a posting that does not exist', async () => {
    const b = jobsBackend()
    const { token } = await verifiedCitizen(b, 'lost')
    for (const id of ['j999999', 'nope', 'j000000']) {
      const res = await apply(b, token, id)
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('NOT_FOUND')
    }
  })

  it('takes one application per posting (409 ALREADY_APPLIED), also from another request', async () => {
    const b = jobsBackend()
    const [id] = await openIds(b, 1)
    const { token } = await verifiedCitizen(b, 'twice')
    expect((await apply(b, token, id)).status).toBe(201)
    const again = await apply(b, token, id, { message: '再投一次' })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('ALREADY_APPLIED')
    expect((await myApplications(b, token)).total).toBe(1)
    // Someone else may still apply.
    const other = await verifiedCitizen(b, 'someone-else')
    expect((await apply(b, other.token, id)).status).toBe(201)
  })

  it('answers the same Idempotency-Key and body with the first answer, another body with 409', async () => {
    const b = jobsBackend()
    const [id] = await openIds(b, 1)
    const { token } = await verifiedCitizen(b, 'retrier')
    const first = await apply(b, token, id, { message: '你好', key: uuid(1) })
    const retry = await apply(b, token, id, { message: '你好', key: uuid(1) })
    expect(first.status).toBe(201)
    expect(retry.status).toBe(201)
    expect(retry.body.id).toBe(first.body.id)
    expect((await myApplications(b, token)).total).toBe(1)
    const changed = await apply(b, token, id, { message: '改了', key: uuid(1) })
    expect(changed.status).toBe(409)
    expect(changed.body.error.code).toBe('IDEMPOTENCY_CONFLICT')
    const badKey = await apply(b, token, id, { key: 'not-a-uuid' })
    expect(badKey.status).toBe(400)
  })

  it('refuses a posting after its deadline by the server’s clock (409 JOB_CLOSED), not on the last day', async () => {
    const b = jobsBackend()
    const [id, later] = await openIds(b, 2)
    const job = await jobDetail(b, id)
    await verifiedCitizen(b, 'late')
    // Tokens live 24 h on the server's clock: log in again after moving it.
    await setClock(b, `${job.deadline}T23:59:59+08:00`)
    expect((await apply(b, (await login(b, 'late')).token, id)).status).toBe(201)
    const other = await jobDetail(b, later)
    const next = new Date(Date.parse(`${other.deadline}T00:00:00+08:00`) + 24 * 3600 * 1000).toISOString()
    await setClock(b, next)
    const token = (await login(b, 'late')).token
    const res = await apply(b, token, later)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('JOB_CLOSED')
    // Already applied wins over closed: it tells the person more.
    const afterFirst = new Date(Date.parse(`${job.deadline}T00:00:00+08:00`) + 24 * 3600 * 1000).toISOString()
    if (afterFirst > next) await setClock(b, afterFirst)
    expect((await apply(b, (await login(b, 'late')).token, id)).body.error.code).toBe('ALREADY_APPLIED')
  })

  it('takes at most 20 a Shanghai day per account (429 RATE_LIMITED), and more the next day', async () => {
    const b = jobsBackend()
    const ids = await openIds(b, 23)
    const { token } = await verifiedCitizen(b, 'eager')
    // 23:30 in Shanghai is 15:30 UTC: the day must be Shanghai's, not UTC's.
    await setClock(b, '2020-02-10T23:30:00+08:00')
    for (const id of ids.slice(0, 20)) expect((await apply(b, token, id)).status).toBe(201)
    const limited = await apply(b, token, ids[20], { key: uuid(20) })
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('RATE_LIMITED')
    expect(limited.headers?.['Retry-After']).toBe(String(30 * 60))
    expect((await myApplications(b, token, { limit: '50' })).total).toBe(20)
    // Another person is not limited by this one.
    expect((await apply(b, (await verifiedCitizen(b, 'calm')).token, ids[20])).status).toBe(201)
    await setClock(b, '2020-02-11T00:00:00+08:00')
    // A 429 was not kept for the key: the same retry now goes through.
    expect((await apply(b, token, ids[20], { key: uuid(20) })).status).toBe(201)
    expect((await apply(b, token, ids[21])).status).toBe(201)
  })
})

describe('GET /jobs/applications', () => {
  it('needs a token and shows only the caller’s own, newest first, paged', async () => {
    const b = jobsBackend()
    expect((await call(b, 'GET', '/jobs/applications')).status).toBe(401)
    const ids = await openIds(b, 5)
    const me = await verifiedCitizen(b, 'me')
    const other = await verifiedCitizen(b, 'other')
    for (const [i, id] of ids.entries()) {
      await setClock(b, `2020-02-10T1${i}:00:00+08:00`)
      await apply(b, me.token, id)
    }
    await apply(b, other.token, ids[0])
    const first = await myApplications(b, me.token, { limit: '3' })
    expect(first.total).toBe(5)
    expect(first.items.map((a) => a.jobId)).toEqual([ids[4], ids[3], ids[2]])
    const second = await myApplications(b, me.token, { limit: '3', cursor: first.nextCursor! })
    expect(second.items.map((a) => a.jobId)).toEqual([ids[1], ids[0]])
    expect(second.nextCursor).toBeNull()
    expect((await myApplications(b, other.token)).total).toBe(1)
    const foreign = await call(b, 'GET', '/jobs/applications', { token: other.token, query: { cursor: first.nextCursor! } })
    expect(foreign.status).toBe(400)
    expect(foreign.body.error.fields.cursor).toBeTruthy()
  })

  it('moves each status with the clock: submitted, viewed after a day, decided after three', async () => {
    const b = jobsBackend()
    const ids = await openIds(b, 20)
    await verifiedCitizen(b, 'patient')
    for (const id of ids) await apply(b, (await login(b, 'patient')).token, id)
    const statuses = async () => (await myApplications(b, (await login(b, 'patient')).token, { limit: '50' })).items.map((a) => a.status)
    expect(new Set(await statuses())).toEqual(new Set(['submitted']))
    await setClock(b, '2020-02-11T10:00:00+08:00')
    expect(new Set(await statuses())).toEqual(new Set(['viewed']))
    await setClock(b, '2020-02-13T10:00:00+08:00')
    const decided = await statuses()
    expect(decided).toContain('interview')
    expect(decided).toContain('rejected')
    expect(decided.every((s) => s === 'interview' || s === 'rejected' || s === 'viewed')).toBe(true)
    // Fixed per application: looking again says the same.
    expect(await statuses()).toEqual(decided)
  })

  it('names interview invitations on the home page', async () => {
    const b = jobsBackend()
    const ids = await openIds(b, 20)
    const { token: first } = await verifiedCitizen(b, 'invited')
    for (const id of ids) await apply(b, first, id)
    const before = (await call(b, 'GET', '/me/attention', { token: first })).body.items
    expect(before.filter((i: { service: string }) => i.service === 'jobs')).toEqual([])
    await setClock(b, '2020-02-14T10:00:00+08:00')
    const { token } = await login(b, 'invited')
    const interviews = (await myApplications(b, token, { limit: '50' })).items.filter((a) => a.status === 'interview').length
    const items = (await call(b, 'GET', '/me/attention', { token })).body.items
    expect(interviews).toBeGreaterThan(0)
    expect(items).toContainEqual({
      id: 'jobs:interviews',
      service: 'jobs',
      title: `${interviews} 个岗位邀请面试`,
      detail: '企业会打电话和你约面试时间，请留意来电',
      path: '/jobs/pages/mine/index?tab=applications',
      tone: 'success',
    })
  })
})
