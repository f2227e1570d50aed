import { dictGet } from '@/mock/core/dict'
import { SEED_EPOCH_MS } from '@/mock/core/clock'
import { call, login, startVerification, testBackend, verifiedCitizen } from '../../helpers/backend'
import { rewindableRandom } from '../../helpers/random'

const SECOND = 1000
const MINUTE = 60 * SECOND

/** The wait a 429 asks for, in its header and in its words. */
const waitOf = (res: { status: number; headers?: Record<string, string>; body: { error?: { code: string; message: string } } }) => ({
  status: res.status,
  code: res.body.error?.code,
  retryAfter: res.headers?.['Retry-After'],
  message: res.body.error?.message,
})

describe('SMS codes: the 60-second interval, in the header and in words', () => {
  it('asks for 60 s after a code, counts down to the second, and sends again at 60 s', async () => {
    const backend = testBackend()
    const { token, phone, sms } = await startVerification(backend, 'interval', '13900001111')
    expect(sms.body.retryAfterSec).toBe(60)
    const again = async () => await call(backend, 'POST', '/identity/sms', { token, body: { phone } })
    expect(waitOf(await again())).toEqual({
      status: 429,
      code: 'RATE_LIMITED',
      retryAfter: '60',
      message: '验证码已发送，请 60 秒后再获取',
    })
    backend.clock.set(SEED_EPOCH_MS + 30 * SECOND + 500)
    expect(waitOf(await again())).toMatchObject({ retryAfter: '30', message: '验证码已发送，请 30 秒后再获取' })
    backend.clock.set(SEED_EPOCH_MS + 59 * SECOND + 999)
    expect(waitOf(await again())).toMatchObject({ retryAfter: '1', message: '验证码已发送，请 1 秒后再获取' })
    backend.clock.set(SEED_EPOCH_MS + 60 * SECOND)
    expect((await again()).status).toBe(200)
  })
})

describe('the lock after five wrong codes, in the header and in words', () => {
  it('says 10 minutes at first and fewer as they pass, for a code and for a verify', async () => {
    const backend = testBackend()
    const { token, phone, body } = await startVerification(backend, 'locked', '13900002222')
    for (let i = 0; i < 5; i += 1)
      await call(backend, 'POST', '/identity/verify', { token, body: body({ smsCode: '000000' === body().smsCode ? '111111' : '000000' }) })
    const verify = async () => await call(backend, 'POST', '/identity/verify', { token, body: body() })
    const sms = async () => await call(backend, 'POST', '/identity/sms', { token, body: { phone } })
    expect(waitOf(await verify())).toEqual({
      status: 429,
      code: 'RATE_LIMITED',
      retryAfter: '600',
      message: '验证码错误次数过多，请 10 分钟后再试',
    })
    expect(waitOf(await sms())).toMatchObject({ status: 429, retryAfter: '600', message: '验证码错误次数过多，请 10 分钟后再试' })
    backend.clock.set(SEED_EPOCH_MS + 5 * MINUTE + 30 * SECOND)
    expect(waitOf(await verify())).toMatchObject({ retryAfter: '270', message: '验证码错误次数过多，请 5 分钟后再试' })
    expect(waitOf(await sms())).toMatchObject({ retryAfter: '270', message: '验证码错误次数过多，请 5 分钟后再试' })
  })
})

describe('which wrong code is called expired', () => {
  it('is valid until 10 minutes after sending and expired from then on, to the millisecond', async () => {
    const early = testBackend()
    const a = await startVerification(early, 'valid-late', '13900003333')
    early.clock.set(SEED_EPOCH_MS + 10 * MINUTE - 1)
    expect((await call(early, 'POST', '/identity/verify', { token: a.token, body: a.body() })).status).toBe(200)

    const late = testBackend()
    const b = await startVerification(late, 'expired-now', '13900003333')
    late.clock.set(SEED_EPOCH_MS + 10 * MINUTE)
    const res = await call(late, 'POST', '/identity/verify', { token: b.token, body: b.body() })
    expect([res.status, res.body.error.fields.smsCode]).toEqual([400, '验证码已过期，请重新获取'])
  })

  it('calls a wrong code after expiry, or the right code of another account, not correct rather than expired', async () => {
    const backend = testBackend()
    const a = await startVerification(backend, 'mine', '13900004444')
    const other = (await login(backend, 'not-mine')).token
    const stolen = await call(backend, 'POST', '/identity/verify', { token: other, body: a.body() })
    expect(stolen.body.error.fields.smsCode).toBe('验证码不正确，请核对短信后重新输入')
    backend.clock.set(SEED_EPOCH_MS + 11 * MINUTE)
    const wrong = a.body().smsCode === '123456' ? '654321' : '123456'
    const res = await call(backend, 'POST', '/identity/verify', { token: a.token, body: a.body({ smsCode: wrong }) })
    expect(res.body.error.fields.smsCode).toBe('验证码不正确，请核对短信后重新输入')
  })
})

