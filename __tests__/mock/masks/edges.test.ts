import * as v from 'valibot'
import { AttentionResponseSchema, type AttentionItem } from '@/core/contract'
import type { Backend } from '@/mock/backend'
import { call, login, verifiedCitizen, walkList } from '../../helpers/backend'
import {
  T,
  answer,
  currentRound,
  drawResult,
  firstComeRound,
  lotteryRound,
  masksBackend,
  ms,
  myReservations,
  outlet,
  reserve,
  reserveRaw,
  startRound,
} from '../../helpers/masks'
import { rewindableRandom } from '../../helpers/random'

const A = 'o310101-01'
const B = 'o310104-01'

const masksItems = (backend: Backend, token: string): AttentionItem[] =>
  v.parse(AttentionResponseSchema, call(backend, 'GET', '/me/attention', { token }).body).items.filter((i) => i.service === 'masks')

const cancel = (backend: Backend, token: string, id: string) => answer(backend, 'POST', `/masks/reservations/${id}/cancel`, { token })

describe('home page items for masks, edge by edge', () => {
  it('announces an upcoming round with its opening time and limit', () => {
    const backend = masksBackend()
    startRound(
      backend,
      firstComeRound({
        opensAt: T(1, '09:00'),
        closesAt: T(1, '20:00'),
        pickupFrom: T(2, '09:00'),
        pickupUntil: T(3, '20:00'),
        perPersonLimit: 3,
      }),
    )
    const { token } = verifiedCitizen(backend, 'soon')
    expect(masksItems(backend, token)).toEqual([
      expect.objectContaining({ title: '口罩预约即将开始', detail: '2月11日 09:00 开放，每人限 3 个', path: '/masks/pages/round/index' }),
    ])
  })

  it('tells no worker or outlet staff to join a round', () => {
    const backend = masksBackend()
    expect(masksItems(backend, login(backend, `staff:${A}`).token)).toEqual([])
    expect(masksItems(backend, login(backend, 'worker:310101002001').token)).toEqual([])
  })

  it('counts only a live place in the current round: an old round or a cancelled one leaves the round item', () => {
    const backend = masksBackend()
    const { token } = verifiedCitizen(backend, 'rounds')
    const first = currentRound(backend).round
    reserve(backend, token, { roundId: first.id, outletId: A, quantity: 1 })
    const titles = () => masksItems(backend, token).map((i) => i.title)
    expect(titles()).toEqual(['你有 1 个口罩待领取'])
    const next = startRound(backend, firstComeRound({ stockPerOutlet: 5 })).round
    expect(titles()).toEqual(['你有 1 个口罩待领取', '口罩预约进行中'])
    const mine = reserve(backend, token, { roundId: next.id, outletId: A, quantity: 2 })
    expect(titles()).toEqual(['你有 3 个口罩待领取'])
    expect(cancel(backend, token, mine.id).status).toBe(200)
    expect(titles()).toEqual(['你有 1 个口罩待领取', '口罩预约进行中'])
  })

  it('says a lost draw until the end of the pickup window, and not a second after', () => {
    const backend = masksBackend()
    const { round } = startRound(backend, lotteryRound({ stockPerOutlet: 1 }))
    const winner = verifiedCitizen(backend, 'lucky')
    const loser = verifiedCitizen(backend, 'unlucky')
    reserve(backend, winner.token, { roundId: round.id, outletId: A, quantity: 1 })
    reserve(backend, loser.token, { roundId: round.id, outletId: A, quantity: 1 })
    backend.clock.set(ms(T(0, '21:00')))
    const [won] = drawResult(backend, round.id).outlets.find((o) => o.outletId === A)!.winners
    const lostCode = won === myReservations(backend, winner.token)[0].id ? 'unlucky' : 'lucky'
    backend.clock.set(ms(T(3, '19:59')) + 59_000)
    expect(masksItems(backend, login(backend, lostCode).token).map((i) => i.title)).toContain('抽签结果已公布')
    backend.clock.set(ms(T(3, '20:00')))
    expect(masksItems(backend, login(backend, lostCode).token).map((i) => i.title)).not.toContain('抽签结果已公布')
  })

  it('gives each lottery entered its own item', () => {
    const backend = masksBackend()
    const { token } = verifiedCitizen(backend, 'two-lotteries')
    const one = startRound(backend, lotteryRound()).round
    reserve(backend, token, { roundId: one.id, outletId: A, quantity: 1 })
    const two = startRound(backend, lotteryRound({ drawAt: T(0, '22:00') })).round
    reserve(backend, token, { roundId: two.id, outletId: A, quantity: 1 })
    expect(masksItems(backend, token).map((i) => [i.title, i.detail])).toEqual([
      ['已参加口罩抽签', '2月10日 22:00 公布抽签结果'],
      ['已参加口罩抽签', '2月10日 21:00 公布抽签结果'],
    ])
  })
})

