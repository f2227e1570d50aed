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
  it.each(KEYS)('token %s is 401 everywhere, logout included, and writes nothing onto Object.prototype', (key) => {
    const headers = { Authorization: `Bearer ${key}` }
    expect(call(backend, 'POST', '/auth/logout', { headers }).status).toBe(401)
    expect(call(backend, 'GET', '/me', { headers }).status).toBe(401)
    expect(call(backend, 'GET', '/jobs', { headers }).status).toBe(401)
    expect(call(backend, 'GET', '/jobs/j000001', { headers }).status).toBe(401)
    expect(prototypeIsClean()).toBe(true)
    // And every route still answers as before.
    const { token } = login(backend, `after-${key}`)
    expect(call(backend, 'GET', '/me', { token }).status).toBe(200)
    expect(call(backend, 'GET', '/masks/rounds/current').status).toBe(200)
  })

  it.each(KEYS)('login code %s is an ordinary new citizen, the same account the second time', (key) => {
    const first = call(backend, 'POST', '/auth/login', { body: { code: key } })
    expect(first.status).toBe(200)
    expect(first.body.user).toMatchObject({ role: 'citizen', verified: false })
    const again = call(backend, 'POST', '/auth/login', { body: { code: key } })
    expect(again.body.user.id).toBe(first.body.user.id)
    expect(call(backend, 'GET', '/me', { token: again.body.token }).body.id).toBe(first.body.user.id)
  })

  it.each(KEYS)('staff:%s is no outlet, so a citizen', (key) => {
    const { user } = login(backend, `staff:${key}`)
    expect(user.role).toBe('citizen')
    expect(user.outletId).toBeUndefined()
  })

  it.each(KEYS)('outlet %s is 404, in a path and in a reservation', (key) => {
    const res = call(backend, 'GET', `/masks/outlets/${key}`)
    expect(res.status).toBe(404)
    const { token } = verifiedCitizen(backend, `proto-outlet-${key}`)
    const reserve = call(backend, 'POST', '/masks/reservations', { token, body: { roundId: 'rd1', outletId: key, quantity: 1 } })
    expect(reserve.status).toBe(404)
  })

  it.each(KEYS)('round %s is 404, for its draw and for a reservation', (key) => {
    expect(call(backend, 'GET', `/masks/rounds/${key}/draw`).status).toBe(404)
    const { token } = verifiedCitizen(backend, `proto-round-${key}`)
    const reserve = call(backend, 'POST', '/masks/reservations', { token, body: { roundId: key, outletId: OUTLET, quantity: 1 } })
    expect([reserve.status, reserve.body.error.code]).toEqual([404, 'NOT_FOUND'])
  })

  it.each(KEYS)('reservation %s is 404 to cancel, not 403', (key) => {
    const { token } = verifiedCitizen(backend, `proto-cancel-${key}`)
    const res = call(backend, 'POST', `/masks/reservations/${key}/cancel`, { token })
    expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND'])
  })

  it.each(KEYS)('pickup code %s is 404 at the counter', (key) => {
    const { token } = login(backend, `staff:${OUTLET}`)
    const res = call(backend, 'POST', '/masks/pickups', { token, body: { pickupCode: key } })
    expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND'])
  })

  it.each(KEYS)('declaration %s is 404 to read, check in, release and escalate', (key) => {
    const { token } = verifiedCitizen(backend, `proto-decl-${key}`)
    expect(call(backend, 'GET', `/returnees/declarations/${key}`, { token }).status).toBe(404)
    const checkin = call(backend, 'POST', `/returnees/declarations/${key}/checkins`, { token, body: { temperature: 36.5, symptoms: [] } })
    expect(checkin.status).toBe(404)
    const worker = login(backend, `worker:${COMMUNITY}`).token
    expect(call(backend, 'POST', `/returnees/declarations/${key}/release`, { token: worker }).status).toBe(404)
    expect(call(backend, 'POST', `/returnees/declarations/${key}/escalate`, { token: worker, body: { note: '上门核实' } }).status).toBe(404)
  })

  it.each(KEYS)('job %s is 404 to read, apply to and favorite', (key) => {
    const { token } = verifiedCitizen(backend, `proto-job-${key}`)
    expect(call(backend, 'GET', `/jobs/${key}`).status).toBe(404)
    expect(call(backend, 'POST', `/jobs/${key}/applications`, { token, body: {} }).status).toBe(404)
    expect(call(backend, 'PUT', `/jobs/${key}/favorite`, { token }).status).toBe(404)
    expect(call(backend, 'DELETE', `/jobs/${key}/favorite`, { token }).status).toBe(404)
    expect(call(backend, 'GET', '/jobs/favorites', { token }).body.total).toBe(0)
  })

  it.each(KEYS)('saved search %s is 404 to list, mark seen and delete', (key) => {
    const { token } = login(backend, `proto-sub-${key}`)
    expect(call(backend, 'POST', '/jobs/subscriptions', { token, body: { q: '快递' } }).status).toBe(201)
    expect(call(backend, 'GET', `/jobs/subscriptions/${key}/postings`, { token }).status).toBe(404)
    expect(call(backend, 'POST', `/jobs/subscriptions/${key}/seen`, { token }).status).toBe(404)
    expect(call(backend, 'DELETE', `/jobs/subscriptions/${key}`, { token }).status).toBe(404)
  })
})
