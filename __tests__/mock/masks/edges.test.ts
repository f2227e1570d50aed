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

const masksItems = async (backend: Backend, token: string): Promise<AttentionItem[]> =>
  v.parse(AttentionResponseSchema, (await call(backend, 'GET', '/me/attention', { token })).body).items.filter((i) => i.service === 'masks')

const cancel = async (backend: Backend, token: string, id: string) =>
  await answer(backend, 'POST', `/masks/reservations/${id}/cancel`, { token })

describe('home page items for masks, edge by edge', () => {
  it('announces an upcoming round with its opening time and limit', async () => {
    const backend = masksBackend()
    await startRound(
      backend,
      firstComeRound({
        opensAt: T(1, '09:00'),
        closesAt: T(1, '20:00'),
        pickupFrom: T(2, '09:00'),
        pickupUntil: T(3, '20:00'),
        perPersonLimit: 3,
      }),
    )
    const { token } = await verifiedCitizen(backend, 'soon')
    expect(await masksItems(backend, token)).toEqual([
      expect.objectContaining({ title: '口罩预约即将开始', detail: '2月11日 09:00 开放，每人限 3 个', path: '/masks/pages/round/index' }),
    ])
  })

  it('tells no worker or outlet staff to join a round', async () => {
    const backend = masksBackend()
    expect(await masksItems(backend, (await login(backend, `staff:${A}`)).token)).toEqual([])
    expect(await masksItems(backend, (await login(backend, 'worker:310101002001')).token)).toEqual([])
  })

  it('counts only a live place in the current round: an old round or a cancelled one leaves the round item', async () => {
    const backend = masksBackend()
    const { token } = await verifiedCitizen(backend, 'rounds')
    const first = (await currentRound(backend)).round
    await reserve(backend, token, { roundId: first.id, outletId: A, quantity: 1 })
    const titles = async () => (await masksItems(backend, token)).map((i) => i.title)
    expect(await titles()).toEqual(['你有 1 个口罩待领取'])
    const next = (await startRound(backend, firstComeRound({ stockPerOutlet: 5 }))).round
    expect(await titles()).toEqual(['你有 1 个口罩待领取', '口罩预约进行中'])
    const mine = await reserve(backend, token, { roundId: next.id, outletId: A, quantity: 2 })
    expect(await titles()).toEqual(['你有 3 个口罩待领取'])
    expect((await cancel(backend, token, mine.id)).status).toBe(200)
    expect(await titles()).toEqual(['你有 1 个口罩待领取', '口罩预约进行中'])
  })

  it('says a lost draw until the end of the pickup window, and not a second after', async () => {
    const backend = masksBackend()
    const { round } = await startRound(backend, lotteryRound({ stockPerOutlet: 1 }))
    const winner = await verifiedCitizen(backend, 'lucky')
    const loser = await verifiedCitizen(backend, 'unlucky')
    await reserve(backend, winner.token, { roundId: round.id, outletId: A, quantity: 1 })
    await reserve(backend, loser.token, { roundId: round.id, outletId: A, quantity: 1 })
    backend.clock.set(ms(T(0, '21:00')))
    const [won] = (await drawResult(backend, round.id)).outlets.find((o) => o.outletId === A)!.winners
    const lostCode = won === (await myReservations(backend, winner.token))[0].id ? 'unlucky' : 'lucky'
    backend.clock.set(ms(T(3, '19:59')) + 59_000)
    expect((await masksItems(backend, (await login(backend, lostCode)).token)).map((i) => i.title)).toContain('抽签结果已公布')
    backend.clock.set(ms(T(3, '20:00')))
    expect((await masksItems(backend, (await login(backend, lostCode)).token)).map((i) => i.title)).not.toContain('抽签结果已公布')
  })

  it('gives each lottery entered its own item', async () => {
    const backend = masksBackend()
    const { token } = await verifiedCitizen(backend, 'two-lotteries')
    const one = (await startRound(backend, lotteryRound())).round
    await reserve(backend, token, { roundId: one.id, outletId: A, quantity: 1 })
    const two = (await startRound(backend, lotteryRound({ drawAt: T(0, '22:00') }))).round
    await reserve(backend, token, { roundId: two.id, outletId: A, quantity: 1 })
    expect((await masksItems(backend, token)).map((i) => [i.title, i.detail])).toEqual([
      ['已参加口罩抽签', '2月10日 22:00 公布抽签结果'],
      ['已参加口罩抽签', '2月10日 21:00 公布抽签结果'],
    ])
  })
})

describe('a drawn lottery, looked at again', () => {
  it('publishes the same draw on every later look, and its winners expire at pickupUntil giving the stock back', async () => {
    const backend = masksBackend()
    const { round } = await startRound(backend, lotteryRound({ stockPerOutlet: 4 }))
    const { token } = await verifiedCitizen(backend, 'winner-late')
    await reserve(backend, token, { roundId: round.id, outletId: A, quantity: 3 })
    backend.clock.set(ms(T(0, '21:00')))
    const drawn = await drawResult(backend, round.id)
    expect(drawn.outlets.find((o) => o.outletId === A)).toMatchObject({ stock: 4, winners: [expect.any(String)] })
    expect((await outlet(backend, A)).remaining).toBe(1)
    backend.clock.set(ms(T(1, '12:00')))
    expect(await drawResult(backend, round.id)).toEqual(drawn)
    backend.clock.set(ms(T(3, '20:00')))
    expect(await drawResult(backend, round.id)).toEqual(drawn)
    expect((await myReservations(backend, (await login(backend, 'winner-late')).token))[0].state).toBe('expired')
    expect((await outlet(backend, A)).remaining).toBe(4)
  })
})

