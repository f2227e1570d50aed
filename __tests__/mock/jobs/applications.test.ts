import type { Application, ListPage } from '@/core/contract'
import { call, login, verifiedCitizen } from '../../helpers/backend'
import { apply, jobDetail, jobsBackend, openJobs, setClock, uuid } from '../../helpers/jobs'

const openIds = (backend: ReturnType<typeof jobsBackend>, count: number) => openJobs(backend, count).map((j) => j.id)

function myApplications(backend: ReturnType<typeof jobsBackend>, token: string, query: Record<string, string> = {}): ListPage<Application> {
  const res = call(backend, 'GET', '/jobs/applications', { token, query })
  expect(res.status).toBe(200)
  return res.body as ListPage<Application>
}

describe('POST /jobs/:id/applications', () => {
  it('needs a token, then a verified identity', () => {
    const b = jobsBackend()
    const [id] = openIds(b, 1)
    const anonymous = call(b, 'POST', `/jobs/${id}/applications`, { body: {} })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED')
    const { token } = login(b, 'not-verified')
    const res = apply(b, token, id)
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('IDENTITY_REQUIRED')
    expect(myApplications(b, token).items).toEqual([])
  })

  it('creates an application with the posting’s facts, the message trimmed, status submitted', () => {
    const b = jobsBackend()
    const [id] = openIds(b, 1)
    const { token } = verifiedCitizen(b, 'applicant')
    const job = jobDetail(b, id)
    const res = apply(b, token, id, { message: '  有三年仓库经验，随时可以到岗  ' })
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
    expect(jobDetail(b, id, token).applied).toBe(true)
    expect(myApplications(b, token).items).toEqual([res.body])
  })

  it('takes no message, or an empty one, and stores none', () => {
    const b = jobsBackend()
    const [a, c] = openIds(b, 2)
    const { token } = verifiedCitizen(b, 'quiet')
    expect(apply(b, token, a).body).not.toHaveProperty('message')
    expect(apply(b, token, c, { message: '   ' }).body).not.toHaveProperty('message')
  })

  it('refuses a message that is too long or has control characters, saving nothing', () => {
    const b = jobsBackend()
    const [id] = openIds(b, 1)
    const { token } = verifiedCitizen(b, 'chatty')
    for (const message of ['字'.repeat(301), 'hi\u0007there']) {
      const res = apply(b, token, id, { message })
      expect(res.status).toBe(400)
      expect(res.body.error.fields?.message).toBeTruthy()
    }
    const wrongType = call(b, 'POST', `/jobs/${id}/applications`, { token, body: { message: 42 } })
    expect(wrongType.status).toBe(400)
    expect(call(b, 'POST', `/jobs/${id}/applications`, { token, raw: '{not json' }).status).toBe(400)
    expect(apply(b, token, id, { message: '字'.repeat(300) }).status).toBe(201)
  })

  it('is 404 for a posting that does not exist', () => {
    const b = jobsBackend()
    const { token } = verifiedCitizen(b, 'lost')
    for (const id of ['j999999', 'nope', 'j000000']) {
      const res = apply(b, token, id)
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('NOT_FOUND')
    }
  })

  it('takes one application per posting (409 ALREADY_APPLIED), also from another request', () => {
    const b = jobsBackend()
    const [id] = openIds(b, 1)
    const { token } = verifiedCitizen(b, 'twice')
    expect(apply(b, token, id).status).toBe(201)
    const again = apply(b, token, id, { message: '再投一次' })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('ALREADY_APPLIED')
    expect(myApplications(b, token).total).toBe(1)
    // Someone else may still apply.
    const other = verifiedCitizen(b, 'someone-else')
    expect(apply(b, other.token, id).status).toBe(201)
  })

  it('answers the same Idempotency-Key and body with the first answer, another body with 409', () => {
    const b = jobsBackend()
    const [id] = openIds(b, 1)
    const { token } = verifiedCitizen(b, 'retrier')
    const first = apply(b, token, id, { message: '你好', key: uuid(1) })
    const retry = apply(b, token, id, { message: '你好', key: uuid(1) })
    expect(first.status).toBe(201)
    expect(retry.status).toBe(201)
    expect(retry.body.id).toBe(first.body.id)
    expect(myApplications(b, token).total).toBe(1)
    const changed = apply(b, token, id, { message: '改了', key: uuid(1) })
    expect(changed.status).toBe(409)
    expect(changed.body.error.code).toBe('IDEMPOTENCY_CONFLICT')
    const badKey = apply(b, token, id, { key: 'not-a-uuid' })
    expect(badKey.status).toBe(400)
  })

  it('refuses a posting after its deadline by the server’s clock (409 JOB_CLOSED), not on the last day', () => {
    const b = jobsBackend()
    const [id, later] = openIds(b, 2)
    const job = jobDetail(b, id)
    verifiedCitizen(b, 'late')
    // Tokens live 24 h on the server's clock: log in again after moving it.
    setClock(b, `${job.deadline}T23:59:59+08:00`)
    expect(apply(b, login(b, 'late').token, id).status).toBe(201)
    const other = jobDetail(b, later)
    const next = new Date(Date.parse(`${other.deadline}T00:00:00+08:00`) + 24 * 3600 * 1000).toISOString()
    setClock(b, next)
    const token = login(b, 'late').token
    const res = apply(b, token, later)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('JOB_CLOSED')
    // Already applied wins over closed: it tells the person more.
    const afterFirst = new Date(Date.parse(`${job.deadline}T00:00:00+08:00`) + 24 * 3600 * 1000).toISOString()
    if (afterFirst > next) setClock(b, afterFirst)
    expect(apply(b, login(b, 'late').token, id).body.error.code).toBe('ALREADY_APPLIED')
  })

  it('takes at most 20 a Shanghai day per account (429 RATE_LIMITED), and more the next day', () => {
    const b = jobsBackend()
    const ids = openIds(b, 23)
    const { token } = verifiedCitizen(b, 'eager')
    // 23:30 in Shanghai is 15:30 UTC: the day must be Shanghai's, not UTC's.
    setClock(b, '2020-02-10T23:30:00+08:00')
    for (const id of ids.slice(0, 20)) expect(apply(b, token, id).status).toBe(201)
    const limited = apply(b, token, ids[20], { key: uuid(20) })
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('RATE_LIMITED')
    expect(limited.headers?.['Retry-After']).toBe(String(30 * 60))
    expect(myApplications(b, token, { limit: '50' }).total).toBe(20)
    // Another person is not limited by this one.
    expect(apply(b, verifiedCitizen(b, 'calm').token, ids[20]).status).toBe(201)
    setClock(b, '2020-02-11T00:00:00+08:00')
    // A 429 was not kept for the key: the same retry now goes through.
    expect(apply(b, token, ids[20], { key: uuid(20) }).status).toBe(201)
    expect(apply(b, token, ids[21]).status).toBe(201)
  })
})

