import type { Reservation } from '@/core/contract'
import type { Backend } from '@/mock/backend'
import { call, login, verifiedCitizen } from '../../helpers/backend'
import {
  PICKUP_CODE,
  T,
  answer,
  asReservation,
  firstComeRound,
  masksBackend,
  ms,
  myReservations,
  outlet,
  reserve,
  startRound,
  uuid,
} from '../../helpers/masks'

const HOME = 'o310101-01'
const AWAY = 'o310104-01'

/** A round with pickup from 11th 09:00 to 13th 20:00, a citizen's reservation at HOME, and HOME's staff. */
async function counter(): Promise<{ backend: Backend; r: Reservation; citizen: string; staff: () => Promise<string> }> {
  const backend = masksBackend()
  const { round } = await startRound(backend, firstComeRound({ stockPerOutlet: 20 }))
  const { token } = await verifiedCitizen(backend, 'pickup-citizen', { name: '李小龙' })
  const r = await reserve(backend, token, { roundId: round.id, outletId: HOME, quantity: 3 })
  // Staff log in again whenever asked: the tests move the clock by days and tokens live 24 h.
  return { backend, r, citizen: token, staff: async () => (await login(backend, `staff:${HOME}`)).token }
}

const pick = async (backend: Backend, token: string, pickupCode: unknown, key?: string) =>
  await answer(backend, 'POST', '/masks/pickups', { token, body: { pickupCode }, headers: key ? { 'Idempotency-Key': key } : {} })

describe('staff accounts', () => {
  it('logs in staff:<outletId> as verified staff of that outlet; an unknown outlet is a citizen', async () => {
    const backend = masksBackend()
    const staff = (await login(backend, `staff:${HOME}`)).user
    expect(staff).toMatchObject({ role: 'staff', outletId: HOME, verified: true })
    expect(staff.identity?.docNumberMasked).toMatch(/^310\*+\d{3}[\dX]$/)
    expect((await login(backend, 'staff:o999999-99')).user).toMatchObject({ role: 'citizen', verified: false })
    expect((await login(backend, 'staff:o999999-99')).user.outletId).toBeUndefined()
  })
})

