import type { Backend } from '@/mock/backend'
import { migrateDatabase, openDatabase, type Database } from '@/mock/store/open'
import { sqlStorage } from '@/mock/store/sql-storage'
import { call, testBackend, uuid, type JsonBody } from '../../helpers/backend'
import { answersInOrder, type Answer } from '../../helpers/answers-in-order'

/**
 * The jobs service on PGlite beside the jobs service on memory: a person's session of lists,
 * searches, applications, favorites and saved searches, with postings published in the middle,
 * gets the same answers from both (the rules are written once; the two stores agree).
 */

const SECRET = 'jobs-backend'

async function session(backend: Backend): Promise<Answer[]> {
  const { answers, step } = answersInOrder(backend)
  const latest = await step('list', 'GET', '/jobs', { query: { limit: '5' } })
  await step('list, next page', 'GET', '/jobs', { query: { limit: '5', cursor: latest.nextCursor } })
  const bySalary = await step('by salary', 'GET', '/jobs', { query: { sort: 'salary', limit: '5' } })
  await step('by salary, next page', 'GET', '/jobs', { query: { sort: 'salary', limit: '5', cursor: bySalary.nextCursor } })
  const drivers = await step('search', 'GET', '/jobs', { query: { q: '司机', limit: '10' } })
  await step('search, next page', 'GET', '/jobs', { query: { q: '司机', limit: '10', cursor: drivers.nextCursor } })
  await step('one character, filtered', 'GET', '/jobs', { query: { q: '工', district: '浦东新区', salaryMin: '8000', limit: '10' } })
  await step('an employer', 'GET', '/jobs', { query: { q: latest.items[0].employer, sort: 'salary' } })
  await step('an industry', 'GET', '/jobs', { query: { industry: 'logistics', district: '310115', limit: '10' } })
  await step('nothing', 'GET', '/jobs', { query: { q: '火星' } })
  await step('no such district', 'GET', '/jobs', { query: { district: '火星区' } })
  const job = latest.items[0].id
  const other = latest.items[1].id
  await step('detail, anonymous', 'GET', `/jobs/${job}`)
  await step('no such job', 'GET', '/jobs/j999999')

  const { token } = await step('login', 'POST', '/auth/login', { body: { code: 'wx-jobs' } })
  await step('apply unverified', 'POST', `/jobs/${job}/applications`, { token, body: {} })
  const sms = await step('sms', 'POST', '/identity/sms', { token, body: { phone: '13912345670' } })
  const verify = { name: '王芳', docType: 'resident_id', docNumber: '11010519491231002X', phone: '13912345670', smsCode: sms.devCode }
  await step('verify', 'POST', '/identity/verify', { token, body: verify })
  await step('apply', 'POST', `/jobs/${job}/applications`, { token, body: { message: '周末也可以面试' } })
  await step('apply again', 'POST', `/jobs/${job}/applications`, { token, body: {} })
  const headers = { 'Idempotency-Key': uuid(7) }
  await step('apply with a key', 'POST', `/jobs/${other}/applications`, { token, body: {}, headers })
  await step('apply with the key again', 'POST', `/jobs/${other}/applications`, { token, body: {}, headers })
  await step('favorite', 'PUT', `/jobs/${job}/favorite`, { token })
  await step('favorite again', 'PUT', `/jobs/${job}/favorite`, { token })
  await step('favorite another', 'PUT', `/jobs/${drivers.items[0].id}/favorite`, { token })
  await step('favorites', 'GET', '/jobs/favorites', { token })
  await step('detail, mine', 'GET', `/jobs/${job}`, { token })

  const sub = await step('subscribe', 'POST', '/jobs/subscriptions', { token, body: { q: '司机' } })
  const wide = await step('subscribe wide', 'POST', '/jobs/subscriptions', { token, body: { district: '浦东新区', salaryMin: 6000 } })
  await step('subscribe again', 'POST', '/jobs/subscriptions', { token, body: { q: '司机' } })
  await step('subscribe nothing', 'POST', '/jobs/subscriptions', { token, body: {} })
  await step('subscriptions', 'GET', '/jobs/subscriptions', { token })

  await step('publish', 'POST', '/__mock/jobs', { body: { count: 120 } })
  await step('subscriptions after', 'GET', '/jobs/subscriptions', { token })
  const fresh = await step('new postings', 'GET', `/jobs/subscriptions/${wide.id}/postings`, { token, query: { limit: '3' } })
  await step('new postings, next page', 'GET', `/jobs/subscriptions/${wide.id}/postings`, {
    token,
    query: { limit: '3', cursor: fresh.nextCursor },
  })
  await step('new drivers', 'GET', `/jobs/subscriptions/${sub.id}/postings`, { token })
  await step('attention', 'GET', '/me/attention', { token })
  await step('seen', 'POST', `/jobs/subscriptions/${wide.id}/seen`, { token })
  await step('new postings after seen', 'GET', `/jobs/subscriptions/${wide.id}/postings`, { token })
  await step('list after publish', 'GET', '/jobs', { query: { limit: '5' } })
  await step('search after publish', 'GET', '/jobs', { query: { q: fresh.items[0].title, limit: '50' } })

  const stranger = await step('stranger', 'POST', '/auth/login', { body: { code: 'wx-stranger' } })
  await step('not theirs', 'GET', `/jobs/subscriptions/${sub.id}/postings`, { token: stranger.token })
  await step('theirs empty', 'GET', '/jobs/applications', { token: stranger.token })

  // Four days on: the applications are decided, and postings closing in between are gone.
  await step('clock', 'POST', '/__mock/clock', { body: { now: '2020-02-14T10:00:00+08:00' } })
  await step('token expired', 'GET', '/jobs/applications', { token })
  const later = (await step('login later', 'POST', '/auth/login', { body: { code: 'wx-jobs' } })).token
  await step('applications', 'GET', '/jobs/applications', { token: later })
  await step('attention later', 'GET', '/me/attention', { token: later })
  await step('list later', 'GET', '/jobs', { query: { limit: '5', sort: 'salary' } })
  await step('unfavorite', 'DELETE', `/jobs/${job}/favorite`, { token: later })
  await step('favorites after', 'GET', '/jobs/favorites', { token: later })
  await step('unsubscribe', 'DELETE', `/jobs/subscriptions/${sub.id}`, { token: later })
  await step('subscriptions at last', 'GET', '/jobs/subscriptions', { token: later })
  return answers
}

