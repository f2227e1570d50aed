import { SEED_EPOCH_MS } from '@/mock/core/clock'
import { call, testBackend, uuid } from '../../helpers/backend'
import { checkin, declaredCitizen } from '../../helpers/returnees'

const backend = testBackend()
beforeEach(() => backend.clock.set(SEED_EPOCH_MS))

describe('POST /returnees/declarations/:id/checkins honours Idempotency-Key', () => {
  it('answers a retry with the same key and body with the first answer: 201, the same check-in', async () => {
    const person = await declaredCitizen(backend, { arrivalAgo: 1 })
    const first = await checkin(backend, person.token, person.id, 36.6, [], uuid(1))
    expect(first.status).toBe(201)
    const again = await checkin(backend, person.token, person.id, 36.6, [], uuid(1))
    expect(again.status).toBe(201)
    expect(again.body).toEqual(first.body)
    const detail = (await call(backend, 'GET', `/returnees/declarations/${person.id}`, { token: person.token })).body
    expect(detail.checkins).toHaveLength(1)
  })

  it('is still one a day: another key the same day is 409 ALREADY_CHECKED_IN', async () => {
    const person = await declaredCitizen(backend, { arrivalAgo: 1 })
    expect((await checkin(backend, person.token, person.id, 36.6, [], uuid(2))).status).toBe(201)
    expect((await checkin(backend, person.token, person.id, 36.6, [], uuid(3))).body.error.code).toBe('ALREADY_CHECKED_IN')
  })

  it('answers the same key with another body 409 IDEMPOTENCY_CONFLICT', async () => {
    const person = await declaredCitizen(backend, { arrivalAgo: 1 })
    expect((await checkin(backend, person.token, person.id, 36.6, [], uuid(4))).status).toBe(201)
    expect((await checkin(backend, person.token, person.id, 36.8, [], uuid(4))).body.error.code).toBe('IDEMPOTENCY_CONFLICT')
  })

  it('refuses a key that is not a UUID with 400 fields["Idempotency-Key"], before the body', async () => {
    const person = await declaredCitizen(backend, { arrivalAgo: 1 })
    const res = await call(backend, 'POST', `/returnees/declarations/${person.id}/checkins`, {
      token: person.token,
      body: { temperature: 99 },
      headers: { 'Idempotency-Key': 'not-a-uuid' },
    })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body.error.fields)).toEqual(['Idempotency-Key'])
  })
})
