import { call, login, testBackend, verifiedCitizen } from '../../helpers/backend'

/** Names every plain object answers to through its prototype: as ids they must be strangers. */
const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']
const OUTLET = 'o310101-01'
const COMMUNITY = '310101002001'

/** What an untouched `Object.prototype` looks like, to check nothing was written onto it. */
function prototypeIsClean(): boolean {
  const probe = {} as Record<string, unknown>
  return Object.keys(Object.prototype).length === 0 && probe.revoked === undefined && probe.accountId === undefined
}

const backend = testBackend()
afterEach(() => expect(prototypeIsClean()).toBe(true))

describe('prototype names as what a client sends', () => {
  it.each(KEYS)('token %s is 401 everywhere, logout included, and writes nothing onto Object.prototype', async (key) => {
    const headers = { Authorization: `Bearer ${key}` }
    expect((await call(backend, 'POST', '/auth/logout', { headers })).status).toBe(401)
    expect((await call(backend, 'GET', '/me', { headers })).status).toBe(401)
    expect((await call(backend, 'GET', '/jobs', { headers })).status).toBe(401)
    expect((await call(backend, 'GET', '/jobs/j000001', { headers })).status).toBe(401)
    expect(prototypeIsClean()).toBe(true)
    // And every route still answers as before.
    const { token } = await login(backend, `after-${key}`)
    expect((await call(backend, 'GET', '/me', { token })).status).toBe(200)
    expect((await call(backend, 'GET', '/masks/rounds/current')).status).toBe(200)
  })

  it.each(KEYS)('login code %s is an ordinary new citizen, the same account the second time', async (key) => {
    const first = await call(backend, 'POST', '/auth/login', { body: { code: key } })
    expect(first.status).toBe(200)
    expect(first.body.user).toMatchObject({ role: 'citizen', verified: false })
    const again = await call(backend, 'POST', '/auth/login', { body: { code: key } })
    expect(again.body.user.id).toBe(first.body.user.id)
    expect((await call(backend, 'GET', '/me', { token: again.body.token })).body.id).toBe(first.body.user.id)
  })

  it.each(KEYS)('staff:%s is no outlet, so a citizen', async (key) => {
    const { user } = await login(backend, `staff:${key}`)
    expect(user.role).toBe('citizen')
    expect(user.outletId).toBeUndefined()
  })

  it.each(KEYS)('outlet %s is 404, in a path and in a reservation', async (key) => {
    const res = await call(backend, 'GET', `/masks/outlets/${key}`)
    expect(res.status).toBe(404)
    const { token } = await verifiedCitizen(backend, `proto-outlet-${key}`)
    const reserve = await call(backend, 'POST', '/masks/reservations', { token, body: { roundId: 'rd1', outletId: key, quantity: 1 } })
    expect(reserve.status).toBe(404)
  })

  it.each(KEYS)('round %s is 404, for its draw and for a reservation', async (key) => {
    expect((await call(backend, 'GET', `/masks/rounds/${key}/draw`)).status).toBe(404)
    const { token } = await verifiedCitizen(backend, `proto-round-${key}`)
    const reserve = await call(backend, 'POST', '/masks/reservations', { token, body: { roundId: key, outletId: OUTLET, quantity: 1 } })
    expect([reserve.status, reserve.body.error.code]).toEqual([404, 'NOT_FOUND'])
  })

  it.each(KEYS)('reservation %s is 404 to cancel, not 403', async (key) => {
    const { token } = await verifiedCitizen(backend, `proto-cancel-${key}`)
    const res = await call(backend, 'POST', `/masks/reservations/${key}/cancel`, { token })
    expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND'])
  })

  it.each(KEYS)('pickup code %s is 404 at the counter', async (key) => {
    const { token } = await login(backend, `staff:${OUTLET}`)
    const res = await call(backend, 'POST', '/masks/pickups', { token, body: { pickupCode: key } })
    expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND'])
  })

  it.each(KEYS)('declaration %s is 404 to read, check in, release and escalate', async (key) => {
    const { token } = await verifiedCitizen(backend, `proto-decl-${key}`)
    expect((await call(backend, 'GET', `/returnees/declarations/${key}`, { token })).status).toBe(404)
    const checkin = await call(backend, 'POST', `/returnees/declarations/${key}/checkins`, {
      token,
      body: { temperature: 36.5, symptoms: [] },
    })
    expect(checkin.status).toBe(404)
    const worker = (await login(backend, `worker:${COMMUNITY}`)).token
    expect((await call(backend, 'POST', `/returnees/declarations/${key}/release`, { token: worker })).status).toBe(404)
    expect(
      (await call(backend, 'POST', `/returnees/declarations/${key}/escalate`, { token: worker, body: { note: '上门核实' } })).status,
    ).toBe(404)
  })

  it.each(KEYS)('job %s is 404 to read, apply to and favorite', async (key) => {
    const { token } = await verifiedCitizen(backend, `proto-job-${key}`)
    expect((await call(backend, 'GET', `/jobs/${key}`)).status).toBe(404)
    expect((await call(backend, 'POST', `/jobs/${key}/applications`, { token, body: {} })).status).toBe(404)
    expect((await call(backend, 'PUT', `/jobs/${key}/favorite`, { token })).status).toBe(404)
    expect((await call(backend, 'DELETE', `/jobs/${key}/favorite`, { token })).status).toBe(404)
    expect((await call(backend, 'GET', '/jobs/favorites', { token })).body.total).toBe(0)
  })

  it.each(KEYS)('saved search %s is 404 to list, mark seen and delete', async (key) => {
    const { token } = await login(backend, `proto-sub-${key}`)
    expect((await call(backend, 'POST', '/jobs/subscriptions', { token, body: { q: '快递' } })).status).toBe(201)
    expect((await call(backend, 'GET', `/jobs/subscriptions/${key}/postings`, { token })).status).toBe(404)
    expect((await call(backend, 'POST', `/jobs/subscriptions/${key}/seen`, { token })).status).toBe(404)
    expect((await call(backend, 'DELETE', `/jobs/subscriptions/${key}`, { token })).status).toBe(404)
  })
})
