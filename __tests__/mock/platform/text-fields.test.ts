import { TEXT_LIMITS } from '@/core/contract'
import type { Backend } from '@/mock/backend'
import { call, login, startVerification, testBackend, uuid, verifiedCitizen, type JsonBody } from '../../helpers/backend'
import { http, startHttp } from '../../helpers/http'
import { COMMUNITY, declarationBody, declare, declaredCitizen, worker } from '../../helpers/returnees'

/** Right-to-left override: `张三\u202E路中南云` would show in a worker's list as `张三云南中路`. */
const RLO = '\u202e'
const ZWSP = '\u200b'

/** A 400 VALIDATION_FAILED naming `field`; its message. */
function refused(res: { status: number; body: JsonBody }, field: string): string {
  expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED'])
  expect(Object.keys(res.body.error.fields)).toContain(field)
  return res.body.error.fields[field]
}

describe('session and identity: over-long and hidden-character text is a 400, never cut', () => {
  it('refuses a login code with a hidden character: worker:… with a zero-width space is not a worker, nor a new account', async () => {
    const backend = testBackend()
    expect(refused(await call(backend, 'POST', '/auth/login', { body: { code: `worker:${ZWSP}310101002001` } }), 'code')).toMatch(
      /看不见的特殊字符/,
    )
    expect(
      refused(await call(backend, 'POST', '/auth/login', { body: { code: 'a'.repeat(TEXT_LIMITS.loginCode + 1) } }), 'code'),
    ).toContain(String(TEXT_LIMITS.loginCode))
  })

  it('refuses a name with bidi controls (fields.name) and verifies nobody', async () => {
    const backend = testBackend()
    const { token, body } = await startVerification(backend, 'bidi-name')
    for (const name of [`张${RLO}三`, `${RLO}张三`, `John${'\u2066'} Smith`]) {
      expect(refused(await call(backend, 'POST', '/identity/verify', { token, body: body({ name }) }), 'name')).toMatch(
        /姓名含有看不见的特殊字符/,
      )
    }
    expect((await call(backend, 'GET', '/me', { token })).body.verified).toBe(false)
  })

  it('refuses a name over its limit with the limit in the message: 60 Latin letters, 20 Chinese characters', async () => {
    const backend = testBackend()
    const { token, body } = await startVerification(backend, 'long-name')
    expect(refused(await call(backend, 'POST', '/identity/verify', { token, body: body({ name: 'A'.repeat(141) }) }), 'name')).toBe(
      `姓名不能超过 ${TEXT_LIMITS.name} 个字`,
    )
    expect(refused(await call(backend, 'POST', '/identity/verify', { token, body: body({ name: 'A'.repeat(61) }) }), 'name')).toBe(
      `姓名不能超过 ${TEXT_LIMITS.name} 个字`,
    )
    expect(refused(await call(backend, 'POST', '/identity/verify', { token, body: body({ name: '张'.repeat(21) }) }), 'name')).toBe(
      `中文姓名不能超过 ${TEXT_LIMITS.nameChinese} 个字`,
    )
    expect((await call(backend, 'POST', '/identity/verify', { token, body: body({ name: 'A'.repeat(60) }) })).status).toBe(200)
  })

  it('refuses a phone longer than its limit as sent, and a document number longer than 32', async () => {
    const backend = testBackend()
    const { token, body } = await startVerification(backend, 'long-phone')
    expect(
      refused(await call(backend, 'POST', '/identity/sms', { token, body: { phone: '1'.repeat(TEXT_LIMITS.phone + 1) } }), 'phone'),
    ).toBe(`手机号不能超过 ${TEXT_LIMITS.phone} 个字符`)
    expect(
      refused(await call(backend, 'POST', '/identity/verify', { token, body: body({ docNumber: '1'.repeat(33) }) }), 'docNumber'),
    ).toContain(String(TEXT_LIMITS.docNumber))
  })
})

describe('returnees: over-long and hidden-character text is a 400, never cut', () => {
  let backend: Backend
  beforeEach(() => {
    backend = testBackend()
  })

  const mine = async (token: string) => (await call(backend, 'GET', '/returnees/declarations/mine', { token })).body.total

  it('refuses a declaration address with a right-to-left override (fields["residence.address"]), storing nothing', async () => {
    const person = await verifiedCitizen(backend, 'bidi-address')
    const body = declarationBody(backend, { residence: { communityId: COMMUNITY, address: `云南中路 18 弄${RLO}号 3` } })
    expect(refused(await declare(backend, person.token, body), 'residence.address')).toMatch(/详细地址含有看不见的特殊字符/)
    expect(await mine(person.token)).toBe(0)
  })

  it('refuses an address over 100 characters with the limit in the message, storing nothing', async () => {
    const person = await verifiedCitizen(backend, 'long-address')
    const body = declarationBody(backend, { residence: { communityId: COMMUNITY, address: '号'.repeat(TEXT_LIMITS.address + 1) } })
    expect(refused(await declare(backend, person.token, body), 'residence.address')).toBe(`详细地址不能超过 ${TEXT_LIMITS.address} 个字`)
    expect(await mine(person.token)).toBe(0)
  })

  it('refuses a transport number over its limit as sent (spaces count), or with a hidden character', async () => {
    const person = await verifiedCitizen(backend, 'long-number')
    const spaced = 'A B C D E F G H I J K'
    expect(spaced).toHaveLength(TEXT_LIMITS.transportNumber + 1)
    const long = declarationBody(backend, { transport: { mode: 'other', number: spaced } })
    expect(refused(await declare(backend, person.token, long), 'transport.number')).toBe(`班次不能超过 ${TEXT_LIMITS.transportNumber} 个字`)
    const hidden = declarationBody(backend, { transport: { mode: 'car', number: `沪A${'\u202d'}12345` } })
    expect(refused(await declare(backend, person.token, hidden), 'transport.number')).toMatch(/看不见的特殊字符/)
    expect(await mine(person.token)).toBe(0)
  })

  it('refuses an escalation note and a community search with hidden characters', async () => {
    const { id } = await declaredCitizen(backend)
    const w = await worker(backend)
    const note = await call(backend, 'POST', `/returnees/declarations/${id}/escalate`, { token: w, body: { note: `发热${'\u2067'}37.8` } })
    expect(refused(note, 'note')).toMatch(/上报说明含有看不见的特殊字符/)
    const q = await call(backend, 'GET', '/returnees/community/declarations', { token: w, query: { q: `欧${ZWSP}` } })
    expect(refused(q, 'q')).toMatch(/看不见的特殊字符/)
    expect((await call(backend, 'GET', `/returnees/declarations/${id}`, { token: w })).body.status).toBe('observing')
  })
})

