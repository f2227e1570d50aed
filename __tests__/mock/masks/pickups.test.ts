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
function counter(): { backend: Backend; r: Reservation; citizen: string; staff: () => string } {
  const backend = masksBackend()
  const { round } = startRound(backend, firstComeRound({ stockPerOutlet: 20 }))
  const { token } = verifiedCitizen(backend, 'pickup-citizen', { name: '李小龙' })
  const r = reserve(backend, token, { roundId: round.id, outletId: HOME, quantity: 3 })
  // Staff log in again whenever asked: the tests move the clock by days and tokens live 24 h.
  return { backend, r, citizen: token, staff: () => login(backend, `staff:${HOME}`).token }
}

const pick = (backend: Backend, token: string, pickupCode: unknown, key?: string) =>
  answer(backend, 'POST', '/masks/pickups', { token, body: { pickupCode }, headers: key ? { 'Idempotency-Key': key } : {} })

describe('staff accounts', () => {
  it('logs in staff:<outletId> as verified staff of that outlet; an unknown outlet is a citizen', () => {
    const backend = masksBackend()
    const staff = login(backend, `staff:${HOME}`).user
    expect(staff).toMatchObject({ role: 'staff', outletId: HOME, verified: true })
    expect(staff.identity?.docNumberMasked).toMatch(/^310\*+\d{3}[\dX]$/)
    expect(login(backend, 'staff:o999999-99').user).toMatchObject({ role: 'citizen', verified: false })
    expect(login(backend, 'staff:o999999-99').user.outletId).toBeUndefined()
  })
})