describe('a drawn lottery, looked at again', () => {
  it('publishes the same draw on every later look, and its winners expire at pickupUntil giving the stock back', () => {
    const backend = masksBackend()
    const { round } = startRound(backend, lotteryRound({ stockPerOutlet: 4 }))
    const { token } = verifiedCitizen(backend, 'winner-late')
    reserve(backend, token, { roundId: round.id, outletId: A, quantity: 3 })
    backend.clock.set(ms(T(0, '21:00')))
    const drawn = drawResult(backend, round.id)
    expect(drawn.outlets.find((o) => o.outletId === A)).toMatchObject({ stock: 4, winners: [expect.any(String)] })
    expect(outlet(backend, A).remaining).toBe(1)
    backend.clock.set(ms(T(1, '12:00')))
    expect(drawResult(backend, round.id)).toEqual(drawn)
    backend.clock.set(ms(T(3, '20:00')))
    expect(drawResult(backend, round.id)).toEqual(drawn)
    expect(myReservations(backend, login(backend, 'winner-late').token)[0].state).toBe('expired')
    expect(outlet(backend, A).remaining).toBe(4)
  })
})

describe('the list of my reservations, when many share one instant', () => {
  it('runs newest id first when createdAt ties, over ten and more, and pages through them all', () => {
    const backend = masksBackend()
    const { round } = startRound(backend, firstComeRound({ stockPerOutlet: 50 }))
    const { token } = verifiedCitizen(backend, 'same-instant')
    const made: string[] = []
    for (let i = 0; i < 11; i += 1) {
      const r = reserve(backend, token, { roundId: round.id, outletId: A, quantity: 1 })
      made.push(r.id)
      if (i < 10) expect(cancel(backend, token, r.id).status).toBe(200)
    }
    const newestFirst = [...made].reverse()
    expect(myReservations(backend, token).map((r) => r.id)).toEqual(newestFirst)
    const seen = walkList(backend, '/masks/reservations', token, 3).map((r) => r.id)
    expect(seen).toEqual(newestFirst)
  })
})

describe('what a reservation shows', () => {
  it("carries its outlet's address and hours, and keeps the pickup code once picked up", () => {
    const backend = masksBackend()
    const { round } = startRound(backend, firstComeRound({ stockPerOutlet: 5 }))
    const { token } = verifiedCitizen(backend, 'shown')
    const r = reserve(backend, token, { roundId: round.id, outletId: B, quantity: 1 })
    const where = outlet(backend, B)
    expect(r).toMatchObject({ outletName: where.name, outletAddress: where.address, outletHours: where.hours })
    backend.clock.set(ms(T(1, '10:00')))
    const staff = login(backend, `staff:${B}`).token
    expect(call(backend, 'POST', '/masks/pickups', { token: staff, body: { pickupCode: r.pickupCode } }).status).toBe(200)
    expect(myReservations(backend, login(backend, 'shown').token)[0]).toMatchObject({ state: 'picked_up', pickupCode: r.pickupCode })
  })

  it('names the default product when the round control leaves it out', () => {
    const backend = masksBackend()
    expect(startRound(backend, firstComeRound()).round.product).toBe('一次性使用医用口罩')
    expect(startRound(backend, firstComeRound({ product: 'KN95 口罩' })).round.product).toBe('KN95 口罩')
  })
})

