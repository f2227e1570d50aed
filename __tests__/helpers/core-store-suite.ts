import { emptyCoreState, type Account } from '@/mock/core/state'
import { memoryCoreStore, type CoreStore } from '@/mock/session/store'

/**
 * What the core's rules (login, the token check, SMS verification, idempotency) lean on, asked of
 * every store the same way: memory, and the SQL store on PGlite (in `npm test`) and on PostgreSQL
 * (in CI). Figures are literals, never the code's constants.
 */

export const T0 = Date.parse('2026-03-01T09:00:00+08:00')
const DAY = 24 * 3600_000

export function citizen(id: string, loginCode: string): Account {
  return { id, loginCode, role: 'citizen', verified: false, createdAt: T0 }
}

export const identity = { name: '张三', docType: 'resident_id' as const, docNumber: '110101199003074514', phone: '13800138000' }

export const EMPTY_CORE_TABLES = `truncate core_settings, core_accounts, core_documents, core_sessions, core_sms, core_phone_guards,
  core_idempotency cascade; alter sequence core_ids restart;`

export const freshMemoryCoreStore = (): Promise<CoreStore> => Promise.resolve(memoryCoreStore(emptyCoreState(1, 'secret')))

export function coreStoreSuite(name: string, fresh: () => Promise<CoreStore>): void {
  describe(`the core store on ${name}`, () => {
    let store: CoreStore
    beforeEach(async () => {
      store = await fresh()
    })

    it('hands out ids from one counter with their prefix, base 36, padded to five', async () => {
      expect(await store.nextId('u')).toBe('u00001')
      expect(await store.nextId('js')).toBe('js00002')
      for (let i = 0; i < 33; i += 1) await store.nextId('x')
      expect(await store.nextId('u')).toBe('u00010')
    })

    it('keeps one account a login code, found by id and by code, and refuses a second', async () => {
      expect(await store.insertAccount(citizen('u1', 'wx-a'))).toBe(true)
      expect(await store.insertAccount(citizen('u2', 'wx-a'))).toBe(false)
      expect(await store.account('u1')).toStrictEqual(citizen('u1', 'wx-a'))
      expect(await store.accountByLoginCode('wx-a')).toStrictEqual(citizen('u1', 'wx-a'))
      expect(await store.account('u2')).toBeUndefined()
      expect(await store.accountByLoginCode('wx-b')).toBeUndefined()
      // Keys a client sends are data, never the prototype's.
      for (const key of ['__proto__', 'constructor', 'toString']) {
        expect(await store.account(key)).toBeUndefined()
        expect(await store.accountByLoginCode(key)).toBeUndefined()
      }
    })

    it('keeps an account’s identity and role fields only through a save', async () => {
      await store.insertAccount({ ...citizen('u1', 'staff:o1'), role: 'staff', outletId: 'o1', verified: true, identity })
      await store.insertAccount({ ...citizen('u2', 'worker:310101002001'), role: 'worker', communityId: '310101002001' })
      const found = (await store.account('u1'))!
      expect(found).toStrictEqual({ ...citizen('u1', 'staff:o1'), role: 'staff', outletId: 'o1', verified: true, identity })
      expect((await store.account('u2'))!.communityId).toBe('310101002001')
      found.identity!.name = '李四'
      expect((await store.account('u1'))!.identity!.name).toBe('张三')

      const plain = (await store.account('u2'))!
      await store.saveAccount({ ...plain, verified: true, identity: { ...identity, birthDate: '1990-03-07', gender: 'male' } })
      expect((await store.account('u2'))!.identity).toStrictEqual({ ...identity, birthDate: '1990-03-07', gender: 'male' })
      await expect(store.saveAccount(citizen('u9', 'wx-z'))).rejects.toThrow(/no account u9/)
    })

    it('binds a document to one account: the same account again, never another', async () => {
      await store.insertAccount(citizen('u1', 'wx-a'))
      await store.insertAccount(citizen('u2', 'wx-b'))
      expect(await store.documentHolder('resident_id:110101199003074514')).toBeUndefined()
      expect(await store.claimDocument('resident_id:110101199003074514', 'u1')).toBe(true)
      expect(await store.claimDocument('resident_id:110101199003074514', 'u1')).toBe(true)
      expect(await store.claimDocument('resident_id:110101199003074514', 'u2')).toBe(false)
      expect(await store.documentHolder('resident_id:110101199003074514')).toBe('u1')
      expect(await store.claimDocument('passport:E12345678', 'u2')).toBe(true)
      expect(await store.documentHolder('__proto__')).toBeUndefined()
    })

    it('keeps a session a token: a taken token is refused, a revoked one says so', async () => {
      await store.insertAccount(citizen('u1', 'wx-a'))
      const token = 'a'.repeat(64)
      expect(await store.insertSession(token, { accountId: 'u1', expiresAt: T0 + DAY, revoked: false })).toBe(true)
      expect(await store.insertSession(token, { accountId: 'u1', expiresAt: T0 + 2 * DAY, revoked: false })).toBe(false)
      expect(await store.session(token)).toStrictEqual({ accountId: 'u1', expiresAt: T0 + DAY, revoked: false })
      await store.revokeSession(token)
      expect(await store.session(token)).toStrictEqual({ accountId: 'u1', expiresAt: T0 + DAY, revoked: true })
      await store.revokeSession('b'.repeat(64))
      expect(await store.session('b'.repeat(64))).toBeUndefined()
      expect(await store.session('__proto__')).toBeUndefined()
    })

    it('keeps the last SMS code a phone, and a phone’s wrong-code count until it is forgotten', async () => {
      await store.insertAccount(citizen('u1', 'wx-a'))
      const sms = { accountId: 'u1', code: '123456', sentAt: T0, expiresAt: T0 + 600_000, used: false }
      expect(await store.sms('13800138000')).toBeUndefined()
      await store.saveSms('13800138000', sms)
      await store.saveSms('13800138000', { ...sms, code: '654321', sentAt: T0 + 60_000 })
      expect(await store.sms('13800138000')).toStrictEqual({ ...sms, code: '654321', sentAt: T0 + 60_000 })
      expect(await store.sms('13900139000')).toBeUndefined()

      expect(await store.phoneGuard('13800138000')).toBeUndefined()
      await store.savePhoneGuard('13800138000', { wrong: 1, lockedUntil: 0 })
      await store.savePhoneGuard('13800138000', { wrong: 0, lockedUntil: T0 + 600_000 })
      expect(await store.phoneGuard('13800138000')).toStrictEqual({ wrong: 0, lockedUntil: T0 + 600_000 })
      await store.savePhoneGuard('13800138000', undefined)
      expect(await store.phoneGuard('13800138000')).toBeUndefined()
    })

    it('lets one request claim a key: a kept answer holds it for a day, a stale one is replaced', async () => {
      const key = 'u1|/api/v1/masks/reservations|3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b'
      expect(await store.keptAnswer(key)).toBeUndefined()
      expect(await store.claimKey(key, { body: '{"n":1}', at: T0 }, T0 - DAY)).toBe(true)
      expect(await store.keptAnswer(key)).toStrictEqual({ body: '{"n":1}', at: T0 })
      await store.keepAnswer(key, { body: '{"n":1}', status: 201, response: { id: 'rs1', list: [1, 'two'] }, at: T0 })
      expect(await store.keptAnswer(key)).toStrictEqual({ body: '{"n":1}', status: 201, response: { id: 'rs1', list: [1, 'two'] }, at: T0 })
      // Still fresh an instant before the day is out; replaced once the answer is a day old.
      expect(await store.claimKey(key, { body: '{"n":2}', at: T0 + DAY - 1 }, T0 - 1)).toBe(false)
      expect((await store.keptAnswer(key))!.status).toBe(201)
      expect(await store.claimKey(key, { body: '{"n":2}', at: T0 + DAY }, T0)).toBe(true)
      expect(await store.keptAnswer(key)).toStrictEqual({ body: '{"n":2}', at: T0 + DAY })
      await store.releaseKey(key)
      expect(await store.keptAnswer(key)).toBeUndefined()
      // A 204 keeps no body.
      await store.keepAnswer(key, { body: '{}', status: 204, response: undefined, at: T0 })
      expect(await store.keptAnswer(key)).toStrictEqual({ body: '{}', status: 204, at: T0 })
    })

    it('forgets the answers kept at or before a time, and only those', async () => {
      for (const [key, at] of [
        ['old', T0 - 1],
        ['edge', T0],
        ['new', T0 + 1],
      ] as const) {
        await store.keepAnswer(key, { body: '{}', status: 201, response: {}, at })
      }
      await store.forgetAnswers(T0)
      expect(await store.keptAnswer('old')).toBeUndefined()
      expect(await store.keptAnswer('edge')).toBeUndefined()
      expect((await store.keptAnswer('new'))!.at).toBe(T0 + 1)
    })
  })
}