describe('seeded worker and staff identities', () => {
  it('gives each worker and staff login its own resident identity', async () => {
    const backend = testBackend()
    const users = []
    for (const code of ['worker:310101002001', 'worker:310101002002', 'staff:o310101-01', 'staff:o310101-02']) {
      users.push((await login(backend, code)).user)
    }
    for (const user of users) expect(user.identity).toMatchObject({ docType: 'resident_id', birthDate: expect.any(String) })
    expect(new Set(users.map((u) => `${u.identity?.name}|${u.identity?.docNumberMasked}`)).size).toBe(4)
  })

  it("refuses a citizen who verifies with a worker's document (409 DOCUMENT_IN_USE)", async () => {
    const backend = testBackend()
    const worker = (await login(backend, 'worker:310101002001')).user
    const docNumber = dictGet(backend.db.core.accounts, worker.id)!.identity!.docNumber
    const { token, body } = await startVerification(backend, 'impostor')
    const res = await call(backend, 'POST', '/identity/verify', { token, body: body({ docNumber }) })
    expect([res.status, res.body.error.code]).toEqual([409, 'DOCUMENT_IN_USE'])
  })

  it('takes only the whole code for a worker: nothing before it, no thirteenth digit', async () => {
    const backend = testBackend()
    expect((await login(backend, 'x-worker:310101002001')).user.role).toBe('citizen')
    expect((await login(backend, 'worker:3101010020011')).user.role).toBe('citizen')
  })
})

describe('the home page item of an unverified account', () => {
  it('asks for verification, with the verify page, until it is done', async () => {
    const backend = testBackend({ modules: [] })
    const { token } = await login(backend, 'new-person')
    expect((await call(backend, 'GET', '/me/attention', { token })).body.items).toEqual([
      {
        id: expect.any(String),
        service: 'identity',
        title: '完成实名认证',
        detail: '预约口罩、返沪登记、投递简历前，需要先核验一次身份',
        path: '/pages/verify/index',
        tone: 'warning',
      },
    ])
    const verified = await verifiedCitizen(backend, 'done-person')
    expect((await call(backend, 'GET', '/me/attention', { token: verified.token })).body.items).toEqual([])
  })
})

describe('tokens from a source that repeats itself', () => {
  it('never hands out a live token twice', async () => {
    const tape = rewindableRandom()
    const backend = testBackend({ random: tape.source })
    tape.mark()
    const first = (await login(backend, 'first')).token
    tape.rewind()
    const second = (await login(backend, 'second')).token
    expect(second).not.toBe(first)
    expect((await call(backend, 'GET', '/me', { token: first })).body.id).not.toBe(
      (await call(backend, 'GET', '/me', { token: second })).body.id,
    )
  })
})

describe('what a verified user shows of a document that is not a resident ID', () => {
  it('reads no birth date or gender from a passport number', async () => {
    const backend = testBackend()
    const { token, body } = await startVerification(backend, 'traveller')
    const res = await call(backend, 'POST', '/identity/verify', {
      token,
      body: body({ name: 'John Smith', docType: 'passport', docNumber: 'E12345678' }),
    })
    expect(res.status).toBe(200)
    // Strictly: no birthDate or gender key at all, not one set to undefined.
    expect(res.body.identity).toStrictEqual({
      name: 'John Smith',
      docType: 'passport',
      docNumberMasked: expect.any(String),
      phoneMasked: expect.any(String),
    })
    expect(Object.keys(res.body).sort()).toEqual(['id', 'identity', 'role', 'verified'])
  })
})

describe('a second verification', () => {
  it('is refused once the account is verified (409 ALREADY_VERIFIED), with the code sent again', async () => {
    const backend = testBackend()
    const person = await verifiedCitizen(backend, 'twice')
    const sms = await call(backend, 'POST', '/identity/sms', { token: person.token, body: { phone: '13900006666' } })
    const res = await call(backend, 'POST', '/identity/verify', {
      token: person.token,
      body: { name: '张三', docType: 'resident_id', docNumber: person.docNumber, phone: '13900006666', smsCode: sms.body.devCode },
    })
    expect([res.status, res.body.error.code, res.body.error.message]).toEqual([409, 'ALREADY_VERIFIED', '你的账号已完成实名认证'])
  })
})