describe('POST /masks/pickups', () => {
  it('hands over once, at its own outlet, within the window, and shows the masked holder', () => {
    const { backend, r, staff } = counter()
    backend.clock.set(ms(T(1, '09:00')))
    const res = pick(backend, staff(), r.pickupCode)
    expect(res.status).toBe(200)
    expect(asReservation(res)).toMatchObject({ id: r.id, state: 'picked_up', quantity: 3, outletId: HOME, holder: { name: '李**' } })
    expect(myReservations(backend, login(backend, 'pickup-citizen').token)[0].state).toBe('picked_up')
  })

  it('accepts the code typed with spaces', () => {
    const { backend, r, staff } = counter()
    backend.clock.set(ms(T(2, '12:00')))
    const spaced = `${r.pickupCode!.slice(0, 4)} ${r.pickupCode!.slice(4)}`
    expect(pick(backend, staff(), spaced).status).toBe(200)
  })

  it('is for staff only (403 FORBIDDEN), and needs a token (401)', () => {
    const { backend, r } = counter()
    backend.clock.set(ms(T(1, '10:00')))
    expect(pick(backend, login(backend, 'pickup-citizen').token, r.pickupCode).code).toBe('FORBIDDEN')
    expect(answer(backend, 'POST', '/masks/pickups', { body: { pickupCode: r.pickupCode } }).status).toBe(401)
  })

  it('refuses an empty or missing code with a field message (400)', () => {
    const { backend, staff } = counter()
    expect(pick(backend, staff(), '').fields).toEqual({ pickupCode: '请填写取件码' })
    expect(answer(backend, 'POST', '/masks/pickups', { token: staff(), body: {} }).fields).toEqual({ pickupCode: '请填写取件码' })
  })

  it('does not know a made-up code (404)', () => {
    const { backend, r, staff } = counter()
    backend.clock.set(ms(T(1, '10:00')))
    const wrong = String((Number(r.pickupCode) + 1) % 100_000_000).padStart(8, '0')
    const res = pick(backend, staff(), wrong)
    expect([res.status, res.code]).toEqual([404, 'NOT_FOUND'])
  })

  it("refuses another outlet's code (409 WRONG_OUTLET), naming the right outlet", () => {
    const { backend, r } = counter()
    backend.clock.set(ms(T(1, '10:00')))
    const res = pick(backend, login(backend, `staff:${AWAY}`).token, r.pickupCode)
    expect([res.status, res.code]).toEqual([409, 'WRONG_OUTLET'])
    expect(res.message).toContain(outlet(backend, HOME).name)
  })

  it('refuses a used code (409 ALREADY_PICKED_UP)', () => {
    const { backend, r, staff } = counter()
    backend.clock.set(ms(T(1, '10:00')))
    pick(backend, staff(), r.pickupCode)
    const res = pick(backend, staff(), r.pickupCode)
    expect([res.status, res.code]).toEqual([409, 'ALREADY_PICKED_UP'])
    expect(res.message).toMatch(/2月11日 10:00/)
  })

  it('refuses before pickupFrom (409 PICKUP_NOT_STARTED) and still accepts the last minute before pickupUntil', () => {
    const { backend, r, staff } = counter()
    backend.clock.set(ms(T(1, '08:59')))
    const early = pick(backend, staff(), r.pickupCode)
    expect([early.status, early.code]).toEqual([409, 'PICKUP_NOT_STARTED'])
    expect(early.message).toMatch(/2月11日 09:00/)
    backend.clock.set(ms(T(3, '19:59')))
    expect(pick(backend, staff(), r.pickupCode).status).toBe(200)
  })

  it('keeps the window pickupFrom ≤ t < pickupUntil to the second', () => {
    const early = counter()
    early.backend.clock.set(ms('2020-02-11T08:59:59+08:00'))
    expect(pick(early.backend, early.staff(), early.r.pickupCode).code).toBe('PICKUP_NOT_STARTED')
    early.backend.clock.set(ms('2020-02-11T09:00:00+08:00'))
    expect(pick(early.backend, early.staff(), early.r.pickupCode).status).toBe(200)
    const late = counter()
    late.backend.clock.set(ms('2020-02-13T19:59:59+08:00'))
    expect(pick(late.backend, late.staff(), late.r.pickupCode).status).toBe(200)
    const over = counter()
    over.backend.clock.set(ms('2020-02-13T20:00:00+08:00'))
    expect(pick(over.backend, over.staff(), over.r.pickupCode).code).toBe('RESERVATION_EXPIRED')
  })

  it('refuses an expired code (409 RESERVATION_EXPIRED) and the stock is back', () => {
    const { backend, r, staff } = counter()
    backend.clock.set(ms(T(3, '20:00')))
    const res = pick(backend, staff(), r.pickupCode)
    expect([res.status, res.code]).toEqual([409, 'RESERVATION_EXPIRED'])
    expect(outlet(backend, HOME).remaining).toBe(20)
  })

  it("refuses a cancelled reservation's code (409 RESERVATION_CANCELLED)", () => {
    const { backend, r, staff, citizen } = counter()
    call(backend, 'POST', `/masks/reservations/${r.id}/cancel`, { token: citizen })
    backend.clock.set(ms(T(1, '10:00')))
    const res = pick(backend, staff(), r.pickupCode)
    expect([res.status, res.code]).toEqual([409, 'RESERVATION_CANCELLED'])
  })

  describe("when several refusals apply, the first of API.md's order answers", () => {
    it('WRONG_OUTLET before RESERVATION_CANCELLED, and before PICKUP_NOT_STARTED', () => {
      const { backend, r, citizen } = counter()
      const away = login(backend, `staff:${AWAY}`).token
      expect(pick(backend, away, r.pickupCode).code).toBe('WRONG_OUTLET') // also not started
      call(backend, 'POST', `/masks/reservations/${r.id}/cancel`, { token: citizen })
      expect(pick(backend, away, r.pickupCode).code).toBe('WRONG_OUTLET') // also cancelled
    })

    it('WRONG_OUTLET before RESERVATION_EXPIRED: a live code shown at another outlet after the window', () => {
      const { backend, r, staff } = counter()
      backend.clock.set(ms('2020-02-13T20:00:00+08:00')) // pickupUntil: the window is over
      expect(pick(backend, login(backend, `staff:${AWAY}`).token, r.pickupCode).code).toBe('WRONG_OUTLET')
      // At its own outlet the same code is expired, so both refusals applied above.
      expect(pick(backend, staff(), r.pickupCode).code).toBe('RESERVATION_EXPIRED')
      backend.clock.set(ms('2020-02-15T10:00:00+08:00'))
      expect(pick(backend, login(backend, `staff:${AWAY}`).token, r.pickupCode).code).toBe('WRONG_OUTLET')
    })

    it('WRONG_OUTLET before ALREADY_PICKED_UP, also once the window is over', () => {
      const { backend, r, staff } = counter()
      backend.clock.set(ms('2020-02-11T10:00:00+08:00'))
      expect(pick(backend, staff(), r.pickupCode).status).toBe(200)
      expect(pick(backend, login(backend, `staff:${AWAY}`).token, r.pickupCode).code).toBe('WRONG_OUTLET')
      backend.clock.set(ms('2020-02-14T10:00:00+08:00'))
      expect(pick(backend, login(backend, `staff:${AWAY}`).token, r.pickupCode).code).toBe('WRONG_OUTLET')
    })

    it('WRONG_OUTLET before RESERVATION_CANCELLED once the window is over', () => {
      const { backend, r, citizen } = counter()
      call(backend, 'POST', `/masks/reservations/${r.id}/cancel`, { token: citizen })
      backend.clock.set(ms('2020-02-14T10:00:00+08:00'))
      expect(pick(backend, login(backend, `staff:${AWAY}`).token, r.pickupCode).code).toBe('WRONG_OUTLET')
    })

    // RESERVATION_CANCELLED and ALREADY_PICKED_UP never apply together (a picked-up reservation
    // cannot be cancelled), nor RESERVATION_EXPIRED and PICKUP_NOT_STARTED (pickupFrom < pickupUntil).
    it('a picked-up reservation cannot be cancelled, so CANCELLED and ALREADY_PICKED_UP never meet', () => {
      const { backend, r, staff } = counter()
      backend.clock.set(ms('2020-02-11T10:00:00+08:00'))
      expect(pick(backend, staff(), r.pickupCode).status).toBe(200)
      expect(answer(backend, 'POST', `/masks/reservations/${r.id}/cancel`, { token: login(backend, 'pickup-citizen').token }).code).toBe(
        'ALREADY_PICKED_UP',
      )
      expect(pick(backend, staff(), r.pickupCode).code).toBe('ALREADY_PICKED_UP')
    })

    it('RESERVATION_CANCELLED before RESERVATION_EXPIRED and PICKUP_NOT_STARTED', () => {
      const { backend, r, staff, citizen } = counter()
      call(backend, 'POST', `/masks/reservations/${r.id}/cancel`, { token: citizen })
      expect(pick(backend, staff(), r.pickupCode).code).toBe('RESERVATION_CANCELLED') // not started yet
      backend.clock.set(ms(T(4, '10:00')))
      expect(pick(backend, staff(), r.pickupCode).code).toBe('RESERVATION_CANCELLED') // window over
    })

    it('ALREADY_PICKED_UP before RESERVATION_EXPIRED', () => {
      const { backend, r, staff } = counter()
      backend.clock.set(ms(T(1, '10:00')))
      pick(backend, staff(), r.pickupCode)
      backend.clock.set(ms(T(5, '10:00')))
      expect(pick(backend, staff(), r.pickupCode).code).toBe('ALREADY_PICKED_UP')
    })

    it('404 before everything: an unknown code at any outlet, any time', () => {
      const { backend } = counter()
      backend.clock.set(ms(T(0, '11:00')))
      expect(pick(backend, login(backend, `staff:${AWAY}`).token, '00000000').status).toBe(404)
    })
  })

  it('answers a retried pickup with the same key with the first answer, not ALREADY_PICKED_UP', () => {
    const { backend, r, staff } = counter()
    backend.clock.set(ms(T(1, '10:00')))
    const token = staff()
    expect(pick(backend, token, r.pickupCode, uuid(7)).status).toBe(200)
    const retry = pick(backend, token, r.pickupCode, uuid(7))
    expect([retry.status, asReservation(retry).state]).toEqual([200, 'picked_up'])
    expect(pick(backend, token, r.pickupCode, uuid(8)).code).toBe('ALREADY_PICKED_UP')
  })
})

