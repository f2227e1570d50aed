import { SEED_EPOCH_MS } from '@/mock/core/clock'
import { call, login, newPhone, newResidentId, startVerification, testBackend, verifiedCitizen } from '../../helpers/backend'

const HOUR = 3600 * 1000

describe('tokens', () => {
  it('live 24 h on the server clock, then get 401', async () => {
    const backend = testBackend()
    const { token, expiresAt } = (await call(backend, 'POST', '/auth/login', { body: { code: 'c1' } })).body
    expect(expiresAt).toBe('2020-02-11T10:00:00+08:00')
    backend.clock.set(SEED_EPOCH_MS + 24 * HOUR - 1)
    expect((await call(backend, 'GET', '/me', { token })).status).toBe(200)
    backend.clock.set(SEED_EPOCH_MS + 24 * HOUR)
    const res = await call(backend, 'GET', '/me', { token })
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('UNAUTHENTICATED')
  })

  it('die on logout', async () => {
    const backend = testBackend()
    const { token } = await login(backend, 'c1')
    expect((await call(backend, 'POST', '/auth/logout', { token })).status).toBe(204)
    expect((await call(backend, 'GET', '/me', { token })).status).toBe(401)
    expect((await call(backend, 'POST', '/auth/logout', { token })).status).toBe(401)
  })

  it('are required where the contract says, and a sent token must be valid', async () => {
    const backend = testBackend()
    expect((await call(backend, 'GET', '/me')).status).toBe(401)
    expect((await call(backend, 'GET', '/me', { token: 'made-up' })).status).toBe(401)
    expect((await call(backend, 'GET', '/me', { headers: { Authorization: 'Basic abc' } })).status).toBe(401)
    expect((await call(backend, 'POST', '/identity/sms', { body: { phone: '13800138000' } })).status).toBe(401)
    expect((await call(backend, 'POST', '/identity/verify', { body: {} })).status).toBe(401)
    expect((await call(backend, 'GET', '/me/attention')).status).toBe(401)
  })
})

