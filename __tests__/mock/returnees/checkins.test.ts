import { SEED_EPOCH_MS } from '@/mock/core/clock'
import { call, testBackend } from '../../helpers/backend'
import { OTHER_COMMUNITY, checkin, citizen, declaredCitizen, relogin, setShanghai, worker } from '../../helpers/returnees'

const backend = testBackend()
beforeEach(() => backend.clock.set(SEED_EPOCH_MS))

const detail = async (token: string, id: string) => (await call(backend, 'GET', `/returnees/declarations/${id}`, { token })).body

describe('POST /returnees/declarations/:id/checkins', () => {
  it('records the day’s check-in for the owner: 201 checkin, and the declaration says it is done', async () => {
    const person = await declaredCitizen(backend, { arrivalAgo: 1 })
    const res = await checkin(backend, person.token, person.id, 36.6)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      declarationId: person.id,
      date: '2020-02-10',
      temperature: 36.6,
      symptoms: [],
      at: '2020-02-10T10:00:00+08:00',
      by: 'self',
      raisedFlag: false,
    })
    expect(await detail(person.token, person.id)).toMatchObject({ status: 'observing', checkedInToday: true })
  })

  it('takes one per declaration per Shanghai day (409 ALREADY_CHECKED_IN), and the next day starts at Shanghai midnight', async () => {
    const person = await declaredCitizen(backend, { arrivalAgo: 1 })
    setShanghai(backend, '2020-02-10T23:59:00')
    expect((await checkin(backend, person.token, person.id)).status).toBe(201)
    setShanghai(backend, '2020-02-10T23:59:59')
    const twice = await checkin(backend, person.token, person.id)
    expect(twice.status).toBe(409)
    expect(twice.body.error.code).toBe('ALREADY_CHECKED_IN')
    // 00:00:30 in Shanghai on 02-11 is still 02-10 in UTC: a new day all the same.
    setShanghai(backend, '2020-02-11T00:00:30')
    const next = await checkin(backend, person.token, person.id)
    expect(next.status).toBe(201)
    expect(next.body.date).toBe('2020-02-11')
    // Nor can a worker add a second one for the same day.
    expect((await checkin(backend, await worker(backend), person.id)).body.error.code).toBe('ALREADY_CHECKED_IN')
  })

  it.each([
    [37.3, [], ['checkin_fever']],
    [38.1, ['cough'], ['checkin_fever', 'checkin_symptoms']],
    [36.5, ['diarrhea'], ['checkin_symptoms']],
  ])('a check-in of %p ℃ with %j flags the declaration', async (temperature, symptoms, reasons) => {
    const person = await declaredCitizen(backend, { arrivalAgo: 3 })
    const res = await checkin(backend, person.token, person.id, temperature, symptoms)
    expect(res.status).toBe(201)
    expect(res.body.raisedFlag).toBe(true)
    const d = await detail(person.token, person.id)
    expect(d.status).toBe('flagged')
    expect(d.flagReasons).toEqual(reasons)
  })

  it('37.2 ℃ and no symptom flags nothing; a check-in on an already flagged declaration raises no new flag', async () => {
    const person = await declaredCitizen(backend, { arrivalAgo: 3 })
    expect((await checkin(backend, person.token, person.id, 37.2)).body.raisedFlag).toBe(false)
    expect((await detail(person.token, person.id)).status).toBe('observing')
    const flagged = await declaredCitizen(backend, { originRegion: '420100' })
    const res = await checkin(backend, flagged.token, flagged.id, 37.5)
    expect(res.body.raisedFlag).toBe(false)
    expect((await detail(flagged.token, flagged.id)).flagReasons).toEqual(['high_risk_origin', 'checkin_fever'])
  })

  it('lets a worker of the community record it at the door (by: worker); refuses a worker of another community and other citizens', async () => {
    const person = await declaredCitizen(backend, { arrivalAgo: 2 })
    const other = await checkin(backend, await worker(backend, OTHER_COMMUNITY), person.id)
    expect(other.status).toBe(403)
    expect(other.body.error.code).toBe('FORBIDDEN')
    const stranger = await checkin(backend, (await citizen(backend)).token, person.id)
    expect(stranger.status).toBe(403)
    expect(stranger.body.error.code).toBe('FORBIDDEN')
    const atDoor = await checkin(backend, await worker(backend), person.id, 36.8)
    expect(atDoor.status).toBe(201)
    expect(atDoor.body.by).toBe('worker')
    expect((await detail(person.token, person.id)).checkins[0]).toMatchObject({ by: 'worker', temperature: 36.8 })
  })

  it('validates the body (400 with fields) before anything is stored', async () => {
    const person = await declaredCitizen(backend, { arrivalAgo: 2 })
    const bad = await call(backend, 'POST', `/returnees/declarations/${person.id}/checkins`, {
      token: person.token,
      body: { temperature: 43, symptoms: ['x'] },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.fields['temperature']).toContain('35.0–42.0')
    expect(bad.body.error.fields['symptoms.0']).toBeTruthy()
    expect((await detail(person.token, person.id)).checkins).toEqual([])
  })

  it('refuses a check-in on a released declaration (409 DECLARATION_RELEASED) and an unknown id (404)', async () => {
    const person = await declaredCitizen(backend, { arrivalAgo: 14 })
    expect((await call(backend, 'POST', `/returnees/declarations/${person.id}/release`, { token: await worker(backend) })).status).toBe(200)
    const res = await checkin(backend, person.token, person.id)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('DECLARATION_RELEASED')
    expect((await checkin(backend, person.token, 'rd-unknown')).status).toBe(404)
  })

  it('needs a token and a verified identity', async () => {
    const person = await declaredCitizen(backend)
    expect(
      (await call(backend, 'POST', `/returnees/declarations/${person.id}/checkins`, { body: { temperature: 36.5, symptoms: [] } })).status,
    ).toBe(401)
  })
})

describe('fourteen days on the mock clock', () => {
  it('counts daysLeft down day by day and lets the worker release on the end date, not the day before', async () => {
    const person = await declaredCitizen(backend) // arrived 2020-02-10, ends 2020-02-24
    expect(await detail(person.token, person.id)).toMatchObject({ observationEndsOn: '2020-02-24', daysLeft: 14 })
    for (let day = 1; day <= 13; day += 1) {
      backend.clock.advance(24 * 3600 * 1000)
      const token = await relogin(backend, person.code)
      expect((await checkin(backend, token, person.id)).status).toBe(201)
      expect((await detail(token, person.id)).daysLeft).toBe(14 - day)
    }
    setShanghai(backend, '2020-02-23T23:59:59')
    const w = await worker(backend)
    const early = await call(backend, 'POST', `/returnees/declarations/${person.id}/release`, { token: w })
    expect(early.status).toBe(409)
    expect(early.body.error.code).toBe('OBSERVATION_NOT_OVER')
    // 2020-02-23T16:00Z is midnight in Shanghai: 02-24 there, while UTC still says 02-23.
    backend.clock.set(Date.parse('2020-02-23T16:00:00Z'))
    const released = await call(backend, 'POST', `/returnees/declarations/${person.id}/release`, { token: w })
    expect(released.status).toBe(200)
    expect(released.body).toMatchObject({ status: 'released', daysLeft: 0, releasedAt: '2020-02-24T00:00:00+08:00' })
    expect((await detail(await relogin(backend, person.code), person.id)).checkins).toHaveLength(13)
  })
})
