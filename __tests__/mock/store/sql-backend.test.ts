import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Backend } from '@/mock/backend'
import { HttpError, keepingWrites } from '@/mock/core/http'
import { openDatabase, migrateDatabase, type Database } from '@/mock/store/open'
import { sqlStorage } from '@/mock/store/sql-storage'
import { call, testBackend, uuid, type JsonBody } from '../../helpers/backend'
import { COMMUNITY, declarationBodyOn } from '../../helpers/returnees'
import { answersInOrder, type Answer } from '../../helpers/answers-in-order'

/**
 * The backend on PGlite beside the backend on memory: the same requests get the same answers
 * (the rules are written once), a database keeps its world across a restart and is never
 * reseeded by one, and the reset control wipes and reseeds it.
 */

const SECRET = 'sql-backend'
const OUTLET = 'o310101-01'
const DOC = '11010519491231002X'

function sqlBackend(database: Database): Backend {
  return testBackend({ secret: SECRET, storage: sqlStorage(database) })
}

/** A citizen's morning, a staff member's counter, and the refusals on the way, as answers in order. */
async function morning(backend: Backend): Promise<Answer[]> {
  const { answers, step } = answersInOrder(backend)
  const { token } = await step('login', 'POST', '/auth/login', { body: { code: 'wx-morning' } })
  await step('me', 'GET', '/me', { token })
  await step('attention before', 'GET', '/me/attention', { token })
  const sms = await step('sms', 'POST', '/identity/sms', { token, body: { phone: '13912345678' } })
  await step('sms again', 'POST', '/identity/sms', { token, body: { phone: '13912345678' } })
  const verify = { name: '张三', docType: 'resident_id', docNumber: DOC, phone: '13912345678' }
  await step('wrong code', 'POST', '/identity/verify', {
    token,
    body: { ...verify, smsCode: sms.devCode === '000000' ? '111111' : '000000' },
  })
  await step('verify', 'POST', '/identity/verify', { token, body: { ...verify, smsCode: sms.devCode } })
  const { round } = await step('round', 'GET', '/masks/rounds/current')
  await step('outlets', 'GET', '/masks/outlets', { query: { district: '310101', limit: '5' } })
  const body = { roundId: round.id, outletId: OUTLET, quantity: 2 }
  const headers = { 'Idempotency-Key': uuid(1) }
  const reserved = await step('reserve', 'POST', '/masks/reservations', { token, body, headers })
  await step('reserve, same key', 'POST', '/masks/reservations', { token, body, headers })
  await step('reserve, same key, other body', 'POST', '/masks/reservations', { token, body: { ...body, quantity: 1 }, headers })
  await step('reserve again', 'POST', '/masks/reservations', { token, body })
  await step('mine', 'GET', '/masks/reservations', { token })

  const other = await step('other login', 'POST', '/auth/login', { body: { code: 'wx-other' } })
  const otherSms = await step('other sms', 'POST', '/identity/sms', { token: other.token, body: { phone: '13912345679' } })
  await step('same document', 'POST', '/identity/verify', {
    token: other.token,
    body: { ...verify, phone: '13912345679', smsCode: otherSms.devCode },
  })
  await step('not theirs', 'POST', `/masks/reservations/${reserved.id}/cancel`, { token: other.token })

  await step('cancel', 'POST', `/masks/reservations/${reserved.id}/cancel`, { token })
  await step('outlets after', 'GET', '/masks/outlets', { query: { district: '310101', limit: '5' } })
  await step('logout', 'POST', '/auth/logout', { token })
  await step('me after logout', 'GET', '/me', { token })
  return answers
}

/** A returnee's first day and the community worker's console, seeded people included. */
async function returneeDay(backend: Backend): Promise<Answer[]> {
  const { answers, step } = answersInOrder(backend)
  const { token } = await step('login', 'POST', '/auth/login', { body: { code: 'wx-returnee' } })
  const sms = await step('sms', 'POST', '/identity/sms', { token, body: { phone: '13912345670' } })
  await step('verify', 'POST', '/identity/verify', {
    token,
    body: { name: '欧阳娜娜', docType: 'resident_id', docNumber: DOC, phone: '13912345670', smsCode: sms.devCode },
  })
  const today = backend.clock.today()
  const body = declarationBodyOn(today, { arrivalAgo: 1 })
  const d = await step('declare', 'POST', '/returnees/declarations', { token, body, headers: { 'Idempotency-Key': uuid(7) } })
  await step('declare, same key', 'POST', '/returnees/declarations', { token, body, headers: { 'Idempotency-Key': uuid(7) } })
  await step('declare again', 'POST', '/returnees/declarations', { token, body })
  await step('mine', 'GET', '/returnees/declarations/mine', { token })
  await step('attention', 'GET', '/me/attention', { token })
  await step('check in', 'POST', `/returnees/declarations/${d.id}/checkins`, { token, body: { temperature: 37.6, symptoms: ['cough'] } })
  await step('check in again', 'POST', `/returnees/declarations/${d.id}/checkins`, { token, body: { temperature: 36.5, symptoms: [] } })
  await step('detail', 'GET', `/returnees/declarations/${d.id}`, { token })

  const worker = (await step('worker login', 'POST', '/auth/login', { body: { code: `worker:${COMMUNITY}` } })).token
  await step('summary', 'GET', '/returnees/community/summary', { token: worker })
  await step('due today', 'GET', '/returnees/community/declarations', { token: worker, query: { status: 'due_today', limit: '50' } })
  await step('flagged', 'GET', '/returnees/community/declarations', { token: worker, query: { status: 'flagged', limit: '50' } })
  const all = await step('all', 'GET', '/returnees/community/declarations', { token: worker, query: { limit: '50' } })
  await step('report', 'GET', '/returnees/community/report', { token: worker })
  await step('escalate', 'POST', `/returnees/declarations/${d.id}/escalate`, { token: worker, body: { note: '已电话联系' } })
  await step('release flagged', 'POST', `/returnees/declarations/${d.id}/release`, { token: worker })
  // A seeded person whose 14 days are over (the seed has some in every community).
  const over = all.items.find((x: JsonBody) => x.daysLeft === 0 && x.status === 'observing')
  await step('release a seeded one', 'POST', `/returnees/declarations/${over.id}/release`, { token: worker })
  await step('worker attention', 'GET', '/me/attention', { token: worker })
  await step('summary after', 'GET', '/returnees/community/summary', { token: worker })
  return answers
}