describe('POST /masks/pickups', () => {
  it('hands over once, at its own outlet, within the window, and shows the masked holder', async () => {
    const { backend, r, staff } = await counter()
    backend.clock.set(ms(T(1, '09:00')))
    const res = await pick(backend, await staff(), r.pickupCode)
    expect(res.status).toBe(200)
    expect(asReservation(res)).toMatchObject({ id: r.id, state: 'picked_up', quantity: 3, outletId: HOME, holder: { name: '李**' } })
    expect((await myReservations(backend, (await login(backend, 'pickup-citizen')).token))[0].state).toBe('picked_up')
  })

  it('accepts the code typed with spaces', async () => {
    const { backend, r, staff } = await counter()
    backend.clock.set(ms(T(2, '12:00')))
    const spaced = `${r.pickupCode!.slice(0, 4)} ${r.pickupCode!.slice(4)}`
    expect((await pick(backend, await staff(), spaced)).status).toBe(200)
  })

  it('is for staff only (403 FORBIDDEN), and needs a token (401)', async () => {
    const { backend, r } = await counter()
    backend.clock.set(ms(T(1, '10:00')))
    expect((await pick(backend, (await login(backend, 'pickup-citizen')).token, r.pickupCode)).code).toBe('FORBIDDEN')
    expect((await answer(backend, 'POST', '/masks/pickups', { body: { pickupCode: r.pickupCode } })).status).toBe(401)
  })

  it('refuses an empty or missing code with a field message (400)', async () => {
    const { backend, staff } = await counter()
    expect((await pick(backend, await staff(), '')).fields).toEqual({ pickupCode: '请填写取件码' })
    expect((await answer(backend, 'POST', '/masks/pickups', { token: await staff(), body: {} })).fields).toEqual({
      pickupCode: '请填写取件码',
    })
  })

  it('does not know a made-up code (404)', async () => {
    const { backend, r, staff } = await counter()
    backend.clock.set(ms(T(1, '10:00')))
    const wrong = String((Number(r.pickupCode) + 1) % 100_000_000).padStart(8, '0')
    const res = await pick(backend, await staff(), wrong)
    expect([res.status, res.code]).toEqual([404, 'NOT_FOUND'])
  })

  it("refuses another outlet's code (409 WRONG_OUTLET), naming the right outlet", async () => {
    const { backend, r } = await counter()
    backend.clock.set(ms(T(1, '10:00')))
    const res = await pick(backend, (await login(backend, `staff:${AWAY}`)).token, r.pickupCode)
    expect([res.status, res.code]).toEqual([409, 'WRONG_OUTLET'])
    expect(res.message).toContain((await outlet(backend, HOME)).name)
  })

  it('refuses a used code (409 ALREADY_PICKED_UP)', async () => {
    const { backend, r, staff } = await counter()
    backend.clock.set(ms(T(1, '10:00')))
    await pick(backend, await staff(), r.pickupCode)
    const res = await pick(backend, await staff(), r.pickupCode)
    expect([res.status, res.code]).toEqual([409, 'ALREADY_PICKED_UP'])
    expect(res.message).toMatch(/2月11日 10:00/)
  })

  it('refuses before pickupFrom (409 PICKUP_NOT_STARTED) and still accepts the last minute before pickupUntil', async () => {
    const { backend, r, staff } = await counter()
    backend.clock.set(ms(T(1, '08:59')))
    const early = await pick(backend, await staff(), r.pickupCode)
    expect([early.status, early.code]).toEqual([409, 'PICKUP_NOT_STARTED'])
    expect(early.message).toMatch(/2月11日 09:00/)
    backend.clock.set(ms(T(3, '19:59')))
    expect((await pick(backend, await staff(), r.pickupCode)).status).toBe(200)
  })

  it('keeps the window pickupFrom ≤ t < pickupUntil to the second', async () => {
    const early = await counter()
    early.backend.clock.set(ms('2020-02-11T08:59:59+08:00'))
    expect((await pick(early.backend, await early.staff(), early.r.pickupCode)).code).toBe('PICKUP_NOT_STARTED')
    early.backend.clock.set(ms('2020-02-11T09:00:00+08:00'))
    expect((await pick(early.backend, await early.staff(), early.r.pickupCode)).status).toBe(200)
    const late = await counter()
    late.backend.clock.set(ms('2020-02-13T19:59:59+08:00'))
    expect((await pick(late.backend, await late.staff(), late.r.pickupCode)).status).toBe(200)
    const over = await counter()
    over.backend.clock.set(ms('2020-02-13T20:00:00+08:00'))
    expect((await pick(over.backend, await over.staff(), over.r.pickupCode)).code).toBe('RESERVATION_EXPIRED')
  })

  it('refuses an expired code (409 RESERVATION_EXPIRED) and the stock is back', async () => {
    const { backend, r, staff } = await counter()
    backend.clock.set(ms(T(3, '20:00')))
    const res = await pick(backend, await staff(), r.pickupCode)
    expect([res.status, res.code]).toEqual([409, 'RESERVATION_EXPIRED'])
    expect((await outlet(backend, HOME)).remaining).toBe(20)
  })

  it("refuses a cancelled reservation's code (409 RESERVATION_CANCELLED)", async () => {
    const { backend, r, staff, citizen } = await counter()
    await call(backend, 'POST', `/masks/reservations/${r.id}/cancel`, { token: citizen })
    backend.clock.set(ms(T(1, '10:00')))
    const res = await pick(backend, await staff(), r.pickupCode)
    expect([res.status, res.code]).toEqual([409, 'RESERVATION_CANCELLED'])
  })

  describe("when several refusals apply, the first of API.md's order answers", () => {
    it('WRONG_OUTLET before RESERVATION_CANCELLED, and before PICKUP_NOT_STARTED', async () => {
      const { backend, r, citizen } = await counter()
      const away = (await login(backend, `staff:${AWAY}`)).token
      expect((await pick(backend, away, r.pickupCode)).code).toBe('WRONG_OUTLET') // also not started
      await call(backend, 'POST', `/masks/reservations/${r.id}/cancel`, { token: citizen })
      expect((await pick(backend, away, r.pickupCode)).code).toBe('WRONG_OUTLET') // also cancelled
    })

    it('WRONG_OUTLET before RESERVATION_EXPIRED: a live code shown at another outlet after the window', async () => {
      const { backend, r, staff } = await counter()
      backend.clock.set(ms('2020-02-13T20:00:00+08:00')) // pickupUntil: the window is over
      expect((await pick(backend, (await login(backend, `staff:${AWAY}`)).token, r.pickupCode)).code).toBe('WRONG_OUTLET')
      // At its own outlet the same code is expired, so both refusals applied above.
      expect((await pick(backend, await staff(), r.pickupCode)).code).toBe('RESERVATION_EXPIRED')
      backend.clock.set(ms('2020-02-15T10:00:00+08:00'))
      expect((await pick(backend, (await login(backend, `staff:${AWAY}`)).token, r.pickupCode)).code).toBe('WRONG_OUTLET')
    })

    it('WRONG_OUTLET before ALREADY_PICKED_UP, also once the window is over', async () => {
      const { backend, r, staff } = await counter()
      backend.clock.set(ms('2020-02-11T10:00:00+08:00'))
      expect((await pick(backend, await staff(), r.pickupCode)).status).toBe(200)
      expect((await pick(backend, (await login(backend, `staff:${AWAY}`)).token, r.pickupCode)).code).toBe('WRONG_OUTLET')
      backend.clock.set(ms('2020-02-14T10:00:00+08:00'))
      expect((await pick(backend, (await login(backend, `staff:${AWAY}`)).token, r.pickupCode)).code).toBe('WRONG_OUTLET')
    })

    it('WRONG_OUTLET before RESERVATION_CANCELLED once the window is over', async () => {
      const { backend, r, citizen } = await counter()
      await call(backend, 'POST', `/masks/reservations/${r.id}/cancel`, { token: citizen })
      backend.clock.set(ms('2020-02-14T10:00:00+08:00'))
      expect((await pick(backend, (await login(backend, `staff:${AWAY}`)).token, r.pickupCode)).code).toBe('WRONG_OUTLET')
    })

    // RESERVATION_CANCELLED and ALREADY_PICKED_UP never apply together (a picked-up reservation
    // cannot be cancelled), nor RESERVATION_EXPIRED and PICKUP_NOT_STARTED (pickupFrom < pickupUntil).
    it('a picked-up reservation cannot be cancelled, so CANCELLED and ALREADY_PICKED_UP never meet', async () => {
      const { backend, r, staff } = await counter()
      backend.clock.set(ms('2020-02-11T10:00:00+08:00'))
      expect((await pick(backend, await staff(), r.pickupCode)).status).toBe(200)
      expect(
        (await answer(backend, 'POST', `/masks/reservations/${r.id}/cancel`, { token: (await login(backend, 'pickup-citizen')).token }))
          .code,
      ).toBe('ALREADY_PICKED_UP')
      expect((await pick(backend, await staff(), r.pickupCode)).code).toBe('ALREADY_PICKED_UP')
    })

    it('RESERVATION_CANCELLED before RESERVATION_EXPIRED and PICKUP_NOT_STARTED', async () => {
      const { backend, r, staff, citizen } = await counter()
      await call(backend, 'POST', `/masks/reservations/${r.id}/cancel`, { token: citizen })
      expect((await pick(backend, await staff(), r.pickupCode)).code).toBe('RESERVATION_CANCELLED') // not started yet
      backend.clock.set(ms(T(4, '10:00')))
      expect((await pick(backend, await staff(), r.pickupCode)).code).toBe('RESERVATION_CANCELLED') // window over
    })

    it('ALREADY_PICKED_UP before RESERVATION_EXPIRED', async () => {
      const { backend, r, staff } = await counter()
      backend.clock.set(ms(T(1, '10:00')))
      await pick(backend, await staff(), r.pickupCode)
      backend.clock.set(ms(T(5, '10:00')))
      expect((await pick(backend, await staff(), r.pickupCode)).code).toBe('ALREADY_PICKED_UP')
    })

    it('404 before everything: an unknown code at any outlet, any time', async () => {
      const { backend } = await counter()
      backend.clock.set(ms(T(0, '11:00')))
      expect((await pick(backend, (await login(backend, `staff:${AWAY}`)).token, '00000000')).status).toBe(404)
    })
  })

  it('answers a retried pickup with the same key with the first answer, not ALREADY_PICKED_UP', async () => {
    const { backend, r, staff } = await counter()
    backend.clock.set(ms(T(1, '10:00')))
    const token = await staff()
    expect((await pick(backend, token, r.pickupCode, uuid(7))).status).toBe(200)
    const retry = await pick(backend, token, r.pickupCode, uuid(7))
    expect([retry.status, asReservation(retry).state]).toEqual([200, 'picked_up'])
    expect((await pick(backend, token, r.pickupCode, uuid(8))).code).toBe('ALREADY_PICKED_UP')
  })
})

