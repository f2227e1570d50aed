import { call, login, testBackend } from '../../helpers/backend'

describe('the Authorization header', () => {
  it('takes exactly "Bearer <token>": any case of the word, any run of spaces before the token', async () => {
    const backend = testBackend()
    const { token } = await login(backend, 'header-owner')
    for (const header of [`Bearer ${token}`, `bearer ${token}`, `BEARER ${token}`, `Bearer   ${token}`, `Bearer\t${token}`]) {
      expect({ header, status: (await call(backend, 'GET', '/me', { headers: { Authorization: header } })).status }).toEqual({
        header,
        status: 200,
      })
    }
  })

  it('refuses anything around it with 401 UNAUTHENTICATED, on a route that needs a token and on one that takes one', async () => {
    const backend = testBackend()
    const { token } = await login(backend, 'header-owner')
    for (const header of [
      `xBearer ${token}`,
      `Bearer ${token} extra`,
      `Bearer ${token}x`,
      `Token ${token}`,
      `Bearer`,
      token,
      `Bearer${token}`,
    ]) {
      for (const path of ['/me', '/masks/outlets']) {
        const res = await call(backend, 'GET', path, { headers: { Authorization: header } })
        expect({ header, path, status: res.status, code: res.body.error?.code }).toEqual({
          header,
          path,
          status: 401,
          code: 'UNAUTHENTICATED',
        })
      }
    }
    expect((await call(backend, 'GET', '/me')).status).toBe(401)
    expect((await call(backend, 'GET', '/me')).body.error.message).toBe('请先登录')
  })
})