describe('the list of my reservations, when many share one instant', () => {
  it('runs newest id first when createdAt ties, over ten and more, and pages through them all', async () => {
    const backend = masksBackend()
    const { round } = await startRound(backend, firstComeRound({ stockPerOutlet: 50 }))
    const { token } = await verifiedCitizen(backend, 'same-instant')
    const made: string[] = []
    for (let i = 0; i < 11; i += 1) {
      const r = await reserve(backend, token, { roundId: round.id, outletId: A, quantity: 1 })
      made.push(r.id)
      if (i < 10) expect((await cancel(backend, token, r.id)).status).toBe(200)
    }
    const newestFirst = [...made].reverse()
    expect((await myReservations(backend, token)).map((r) => r.id)).toEqual(newestFirst)
    const seen = (await walkList(backend, '/masks/reservations', token, 3)).map((r) => r.id)
    expect(seen).toEqual(newestFirst)
  })
})

describe('what a reservation shows', () => {
  it("carries its outlet's address and hours, and keeps the pickup code once picked up", async () => {
    const backend = masksBackend()
    const { round } = await startRound(backend, firstComeRound({ stockPerOutlet: 5 }))
    const { token } = await verifiedCitizen(backend, 'shown')
    const r = await reserve(backend, token, { roundId: round.id, outletId: B, quantity: 1 })
    const where = await outlet(backend, B)
    expect(r).toMatchObject({ outletName: where.name, outletAddress: where.address, outletHours: where.hours })
    backend.clock.set(ms(T(1, '10:00')))
    const staff = (await login(backend, `staff:${B}`)).token
    expect((await call(backend, 'POST', '/masks/pickups', { token: staff, body: { pickupCode: r.pickupCode } })).status).toBe(200)
    expect((await myReservations(backend, (await login(backend, 'shown')).token))[0]).toMatchObject({
      state: 'picked_up',
      pickupCode: r.pickupCode,
    })
  })

  it('names the default product when the round control leaves it out', async () => {
    const backend = masksBackend()
    expect((await startRound(backend, firstComeRound())).round.product).toBe('一次性使用医用口罩')
    expect((await startRound(backend, firstComeRound({ product: 'KN95 口罩' }))).round.product).toBe('KN95 口罩')
  })
})

describe('logins and cursors that look alike', () => {
  it('does not take a code that merely contains staff:<outlet> for outlet staff', async () => {
    const backend = masksBackend()
    expect((await login(backend, `x-staff:${A}`)).user).toMatchObject({ role: 'citizen' })
  })

  it('does not take a cursor of the nearest-first list for the list by id, or the other way round', async () => {
    const backend = masksBackend()
    const near = { lat: '31.2304', lng: '121.4737', limit: '5' }
    const byDistance = (await call(backend, 'GET', '/masks/outlets', { query: near })).body.nextCursor
    const byId = (await call(backend, 'GET', '/masks/outlets', { query: { limit: '5' } })).body.nextCursor
    expect((await call(backend, 'GET', '/masks/outlets', { query: { limit: '5', cursor: byDistance } })).status).toBe(400)
    expect((await call(backend, 'GET', '/masks/outlets', { query: { ...near, cursor: byId } })).status).toBe(400)
    expect((await call(backend, 'GET', '/masks/outlets', { query: { ...near, cursor: byDistance } })).status).toBe(200)
  })
})

describe('pickup codes from a source that repeats itself', () => {
  it('never hands out a code twice, even when the source gives the same number again', async () => {
    const tape = rewindableRandom()
    const backend = masksBackend({ random: tape.source })
    const { round } = await startRound(backend, firstComeRound({ stockPerOutlet: 5 }))
    const one = await verifiedCitizen(backend, 'repeat-1')
    const two = await verifiedCitizen(backend, 'repeat-2')
    tape.mark()
    const first = await reserve(backend, one.token, { roundId: round.id, outletId: A, quantity: 1 })
    tape.rewind()
    const second = await reserveRaw(backend, two.token, { roundId: round.id, outletId: A, quantity: 1 })
    expect(second.status).toBe(201)
    expect((second.body as { pickupCode: string }).pickupCode).not.toBe(first.pickupCode)
  })
})

describe("leaving a lottery and keeping one's list one's own", () => {
  it('takes an entry out of the draw when it is cancelled before the draw', async () => {
    const backend = masksBackend()
    const { round } = await startRound(backend, lotteryRound({ stockPerOutlet: 5 }))
    const { token } = await verifiedCitizen(backend, 'changed-mind')
    const entry = await reserve(backend, token, { roundId: round.id, outletId: A, quantity: 2 })
    const res = await cancel(backend, token, entry.id)
    expect([res.status, (res.body as { state: string }).state]).toEqual([200, 'cancelled'])
    backend.clock.set(ms(T(0, '21:00')))
    expect((await drawResult(backend, round.id)).outlets.find((o) => o.outletId === A)).toMatchObject({ entries: [], winners: [] })
  })

  it("does not take one person's cursor of their reservations from another", async () => {
    const backend = masksBackend()
    const { round } = await startRound(backend, firstComeRound({ stockPerOutlet: 5 }))
    const one = await verifiedCitizen(backend, 'cursor-owner')
    for (const outletId of [A, B]) {
      const r = await reserve(backend, one.token, { roundId: round.id, outletId, quantity: 1 })
      if (outletId === A) expect((await cancel(backend, one.token, r.id)).status).toBe(200)
    }
    const cursor = (await call(backend, 'GET', '/masks/reservations', { token: one.token, query: { limit: '1' } })).body.nextCursor
    expect(cursor).toEqual(expect.any(String))
    const other = await verifiedCitizen(backend, 'cursor-borrower')
    expect((await call(backend, 'GET', '/masks/reservations', { token: other.token, query: { limit: '1', cursor } })).status).toBe(400)
  })
})
