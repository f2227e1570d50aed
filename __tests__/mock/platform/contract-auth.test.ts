import type { MockResponse } from '@/mock/core/http'
import { call, login, testBackend, type JsonBody } from '../../helpers/backend'
import { startHttp } from '../../helpers/http'
import { firstComeRound } from '../../helpers/masks'

/** A request to exactly this path: the helpers put `/api/v1` in front of everything but `/__mock`. */
async function at(
  backend: ReturnType<typeof testBackend>,
  method: string,
  path: string,
  body?: unknown,
): Promise<MockResponse & { body: JsonBody }> {
  return (await backend.handle({
    method,
    path,
    query: {},
    headers: {},
    rawBody: body === undefined ? undefined : JSON.stringify(body),
  })) as MockResponse & {
    body: JsonBody
  }
}

const CONTROLS: [path: string, body: unknown, status: number][] = [
  ['/__mock/reset', { seed: 2 }, 200],
  ['/__mock/clock', { now: '2020-02-10T11:00:00+08:00' }, 200],
  ['/__mock/faults', {}, 200],
  ['/__mock/masks/round', firstComeRound(), 201],
  ['/__mock/jobs', { count: 1 }, 201],
]

describe('mock controls sit under /api/v1, like every path', () => {
  it.each(CONTROLS)('%s answers under /api/v1 and at the root alike', async (path, body, status) => {
    const backend = testBackend()
    expect((await at(backend, 'POST', `/api/v1${path}`, body)).status).toBe(status)
    expect((await at(backend, 'POST', path, body)).status).toBe(status)
  })

  it.each(CONTROLS)('%s is absent at both places when controls are off', async (path, body) => {
    const backend = testBackend({ controls: false })
    expect((await at(backend, 'POST', `/api/v1${path}`, body)).status).toBe(404)
    expect((await at(backend, 'POST', path, body)).status).toBe(404)
    expect(backend.isControl(`/api/v1${path}`)).toBe(false)
    expect(backend.isControl(path)).toBe(false)
  })

  it('counts both places as controls, and nothing else', () => {
    const backend = testBackend()
    for (const [path] of CONTROLS) {
      expect(backend.isControl(path)).toBe(true)
      expect(backend.isControl(`/api/v1${path}`)).toBe(true)
    }
    expect(backend.isControl('/api/v1/jobs')).toBe(false)
    expect(backend.isControl('/api/v1/__mock/nothing')).toBe(false)
  })

  it('are never faulted over HTTP, at either place', async () => {
    const backend = testBackend()
    const server = await startHttp(backend)
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${server.base}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } })
      expect((await post('/api/v1/__mock/faults', { failRate: 1 })).status).toBe(200)
      expect((await post('/api/v1/auth/login', { code: 'x' })).status).toBe(500)
      expect((await post('/api/v1/__mock/clock', { now: '2020-02-10T11:00:00+08:00' })).status).toBe(200)
      expect((await post('/__mock/clock', { now: '2020-02-10T11:00:00+08:00' })).status).toBe(200)
      expect((await post('/api/v1/__mock/faults', { dropRate: 1 })).status).toBe(200)
      expect((await post('/api/v1/__mock/reset', {})).status).toBe(200)
      expect((await post('/api/v1/auth/login', { code: 'x' })).status).toBe(200)
    } finally {
      await server.close()
    }
  })
})

/** Every call of API.md whose auth is "none" apart from login. */
// Every row has its query, empty or not: a row one short would hand jest's `done` to the test.
const PUBLIC: [path: string, query: Record<string, string>][] = [
  ['/regions', {}],
  ['/regions', { parent: '310000' }],
  ['/risk-areas', {}],
  ['/masks/rounds/current', {}],
  ['/masks/rounds/rd1/draw', {}],
  ['/masks/outlets', {}],
  ['/masks/outlets/o310101-01', {}],
  ['/jobs', {}],
  ['/jobs/j000001', {}],
]

describe('a token sent to a public call must be valid', () => {
  it.each(PUBLIC)('GET %s: none is fine, a valid one is fine, a forged, expired or logged-out one is 401', async (path, query) => {
    const backend = testBackend()
    const none = await call(backend, 'GET', path, { query })
    expect(none.status).not.toBe(401)
    const { token } = await login(backend, 'public-caller')
    expect((await call(backend, 'GET', path, { query, token })).status).toBe(none.status)

    const forged = await call(backend, 'GET', path, { query, token: 'f'.repeat(64) })
    expect([forged.status, forged.body.error.code]).toEqual([401, 'UNAUTHENTICATED'])
    expect((await call(backend, 'GET', path, { query, headers: { Authorization: 'Basic abc' } })).status).toBe(401)

    const old = (await login(backend, 'expired-caller')).token
    backend.clock.advance(24 * 3600 * 1000)
    expect((await call(backend, 'GET', path, { query, token: old })).status).toBe(401)
    const fresh = (await login(backend, 'leaving-caller')).token
    expect((await call(backend, 'POST', '/auth/logout', { token: fresh })).status).toBe(204)
    expect((await call(backend, 'GET', path, { query, token: fresh })).status).toBe(401)
  })

  it('POST /auth/login does not look at the header: a dead token is why one logs in', async () => {
    const backend = testBackend()
    const res = await call(backend, 'POST', '/auth/login', { body: { code: 'again' }, token: 'f'.repeat(64) })
    expect(res.status).toBe(200)
    expect((await call(backend, 'POST', '/auth/login', { body: { code: 'again' }, headers: { Authorization: 'nonsense' } })).status).toBe(
      200,
    )
  })

  it('POST /auth/logout takes the same token check as every other call', async () => {
    const backend = testBackend()
    expect((await call(backend, 'POST', '/auth/logout')).status).toBe(401)
    expect((await call(backend, 'POST', '/auth/logout', { token: 'f'.repeat(64) })).status).toBe(401)
    const old = (await login(backend, 'late')).token
    backend.clock.advance(24 * 3600 * 1000)
    expect((await call(backend, 'POST', '/auth/logout', { token: old })).status).toBe(401)
  })
})
