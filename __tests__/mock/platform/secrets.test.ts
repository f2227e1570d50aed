import type { BackendOptions } from '@/mock/backend'
import { call, login, verifiedCitizen } from '../../helpers/backend'
import { firstComeRound, masksBackend, startRound } from '../../helpers/masks'

const OUTLET = 'o310101-01'

/** The first token, SMS code and pickup code a fresh backend hands out, doing the same things. */
async function firsts(options: BackendOptions = {}) {
  const b = masksBackend(options)
  const token = (await login(b, 'first')).token
  const sms = (await call(b, 'POST', '/identity/sms', { token, body: { phone: '13800138000' } })).body.devCode as string
  const person = await verifiedCitizen(b, 'reserver')
  const { round } = await startRound(b, firstComeRound())
  const reserved = await call(b, 'POST', '/masks/reservations', {
    token: person.token,
    body: { roundId: round.id, outletId: OUTLET, quantity: 1 },
  })
  expect(reserved.status).toBe(201)
  const cursor = (await call(b, 'GET', '/masks/outlets', { query: { limit: '1' } })).body.nextCursor as string
  return { token, sms, pickupCode: reserved.body.pickupCode as string, cursor, userId: person.user.id }
}

describe('secrets do not follow from the public seed', () => {
  it('two backends with the same seed hand out different tokens, SMS codes and pickup codes', async () => {
    const a = await firsts({ seed: 5 })
    const b = await firsts({ seed: 5 })
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

  it('a pinned secret gives the same ones again, for reproducible tests', async () => {
    const a = await firsts({ seed: 5, secret: 'pinned-for-tests' })
    const b = await firsts({ seed: 5, secret: 'pinned-for-tests' })
    expect(b).toEqual(a)
    expect((await firsts({ seed: 5, secret: 'another' })).token).not.toBe(a.token)
  })

  it('takes tokens and codes from the random source it is given, not from a counter', async () => {
    let calls = 0
    const zeros = (bytes: Uint8Array) => {
      calls += 1
      bytes.fill(0)
    }
    const b = masksBackend({ random: zeros })
    const before = calls
    const token = (await login(b, 'x')).token
    expect(calls).toBeGreaterThan(before)
    expect(token).toBe('0'.repeat(64))
  })

  it('refuses a cursor signed by another backend of the same seed', async () => {
    const a = masksBackend({ seed: 5 })
    const b = masksBackend({ seed: 5 })
    const cursor = (await call(a, 'GET', '/masks/outlets', { query: { limit: '1' } })).body.nextCursor
    expect((await call(a, 'GET', '/masks/outlets', { query: { limit: '1', cursor } })).status).toBe(200)
    expect((await call(b, 'GET', '/masks/outlets', { query: { limit: '1', cursor } })).status).toBe(400)
  })

  it.each([undefined, 'pinned'])(
    'after /__mock/reset no old token works, even for one who logs in the same way (secret %p)',
    async (secret) => {
      const b = masksBackend({ seed: 3, secret })
      const before = (await login(b, 'alice')).token
      expect((await call(b, 'POST', '/__mock/reset', { body: { seed: 3 } })).status).toBe(200)
      expect((await call(b, 'GET', '/me', { token: before })).status).toBe(401)
      const after = (await login(b, 'bob')).token
      expect(after).not.toBe(before)
      expect((await call(b, 'GET', '/me', { token: before })).status).toBe(401)
    },
  )
})