describe('pickup codes', () => {
  it('are 8 digits, unique over many reservations, and not sequential', () => {
    // A pinned secret, so the spacing checked below is the same on every run (random codes land
    // within 1000 of each other once in a few hundred runs).
    const backend = masksBackend({ secret: 'pickup-codes' })
    const { round } = startRound(backend, firstComeRound({ stockPerOutlet: 1000 }))
    const codes: string[] = []
    for (let i = 0; i < 60; i += 1) {
      const { token } = verifiedCitizen(backend, `code-${i}`)
      codes.push(reserve(backend, token, { roundId: round.id, outletId: HOME, quantity: 1 }).pickupCode!)
    }
    expect(codes.every((c) => PICKUP_CODE.test(c))).toBe(true)
    expect(new Set(codes).size).toBe(codes.length)
    const steps = codes.slice(1).map((c, i) => Number(c) - Number(codes[i]))
    // Consecutive codes are far apart and in no fixed step: knowing one tells nothing of the next.
    expect(new Set(steps).size).toBe(steps.length)
    expect(steps.filter((d) => Math.abs(d) < 1000).length).toBe(0)
  })

  it('do not follow from the reset seed, which is public: the same seed and requests give other codes', () => {
    const codeFor = (seed: number, secret?: string) => {
      const backend = masksBackend({ seed, secret })
      const { round } = startRound(backend, firstComeRound())
      return reserve(backend, verifiedCitizen(backend, 'seeded').token, { roundId: round.id, outletId: HOME, quantity: 1 }).pickupCode
    }
    expect(codeFor(5)).not.toBe(codeFor(5))
    // Only a pinned secret (tests, MOCK_SECRET) repeats them.
    expect(codeFor(5, 'pinned')).toBe(codeFor(5, 'pinned'))
  })
})