describe('GET /jobs/applications', () => {
  it('needs a token and shows only the caller’s own, newest first, paged', () => {
    const b = jobsBackend()
    expect(call(b, 'GET', '/jobs/applications').status).toBe(401)
    const ids = openIds(b, 5)
    const me = verifiedCitizen(b, 'me')
    const other = verifiedCitizen(b, 'other')
    ids.forEach((id, i) => {
      setClock(b, `2020-02-10T1${i}:00:00+08:00`)
      apply(b, me.token, id)
    })
    apply(b, other.token, ids[0])
    const first = myApplications(b, me.token, { limit: '3' })
    expect(first.total).toBe(5)
    expect(first.items.map((a) => a.jobId)).toEqual([ids[4], ids[3], ids[2]])
    const second = myApplications(b, me.token, { limit: '3', cursor: first.nextCursor! })
    expect(second.items.map((a) => a.jobId)).toEqual([ids[1], ids[0]])
    expect(second.nextCursor).toBeNull()
    expect(myApplications(b, other.token).total).toBe(1)
    const foreign = call(b, 'GET', '/jobs/applications', { token: other.token, query: { cursor: first.nextCursor! } })
    expect(foreign.status).toBe(400)
    expect(foreign.body.error.fields.cursor).toBeTruthy()
  })

  it('moves each status with the clock: submitted, viewed after a day, decided after three', () => {
    const b = jobsBackend()
    const ids = openIds(b, 20)
    verifiedCitizen(b, 'patient')
    for (const id of ids) apply(b, login(b, 'patient').token, id)
    const statuses = () => myApplications(b, login(b, 'patient').token, { limit: '50' }).items.map((a) => a.status)
    expect(new Set(statuses())).toEqual(new Set(['submitted']))
    setClock(b, '2020-02-11T10:00:00+08:00')
    expect(new Set(statuses())).toEqual(new Set(['viewed']))
    setClock(b, '2020-02-13T10:00:00+08:00')
    const decided = statuses()
    expect(decided).toContain('interview')
    expect(decided).toContain('rejected')
    expect(decided.every((s) => s === 'interview' || s === 'rejected' || s === 'viewed')).toBe(true)
    // Fixed per application: looking again says the same.
    expect(statuses()).toEqual(decided)
  })

  it('names interview invitations on the home page', () => {
    const b = jobsBackend()
    const ids = openIds(b, 20)
    const { token: first } = verifiedCitizen(b, 'invited')
    for (const id of ids) apply(b, first, id)
    const before = call(b, 'GET', '/me/attention', { token: first }).body.items
    expect(before.filter((i: { service: string }) => i.service === 'jobs')).toEqual([])
    setClock(b, '2020-02-14T10:00:00+08:00')
    const { token } = login(b, 'invited')
    const interviews = myApplications(b, token, { limit: '50' }).items.filter((a) => a.status === 'interview').length
    const items = call(b, 'GET', '/me/attention', { token }).body.items
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
