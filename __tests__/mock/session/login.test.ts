import { call, login, testBackend } from '../../helpers/backend'

describe('POST /auth/login', () => {
  it('gives the same account for the same code and another for another code', async () => {
    const backend = testBackend()
    const a1 = await login(backend, 'alice')
    const a2 = await login(backend, 'alice')
    const b = await login(backend, 'bob')
    expect(a1.user.id).toBe(a2.user.id)
    expect(b.user.id).not.toBe(a1.user.id)
    expect(a1.token).not.toBe(a2.token)
    expect(a1.user).toEqual({ id: a1.user.id, verified: false, role: 'citizen' })
  })

  it('refuses an empty code with a field message', async () => {
    const res = await call(testBackend(), 'POST', '/auth/login', { body: { code: '' } })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.fields.code).toMatch(/登录凭证/)
  })
})
