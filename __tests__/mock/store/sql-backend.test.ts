import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Backend } from '@/mock/backend'
import { openDatabase, migrateDatabase, type Database } from '@/mock/store/open'
import { sqlStorage } from '@/mock/store/sql-storage'
import { call, testBackend, uuid, type JsonBody } from '../../helpers/backend'

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

interface Answer {
  step: string
  status: number
  body: JsonBody
}

/** A citizen's morning, a staff member's counter, and the refusals on the way, as answers in order. */
async function morning(backend: Backend): Promise<Answer[]> {
  const answers: Answer[] = []
  const step = async (name: string, method: string, path: string, init: Parameters<typeof call>[3] = {}) => {
    const res = await call(backend, method, path, init)
    answers.push({ step: name, status: res.status, body: res.body })
    return res.body
  }
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
      await first.close()

      // Another process, another secret of its own: the database's key and world win.
      const again = await openDatabase(`pglite:${folder}`)
      expect(await migrateDatabase(again)).toEqual([])
      const after = testBackend({ secret: 'another-process', storage: sqlStorage(again) })
      await after.ready()
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