describe('jobs: over-long and hidden-character text is a 400, never cut', () => {
  let backend: Backend
  let token: string
  let jobId: string
  beforeEach(async () => {
    backend = testBackend()
    token = (await verifiedCitizen(backend, 'jobs-text')).token
    jobId = (await call(backend, 'GET', '/jobs', { query: { limit: '1' } })).body.items[0].id
  })

  const applications = async () => (await call(backend, 'GET', '/jobs/applications', { token })).body.total

  it('refuses an application message with a bidi control (fields.message), applying nothing', async () => {
    const res = await call(backend, 'POST', `/jobs/${jobId}/applications`, {
      token,
      headers: { 'Idempotency-Key': uuid(1) },
      body: { message: `下周到岗${RLO}，谢谢` },
    })
    expect(refused(res, 'message')).toMatch(/附言含有看不见的特殊字符/)
    expect(await applications()).toBe(0)
  })

  it('refuses a 2,000-character message with the limit in the message, applying nothing', async () => {
    const res = await call(backend, 'POST', `/jobs/${jobId}/applications`, { token, body: { message: '字'.repeat(2000) } })
    expect(refused(res, 'message')).toBe(`附言不能超过 ${TEXT_LIMITS.applicationMessage} 个字`)
    expect(await applications()).toBe(0)
  })

  it('refuses a saved search whose q hides a character, saving nothing', async () => {
    const res = await call(backend, 'POST', '/jobs/subscriptions', { token, body: { q: `司${'\u2060'}机` } })
    expect(refused(res, 'q')).toMatch(/看不见的特殊字符/)
    expect((await call(backend, 'GET', '/jobs/subscriptions', { token })).body.total).toBe(0)
  })
})

describe('masks: the pickup code', () => {
  it('refuses a code over its limit as sent, and one with a hidden character (not "no such code")', async () => {
    const backend = testBackend()
    const outletId = (await call(backend, 'GET', '/masks/outlets', { query: { limit: '1' } })).body.items[0].id
    const staff = (await login(backend, `staff:${outletId}`)).token
    const pick = async (pickupCode: string) => await call(backend, 'POST', '/masks/pickups', { token: staff, body: { pickupCode } })
    expect(refused(await pick('1'.repeat(TEXT_LIMITS.pickupCode + 1)), 'pickupCode')).toBe(
      `取件码不能超过 ${TEXT_LIMITS.pickupCode} 个字符`,
    )
    expect(refused(await pick(`1234${ZWSP}5678`), 'pickupCode')).toMatch(/看不见的特殊字符/)
  })
})

describe('over HTTP, one per service', () => {
  let server: Awaited<ReturnType<typeof startHttp>>
  let backend: Backend
  beforeAll(async () => {
    backend = testBackend()
    server = await startHttp(backend)
  })
  afterAll(() => server.close())

  it('answers 400 fields.name, fields["residence.address"] and fields.message for text with a right-to-left override', async () => {
    const { token, body } = await startVerification(backend, 'http-bidi')
    const verify = await http(server.base, 'POST', '/identity/verify', { token, body: body({ name: `张${RLO}三` }) })
    expect(refused(verify, 'name')).toMatch(/看不见的特殊字符/)

    const person = await verifiedCitizen(backend, 'http-bidi-verified')
    const address = declarationBody(backend, { residence: { communityId: COMMUNITY, address: `云南中路${RLO}18 弄` } })
    expect(
      refused(await http(server.base, 'POST', '/returnees/declarations', { token: person.token, body: address }), 'residence.address'),
    ).toMatch(/看不见的特殊字符/)

    const jobId = (await http(server.base, 'GET', '/jobs?limit=1')).body.items[0].id
    const message = await http(server.base, 'POST', `/jobs/${jobId}/applications`, { token: person.token, body: { message: `你好${RLO}` } })
    expect(refused(message, 'message')).toMatch(/看不见的特殊字符/)
  })
})