describe('logins and cursors that look alike', () => {
  it('does not take a code that merely contains staff:<outlet> for outlet staff', () => {
    const backend = masksBackend()
    expect(login(backend, `x-staff:${A}`).user).toMatchObject({ role: 'citizen' })
  })

  it('does not take a cursor of the nearest-first list for the list by id, or the other way round', () => {
    const backend = masksBackend()
    const near = { lat: '31.2304', lng: '121.4737', limit: '5' }
    const byDistance = call(backend, 'GET', '/masks/outlets', { query: near }).body.nextCursor
    const byId = call(backend, 'GET', '/masks/outlets', { query: { limit: '5' } }).body.nextCursor
    expect(call(backend, 'GET', '/masks/outlets', { query: { limit: '5', cursor: byDistance } }).status).toBe(400)
    expect(call(backend, 'GET', '/masks/outlets', { query: { ...near, cursor: byId } }).status).toBe(400)
    expect(call(backend, 'GET', '/masks/outlets', { query: { ...near, cursor: byDistance } }).status).toBe(200)
  })
})

describe('pickup codes from a source that repeats itself', () => {
  it('never hands out a code twice, even when the source gives the same number again', () => {
    const tape = rewindableRandom()
    const backend = masksBackend({ random: tape.source })
    const { round } = startRound(backend, firstComeRound({ stockPerOutlet: 5 }))
    const one = verifiedCitizen(backend, 'repeat-1')
    const two = verifiedCitizen(backend, 'repeat-2')
    tape.mark()
    const first = reserve(backend, one.token, { roundId: round.id, outletId: A, quantity: 1 })
    tape.rewind()
    const second = reserveRaw(backend, two.token, { roundId: round.id, outletId: A, quantity: 1 })
    expect(second.status).toBe(201)
    expect((second.body as { pickupCode: string }).pickupCode).not.toBe(first.pickupCode)
  })
})

describe("leaving a lottery and keeping one's list one's own", () => {
  it('takes an entry out of the draw when it is cancelled before the draw', () => {
    const backend = masksBackend()
    const { round } = startRound(backend, lotteryRound({ stockPerOutlet: 5 }))
    const { token } = verifiedCitizen(backend, 'changed-mind')
    const entry = reserve(backend, token, { roundId: round.id, outletId: A, quantity: 2 })
    const res = cancel(backend, token, entry.id)
    expect([res.status, (res.body as { state: string }).state]).toEqual([200, 'cancelled'])
    backend.clock.set(ms(T(0, '21:00')))
    expect(drawResult(backend, round.id).outlets.find((o) => o.outletId === A)).toMatchObject({ entries: [], winners: [] })
  })

  it("does not take one person's cursor of their reservations from another", () => {
    const backend = masksBackend()
    const { round } = startRound(backend, firstComeRound({ stockPerOutlet: 5 }))
    const one = verifiedCitizen(backend, 'cursor-owner')
    for (const outletId of [A, B]) {
      const r = reserve(backend, one.token, { roundId: round.id, outletId, quantity: 1 })
      if (outletId === A) expect(cancel(backend, one.token, r.id).status).toBe(200)
    }
    const cursor = call(backend, 'GET', '/masks/reservations', { token: one.token, query: { limit: '1' } }).body.nextCursor
    expect(cursor).toEqual(expect.any(String))
    const other = verifiedCitizen(backend, 'cursor-borrower')
    expect(call(backend, 'GET', '/masks/reservations', { token: other.token, query: { limit: '1', cursor } }).status).toBe(400)
  })
})