describe('accounts', () => {
  it('gives a worker of a real community a verified worker account', async () => {
    const backend = testBackend()
    const { user } = await login(backend, 'worker:310101002001')
    expect(user.role).toBe('worker')
    expect(user.communityId).toBe('310101002001')
    expect(user.verified).toBe(true)
    expect(user.identity?.docNumberMasked).toMatch(/^310\*{11}[\dX]{4}$/)
    expect(user.identity?.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/)
  })

  it('treats a worker code for no real community as a new citizen', async () => {
    const { user } = await login(testBackend(), 'worker:999999999999')
    expect(user.role).toBe('citizen')
    expect(user.verified).toBe(false)
  })

  it('answers a new citizen with only what there is: no community, outlet or identity keys at all', async () => {
    const backend = testBackend()
    const { token, user } = await login(backend, 'bare-citizen')
    expect((await call(backend, 'GET', '/me', { token })).body).toStrictEqual({ id: user.id, verified: false, role: 'citizen' })
  })

  it('shows the owner their name in full and masks document and phone even to the owner', async () => {
    const backend = testBackend()
    const { token, docNumber, phone } = await verifiedCitizen(backend, 'owner', { name: '欧阳娜娜' })
    const me = (await call(backend, 'GET', '/me', { token })).body
    expect(me.identity.name).toBe('欧阳娜娜')
    expect(me.identity.docNumberMasked).toBe(`${docNumber.slice(0, 3)}${'*'.repeat(11)}${docNumber.slice(-4)}`)
    expect(me.identity.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`)
    expect(JSON.stringify(me)).not.toContain(docNumber)
    expect(JSON.stringify(me)).not.toContain(phone)
  })
})

describe('POST /identity/sms', () => {
  it('sends one code per phone per 60 s, else 429', async () => {
    const backend = testBackend()
    const { token } = await login(backend, 'c1')
    const first = await call(backend, 'POST', '/identity/sms', { token, body: { phone: '13800138000' } })
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ sent: true, retryAfterSec: 60, devCode: expect.stringMatching(/^\d{6}$/) })
    backend.clock.advance(59_000)
    const again = await call(backend, 'POST', '/identity/sms', { token, body: { phone: '13800138000' } })
    expect(again.status).toBe(429)
    expect(again.body.error.code).toBe('RATE_LIMITED')
    expect(again.headers?.['Retry-After']).toBe('1')
    expect((await call(backend, 'POST', '/identity/sms', { token, body: { phone: '13800138001' } })).status).toBe(200)
    backend.clock.advance(1_000)
    expect((await call(backend, 'POST', '/identity/sms', { token, body: { phone: '13800138000' } })).status).toBe(200)
  })

  it('refuses a malformed phone with a field message', async () => {
    const backend = testBackend()
    const { token } = await login(backend, 'c1')
    const res = await call(backend, 'POST', '/identity/sms', { token, body: { phone: '12345' } })
    expect(res.status).toBe(400)
    expect(res.body.error).toEqual({ code: 'VALIDATION_FAILED', message: expect.any(String), fields: { phone: '手机号应为 11 位数字' } })
  })
})

describe('POST /identity/verify', () => {
  async function start(code = 'c1', phone = '13800138000') {
    const backend = testBackend()
    const { token, sms } = await startVerification(backend, code, phone)
    const devCode: string = sms.body.devCode
    return { backend, token, devCode, phone }
  }
  const body = (over: Record<string, unknown>) => ({
    name: '张三',
    docType: 'resident_id',
    docNumber: '11010519491231002X',
    phone: '13800138000',
    smsCode: '000000',
    ...over,
  })

  it('verifies with the right code and answers the user, now verified', async () => {
    const { backend, token, devCode } = await start()
    const res = await call(backend, 'POST', '/identity/verify', {
      token,
      body: body({ smsCode: devCode, docNumber: '11010519491231002x' }),
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      verified: true,
      role: 'citizen',
      identity: {
        name: '张三',
        docType: 'resident_id',
        docNumberMasked: '110***********002X',
        phoneMasked: '138****8000',
        birthDate: '1949-12-31',
        gender: 'female',
      },
    })
    expect((await call(backend, 'GET', '/me', { token })).body.verified).toBe(true)
  })

  it('refuses a code for a phone that was never sent one as a wrong code, not a crash', async () => {
    const { backend, token } = await start()
    const res = await call(backend, 'POST', '/identity/verify', { token, body: body({ phone: '13900139000', smsCode: '123456' }) })
    expect(res.status).toBe(400)
    expect(res.body.error.fields).toEqual({ smsCode: '验证码不正确，请核对短信后重新输入' })
  })

  it('reports every bad field at once, in Chinese', async () => {
    const { backend, token } = await start()
    const res = await call(backend, 'POST', '/identity/verify', {
      token,
      body: { name: 'x', docType: 'resident_id', docNumber: '110105194912310021', phone: '123', smsCode: 'abc' },
    })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['docNumber', 'name', 'phone', 'smsCode'])
    expect(res.body.error.fields.docNumber).toBe('身份证号校验位不正确，请逐位核对')
  })

  it('refuses an unknown document type and a future birth date on the server clock', async () => {
    const { backend, token, devCode } = await start()
    expect(
      (await call(backend, 'POST', '/identity/verify', { token, body: body({ docType: 'library_card', smsCode: devCode }) })).body.error
        .fields.docType,
    ).toBe('请选择证件类型')
    // 2020-02-11 is tomorrow on the server's clock.
    const future = '11010520200211002'
    const { residentIdCheckChar } = jest.requireActual('@/core/identity/documents') as typeof import('@/core/identity/documents')
    const res = await call(backend, 'POST', '/identity/verify', {
      token,
      body: body({ docNumber: future + residentIdCheckChar(future), smsCode: devCode }),
    })
    expect(res.body.error.fields.docNumber).toMatch(/晚于今天/)
  })

  it('accepts every document type of the contract', async () => {
    const numbers = {
      hk_macau_permit: 'H12345678',
      taiwan_permit: '12345678',
      passport: 'E12345678',
      foreigner_permanent_id: 'USA123456789012',
    }
    for (const [i, [docType, docNumber]] of Object.entries(numbers).entries()) {
      const { backend, token, devCode } = await start(`c${i}`)
      const res = await call(backend, 'POST', '/identity/verify', {
        token,
        body: body({ docType, docNumber, smsCode: devCode, name: 'John Smith' }),
      })
      expect(res.status).toBe(200)
      expect(res.body.identity.docType).toBe(docType)
    }
  })

  it('answers a wrong code with fields.smsCode; the fifth wrong code locks the phone for 10 minutes', async () => {
    const { backend, token, devCode } = await start()
    const wrong = devCode === '000000' ? '111111' : '000000'
    for (let i = 1; i <= 5; i += 1) {
      const res = await call(backend, 'POST', '/identity/verify', { token, body: body({ smsCode: wrong }) })
      expect(res.status).toBe(400)
      expect(res.body.error.fields.smsCode).toBe('验证码不正确，请核对短信后重新输入')
    }
    const locked = await call(backend, 'POST', '/identity/verify', { token, body: body({ smsCode: devCode }) })
    expect(locked.status).toBe(429)
    expect(locked.body.error.code).toBe('RATE_LIMITED')
    expect((await call(backend, 'POST', '/identity/sms', { token, body: { phone: '13800138000' } })).status).toBe(429)
    // Another phone is not locked.
    expect((await call(backend, 'POST', '/identity/sms', { token, body: { phone: '13800138009' } })).status).toBe(200)
    backend.clock.advance(10 * 60 * 1000)
    const fresh = await call(backend, 'POST', '/identity/sms', { token, body: { phone: '13800138000' } })
    expect(fresh.status).toBe(200)
    expect((await call(backend, 'POST', '/identity/verify', { token, body: body({ smsCode: fresh.body.devCode }) })).status).toBe(200)
  })

  it('keeps the phone locked just inside the 10 minutes (9 min 59 s) and frees it at 10 min', async () => {
    const { backend, token, devCode } = await start()
    const wrong = devCode === '000000' ? '111111' : '000000'
    for (let i = 1; i <= 5; i += 1)
      expect((await call(backend, 'POST', '/identity/verify', { token, body: body({ smsCode: wrong }) })).status).toBe(400)
    // API.md: "for the next 10 minutes /identity/sms and /identity/verify for that phone get 429".
    backend.clock.advance((9 * 60 + 59) * 1000)
    const sms = await call(backend, 'POST', '/identity/sms', { token, body: { phone: '13800138000' } })
    expect([sms.status, sms.body.error?.code]).toEqual([429, 'RATE_LIMITED'])
    expect(sms.headers?.['Retry-After']).toBe('1')
    // The code sent at minute 0 is still good (10 minutes), so only the lock can refuse it.
    const verify = await call(backend, 'POST', '/identity/verify', { token, body: body({ smsCode: devCode }) })
    expect([verify.status, verify.body.error?.code]).toEqual([429, 'RATE_LIMITED'])
    expect(verify.headers?.['Retry-After']).toBe('1')
    backend.clock.advance(1000)
    const fresh = await call(backend, 'POST', '/identity/sms', { token, body: { phone: '13800138000' } })
    expect(fresh.status).toBe(200)
    expect((await call(backend, 'POST', '/identity/verify', { token, body: body({ smsCode: fresh.body.devCode }) })).status).toBe(200)
  })

  it('does not accept a code sent to another account, or an expired one', async () => {
    const { backend, devCode } = await start('a')
    const other = await login(backend, 'b')
    expect((await call(backend, 'POST', '/identity/verify', { token: other.token, body: body({ smsCode: devCode }) })).status).toBe(400)

    const second = await start('c')
    second.backend.clock.advance(10 * 60 * 1000 + 1)
    const expired = await call(second.backend, 'POST', '/identity/verify', { token: second.token, body: body({ smsCode: second.devCode }) })
    expect(expired.body.error.fields.smsCode).toBe('验证码已过期，请重新获取')
  })

  it('lets one document verify one account only', async () => {
    const backend = testBackend()
    const docNumber = newResidentId(9001)
    await verifiedCitizen(backend, 'first', { docNumber })
    const { token } = await login(backend, 'second')
    const phone = newPhone(9002)
    const devCode = (await call(backend, 'POST', '/identity/sms', { token, body: { phone } })).body.devCode
    const res = await call(backend, 'POST', '/identity/verify', {
      token,
      body: body({ docNumber: docNumber.toLowerCase(), phone, smsCode: devCode }),
    })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('DOCUMENT_IN_USE')
    expect((await call(backend, 'GET', '/me', { token })).body.verified).toBe(false)
  })

  it('answers an account that is already verified with a conflict', async () => {
    const backend = testBackend()
    const { token, phone } = await verifiedCitizen(backend, 'done')
    backend.clock.advance(61_000)
    const devCode = (await call(backend, 'POST', '/identity/sms', { token, body: { phone } })).body.devCode
    const res = await call(backend, 'POST', '/identity/verify', {
      token,
      body: body({ docNumber: newResidentId(9100), phone, smsCode: devCode }),
    })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('ALREADY_VERIFIED')
  })
})

describe('GET /me/attention', () => {
  it('asks an unverified person to verify, and stops once they have', async () => {
    const backend = testBackend()
    const { token } = await login(backend, 'new')
    expect((await call(backend, 'GET', '/me/attention', { token })).body.items.map((i: { id: string }) => i.id)).toContain(
      'identity:verify',
    )
    const verified = await verifiedCitizen(backend, 'done')
    expect(
      (await call(backend, 'GET', '/me/attention', { token: verified.token })).body.items.map((i: { id: string }) => i.id),
    ).not.toContain('identity:verify')
  })
})