describe('pickup codes', () => {
  it('are 8 digits, unique over many reservations, and not sequential', async () => {
    // A pinned secret, so the spacing checked below is the same on every run (random codes land
    // within 1000 of each other once in a few hundred runs).
    const backend = masksBackend({ secret: 'pickup-codes' })
    const { round } = await startRound(backend, firstComeRound({ stockPerOutlet: 1000 }))
    const codes: string[] = []
    for (let i = 0; i < 60; i += 1) {
      const { token } = await verifiedCitizen(backend, `code-${i}`)
      codes.push((await reserve(backend, token, { roundId: round.id, outletId: HOME, quantity: 1 })).pickupCode!)
    }
    expect(codes.every((c) => PICKUP_CODE.test(c))).toBe(true)
    expect(new Set(codes).size).toBe(codes.length)
    const steps = codes.slice(1).map((c, i) => Number(c) - Number(codes[i]))
    // Consecutive codes are far apart and in no fixed step: knowing one tells nothing of the next.
    expect(new Set(steps).size).toBe(steps.length)
    expect(steps.filter((d) => Math.abs(d) < 1000).length).toBe(0)
  })

  it('do not follow from the reset seed, which is public: the same seed and requests give other codes', async () => {
    const codeFor = async (seed: number, secret?: string) => {
      const backend = masksBackend({ seed, secret })
      const { round } = await startRound(backend, firstComeRound())
      return (await reserve(backend, (await verifiedCitizen(backend, 'seeded')).token, { roundId: round.id, outletId: HOME, quantity: 1 }))
        .pickupCode
    }
    expect(await codeFor(5)).not.toBe(await codeFor(5))
    // Only a pinned secret (tests, MOCK_SECRET) repeats them.
    expect(await codeFor(5, 'pinned')).toBe(await codeFor(5, 'pinned'))
  })
})
