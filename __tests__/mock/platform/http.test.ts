import { createBackend } from '@/mock/backend'
import { MockClock, SEED_EPOCH_MS } from '@/mock/core/clock'
import { http, startHttp } from '../../helpers/http'

let server: Awaited<ReturnType<typeof startHttp>>

beforeAll(async () => {
  server = await startHttp(createBackend({ controls: true, clock: new MockClock(SEED_EPOCH_MS, { frozen: true }) }))
})
afterAll(() => server.close())
beforeEach(async () => {
  await http(server.base, 'POST', '/__mock/reset', { body: {} })
})

describe('the mock over HTTP', () => {
  it('logs in, verifies and answers /me with the same rules as the handlers', async () => {
    const login = await http(server.base, 'POST', '/auth/login', { body: { code: 'http-user' } })
    expect(login.status).toBe(200)
    const token = login.body.token
    const sms = await http(server.base, 'POST', '/identity/sms', { token, body: { phone: '13800138000' } })
    const verify = await http(server.base, 'POST', '/identity/verify', {
      token,
      body: { name: '王五', docType: 'resident_id', docNumber: '11010519491231002X', phone: '13800138000', smsCode: sms.body.devCode },
    })
    expect(verify.status).toBe(200)
    expect((await http(server.base, 'GET', '/me', { token })).body.identity.docNumberMasked).toBe('110***********002X')
    expect((await http(server.base, 'GET', '/me')).status).toBe(401)
  })

  it('answers a body over 64 KiB and a malformed one with 400, not 500', async () => {
    const big = await http(server.base, 'POST', '/auth/login', {
      raw: JSON.stringify({ code: 'x'.repeat(200 * 1024) }),
      headers: { 'Content-Type': 'application/json' },
    })
    expect(big.status).toBe(400)
    expect(big.body.error.fields.body).toMatch(/64 KiB/)
    const bad = await http(server.base, 'POST', '/auth/login', { raw: '{code:', headers: { 'Content-Type': 'application/json' } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('VALIDATION_FAILED')
  })

  it('fails, drops and slows requests when told to, but never the controls', async () => {
    await http(server.base, 'POST', '/__mock/faults', { body: { failRate: 1 } })
    const failed = await http(server.base, 'POST', '/auth/login', { body: { code: 'a' } })
    expect(failed.status).toBe(500)
    expect(failed.body.error.code).toBe('INTERNAL')
    expect((await http(server.base, 'POST', '/__mock/clock', { body: { now: '2020-02-11T10:00:00+08:00' } })).status).toBe(200)

    await http(server.base, 'POST', '/__mock/faults', { body: { dropRate: 1 } })
    await expect(http(server.base, 'POST', '/auth/login', { body: { code: 'a' } })).rejects.toThrow()

    // A slow answer is still the right answer, and it is slow: at least latencyMs (a few ms of
    // slack for timer rounding; no upper bound, a busy machine may be slower still).
    const latencyMs = 300
    await http(server.base, 'POST', '/__mock/faults', { body: { latencyMs } })
    const started = performance.now()
    const slow = await http(server.base, 'POST', '/auth/login', { body: { code: 'a' } })
    const elapsed = performance.now() - started
    expect(slow.status).toBe(200)
    expect(elapsed).toBeGreaterThanOrEqual(latencyMs - 5)
    // The controls themselves are never slowed; only their answer is checked, never their time.
    expect((await http(server.base, 'POST', '/__mock/clock', { body: { now: '2020-02-11T10:00:00+08:00' } })).status).toBe(200)

    await http(server.base, 'POST', '/__mock/reset', { body: {} })
    expect((await http(server.base, 'POST', '/auth/login', { body: { code: 'a' } })).status).toBe(200)
  })
})
