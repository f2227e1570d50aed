import type { BackendOptions } from '@/mock/backend'
import { call, login, verifiedCitizen } from '../../helpers/backend'
import { firstComeRound, masksBackend, startRound } from '../../helpers/masks'

const OUTLET = 'o310101-01'

/** The first token, SMS code and pickup code a fresh backend hands out, doing the same things. */
function firsts(options: BackendOptions = {}) {
  const b = masksBackend(options)
  const token = login(b, 'first').token
  const sms = call(b, 'POST', '/identity/sms', { token, body: { phone: '13800138000' } }).body.devCode as string
  const person = verifiedCitizen(b, 'reserver')
  const { round } = startRound(b, firstComeRound())
  const reserved = call(b, 'POST', '/masks/reservations', {
    token: person.token,
    body: { roundId: round.id, outletId: OUTLET, quantity: 1 },
  })
  expect(reserved.status).toBe(201)
  const cursor = call(b, 'GET', '/masks/outlets', { query: { limit: '1' } }).body.nextCursor as string
  return { token, sms, pickupCode: reserved.body.pickupCode as string, cursor, userId: person.user.id }
}

describe('secrets do not follow from the public seed', () => {
  it('two backends with the same seed hand out different tokens, SMS codes and pickup codes', () => {
    const a = firsts({ seed: 5 })
    const b = firsts({ seed: 5 })
    // What the seed decides is the same …
    expect(b.userId).toBe(a.userId)
    // … what must stay secret is not.
    expect(b.token).not.toBe(a.token)
    expect(b.pickupCode).not.toBe(a.pickupCode)
    expect(b.cursor).not.toBe(a.cursor)
    expect(a.token).toMatch(/^[0-9a-f]{64}$/)
    expect(a.pickupCode).toMatch(/^\d{8}$/)
    expect(a.sms).toMatch(/^\d{6}$/)
  })

  it('a pinned secret gives the same ones again, for reproducible tests', () => {
    const a = firsts({ seed: 5, secret: 'pinned-for-tests' })
    const b = firsts({ seed: 5, secret: 'pinned-for-tests' })
    expect(b).toEqual(a)
    expect(firsts({ seed: 5, secret: 'another' }).token).not.toBe(a.token)
  })

  it('takes tokens and codes from the random source it is given, not from a counter', () => {
    let calls = 0
    const zeros = (bytes: Uint8Array) => {
      calls += 1
      bytes.fill(0)
    }
    const b = masksBackend({ random: zeros })
    const before = calls
    const token = login(b, 'x').token
    expect(calls).toBeGreaterThan(before)
    expect(token).toBe('0'.repeat(64))
  })

  it('refuses a cursor signed by another backend of the same seed', () => {
    const a = masksBackend({ seed: 5 })
    const b = masksBackend({ seed: 5 })
    const cursor = call(a, 'GET', '/masks/outlets', { query: { limit: '1' } }).body.nextCursor
    expect(call(a, 'GET', '/masks/outlets', { query: { limit: '1', cursor } }).status).toBe(200)
    expect(call(b, 'GET', '/masks/outlets', { query: { limit: '1', cursor } }).status).toBe(400)
  })

  it.each([undefined, 'pinned'])('after /__mock/reset no old token works, even for one who logs in the same way (secret %p)', (secret) => {
    const b = masksBackend({ seed: 3, secret })
    const before = login(b, 'alice').token
    expect(call(b, 'POST', '/__mock/reset', { body: { seed: 3 } }).status).toBe(200)
    expect(call(b, 'GET', '/me', { token: before }).status).toBe(401)
    const after = login(b, 'bob').token
    expect(after).not.toBe(before)
    expect(call(b, 'GET', '/me', { token: before }).status).toBe(401)
  })
})