let database: Database
beforeAll(async () => {
  database = await openDatabase('pglite:memory')
  await migrateDatabase(database)
}, 60_000)
afterAll(() => database.close())

describe('the backend on PGlite', () => {
  it('answers a morning of requests exactly as the backend on memory does', async () => {
    // Both start from the reset, so both have drawn the same randomness before the morning.
    const memory = testBackend({ secret: SECRET })
    await call(memory, 'POST', '/__mock/reset', { body: { seed: 1 } })
    const onMemory = await morning(memory)
    const onSql = sqlBackend(database)
    await call(onSql, 'POST', '/__mock/reset', { body: { seed: 1 } })
    const answers = await morning(onSql)
    expect(answers).toEqual(onMemory)
    // The morning went as a person would see it, not merely the same way twice.
    const byStep = new Map(answers.map((a) => [a.step, a]))
    expect(byStep.get('verify')!.status).toBe(200)
    expect(byStep.get('wrong code')!.body.error.fields.smsCode).toMatch(/验证码/)
    expect(byStep.get('reserve')!.status).toBe(201)
    expect(byStep.get('reserve, same key')!.body).toEqual(byStep.get('reserve')!.body)
    expect(byStep.get('reserve, same key, other body')!.body.error.code).toBe('IDEMPOTENCY_CONFLICT')
    expect(byStep.get('reserve again')!.body.error.code).toBe('ALREADY_RESERVED')
    expect(byStep.get('same document')!.body.error.code).toBe('DOCUMENT_IN_USE')
    expect(byStep.get('not theirs')!.status).toBe(403)
    expect(byStep.get('me after logout')!.status).toBe(401)
    const stockOf = (step: string) => byStep.get(step)!.body.items.find((o: JsonBody) => o.id === OUTLET).stock
    expect(stockOf('outlets after')).toBe(stockOf('outlets'))
  })

  it('answers a returnee’s day and the community console exactly as the backend on memory does', async () => {
    const memory = testBackend({ secret: SECRET })
    await call(memory, 'POST', '/__mock/reset', { body: { seed: 1 } })
    const onMemory = await returneeDay(memory)
    const onSql = sqlBackend(database)
    await call(onSql, 'POST', '/__mock/reset', { body: { seed: 1 } })
    const answers = await returneeDay(onSql)
    expect(answers).toEqual(onMemory)
    const byStep = new Map(answers.map((a) => [a.step, a]))
    expect(byStep.get('declare')!.status).toBe(201)
    expect(byStep.get('declare, same key')!.body).toEqual(byStep.get('declare')!.body)
    expect(byStep.get('declare again')!.body.error.code).toBe('ALREADY_DECLARED')
    expect(byStep.get('check in')!.body.raisedFlag).toBe(true)
    expect(byStep.get('check in again')!.body.error.code).toBe('ALREADY_CHECKED_IN')
    expect(byStep.get('detail')!.body.status).toBe('flagged')
    expect(byStep.get('release flagged')!.body.error.code).toBe('DECLARATION_FLAGGED')
    expect(byStep.get('release a seeded one')!.body.status).toBe('released')
    // The seeded community's people are there on both: the database was seeded from the seed.
    expect(byStep.get('all')!.body.total).toBeGreaterThan(5)
    expect(byStep.get('summary after')!.body.releasedToday).toBe(byStep.get('summary')!.body.releasedToday + 1)
  })

  it('undoes what a refused rule wrote, keeps what a refusal says it keeps, and keeps the request’s other writes', async () => {
    const storage = sqlStorage(database)({ service: () => undefined })
    const guard = (wrong: number) => ({ wrong, lockedUntil: 0 })
    const refuse = (keep: boolean) => {
      const e = new HttpError(409, 'SOLD_OUT', '约完了')
      return keep ? keepingWrites(e) : e
    }
    const outcome = await storage.run(async (stores) => {
      const refused = async (phone: string, keep: boolean) => {
        try {
          await stores.rule!(async () => {
            await stores.core.savePhoneGuard(phone, guard(1))
            throw refuse(keep)
          })
        } catch (e) {
          return (e as HttpError).code
        }
        return 'answered'
      }
      const codes = [await refused('13900000001', false), await refused('13900000002', true)]
      // The request goes on after the refusal, as a key keeping its answer does.
      await stores.core.savePhoneGuard('13900000003', guard(3))
      return codes
    })
    expect(outcome).toEqual(['SOLD_OUT', 'SOLD_OUT'])
    const held = await storage.run(async (stores) =>
      Promise.all(['13900000001', '13900000002', '13900000003'].map((phone) => stores.core.phoneGuard(phone))),
    )
    expect(held).toEqual([undefined, guard(1), guard(3)])
  })

  it('counts wrong SMS codes across refusals, so the fifth locks the phone as on memory', async () => {
    const onSql = sqlBackend(database)
    await call(onSql, 'POST', '/__mock/reset', { body: { seed: 1 } })
    const { token } = (await call(onSql, 'POST', '/auth/login', { body: { code: 'wx-guess' } })).body
    const phone = '13912345600'
    const sms = (await call(onSql, 'POST', '/identity/sms', { token, body: { phone } })).body
    const verify = { name: '欧阳娜娜', docType: 'resident_id', docNumber: DOC, phone }
    const wrong = sms.devCode === '000000' ? '111111' : '000000'
    const statuses: number[] = []
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await call(onSql, 'POST', '/identity/verify', { token, body: { ...verify, smsCode: wrong } })).status)
    }
    const right = await call(onSql, 'POST', '/identity/verify', { token, body: { ...verify, smsCode: sms.devCode } })
    expect(statuses).toEqual([400, 400, 400, 400, 400])
    expect(right.status).toBe(429)
    expect(right.body.error.code).toBe('RATE_LIMITED')
  })

  it('keeps its world across a restart: the same token, the same reservation, stock not reseeded', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pglite-backend-'))
    try {
      const first = await openDatabase(`pglite:${folder}`)
      await migrateDatabase(first)
      const before = testBackend({ storage: sqlStorage(first) })
      const { token } = (await call(before, 'POST', '/auth/login', { body: { code: 'wx-restart' } })).body
      const sms = (await call(before, 'POST', '/identity/sms', { token, body: { phone: '13912340000' } })).body
      const verify = { name: '李四', docType: 'resident_id', docNumber: DOC, phone: '13912340000', smsCode: sms.devCode }
      expect((await call(before, 'POST', '/identity/verify', { token, body: verify })).status).toBe(200)
      const { round } = (await call(before, 'GET', '/masks/rounds/current')).body
      const reserved = await call(before, 'POST', '/masks/reservations', {
        token,
        body: { roundId: round.id, outletId: OUTLET, quantity: 3 },
      })
      expect(reserved.status).toBe(201)
      const outlets = { query: { district: '310101', limit: '5' } }
      const stockBefore = (await call(before, 'GET', '/masks/outlets', outlets)).body.items.find((o: JsonBody) => o.id === OUTLET).stock
      // Where the controls set the clock is kept too (a running clock runs on from there).
      await call(before, 'POST', '/__mock/clock', { body: { now: '2020-02-10T15:30:00+08:00' } })
      await first.close()

      // Another process, another secret of its own: the database's key and world win.
      const again = await openDatabase(`pglite:${folder}`)
      expect(await migrateDatabase(again)).toEqual([])
      const after = testBackend({ secret: 'another-process', storage: sqlStorage(again) })
      await after.ready()
      expect(after.clock.iso()).toBe('2020-02-10T15:30:00+08:00')
      expect((await call(after, 'GET', '/me', { token })).body.identity.name).toBe('李四')
      expect((await call(after, 'GET', '/masks/reservations', { token })).body.items.map((r: JsonBody) => r.id)).toEqual([reserved.body.id])
      expect((await call(after, 'GET', '/masks/outlets', outlets)).body.items.find((o: JsonBody) => o.id === OUTLET).stock).toBe(
        stockBefore,
      )
      // A new account gets a new id: ids never start again at the first after a restart.
      const newcomer = (await call(after, 'POST', '/auth/login', { body: { code: 'wx-newcomer' } })).body.user
      expect(newcomer.id).not.toBe((await call(after, 'GET', '/me', { token })).body.id)

      // The reset control wipes it and seeds the seed's world again.
      await call(after, 'POST', '/__mock/reset', { body: { seed: 1 } })
      expect((await call(after, 'GET', '/me', { token })).status).toBe(401)
      const seeded = (await call(testBackend(), 'GET', '/masks/outlets', outlets)).body.items
      expect((await call(after, 'GET', '/masks/outlets', outlets)).body.items).toEqual(seeded)
      await again.close()
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  }, 60_000)
})