let database: Database
beforeAll(async () => {
  database = await openDatabase('pglite:memory')
  await migrateDatabase(database)
}, 60_000)
afterAll(() => database.close())

describe('the jobs service on PGlite', () => {
  it('answers a session of lists, searches, applications and saved searches exactly as on memory', async () => {
    // Both start from the reset, so both have drawn the same randomness before the session.
    const memory = testBackend({ secret: SECRET })
    await call(memory, 'POST', '/__mock/reset', { body: { seed: 1 } })
    const onMemory = await session(memory)
    const onSql = testBackend({ secret: SECRET, storage: sqlStorage(database) })
    await call(onSql, 'POST', '/__mock/reset', { body: { seed: 1 } })
    const answers = await session(onSql)
    expect(answers).toEqual(onMemory)
    // The SQL backend kept the records in the database, not in its memory state.
    const rows = async (table: string) => Number((await database.db.query<{ n: unknown }>(`select count(*) as n from ${table}`)).rows[0]!.n)
    expect(await rows('jobs_postings')).toBe(5200 + 120)
    expect(await rows('jobs_applications')).toBe(2)
    expect(await rows('jobs_favorites')).toBe(1)
    expect(await rows('jobs_subscriptions')).toBe(1)
    expect(onSql.db.services.jobs).toEqual({ published: [], applications: {}, favorites: {}, subscriptions: {} })

    // The session went as a person would see it, not merely the same way twice.
    const byStep = new Map(answers.map((a) => [a.step, a]))
    const status = (name: string) => byStep.get(name)!.status
    const code = (name: string) => byStep.get(name)!.body.error?.code
    expect(byStep.get('list')!.body.total).toBeGreaterThan(5000)
    expect(byStep.get('search')!.body.items.length).toBeGreaterThan(0)
    expect(byStep.get('nothing')!.body.total).toBe(0)
    expect(byStep.get('no such district')!.body.total).toBe(0)
    expect(status('no such job')).toBe(404)
    expect(code('apply unverified')).toBe('IDENTITY_REQUIRED')
    expect(status('apply')).toBe(201)
    expect(code('apply again')).toBe('ALREADY_APPLIED')
    expect(byStep.get('apply with the key again')!.body).toEqual(byStep.get('apply with a key')!.body)
    expect(byStep.get('favorites')!.body.total).toBe(2)
    expect(byStep.get('detail, mine')!.body).toMatchObject({ applied: true, favorite: true })
    expect(code('subscribe again')).toBe('ALREADY_SUBSCRIBED')
    expect(status('subscribe nothing')).toBe(400)
    expect(byStep.get('publish')!.body.items).toHaveLength(120)
    expect(byStep.get('new postings')!.body.total).toBeGreaterThan(3)
    expect(byStep.get('new postings after seen')!.body.total).toBe(0)
    expect(status('not theirs')).toBe(403)
    expect(byStep.get('applications')!.body.items.map((a: JsonBody) => a.status)).not.toContain('submitted')
    expect(byStep.get('favorites after')!.body.total).toBe(1)
    expect(byStep.get('subscriptions at last')!.body.total).toBe(1)
  }, 120_000)
})
