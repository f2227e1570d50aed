import * as v from 'valibot'
import { AttentionResponseSchema } from '@/core/contract'
import type { Backend } from '@/mock/backend'
import { dictGet } from '@/mock/core/dict'
import { call, login, verifiedCitizen } from '../../helpers/backend'
import {
  PICKUP_CODE,
  masksBackend,
  T,
  answer,
  asReservation,
  currentRound,
  firstComeRound,
  ms,
  myReservations,
  outlet,
  reserve,
  reserveRaw,
  startRound,
  uuid,
} from '../../helpers/masks'

/** A backend with a fresh first-come round of `stock` per outlet, open now (10:00). */
async function world(stock = 50, overrides = {}): Promise<{ backend: Backend; roundId: string; outletId: string; otherOutletId: string }> {
  const backend = masksBackend()
  const { round } = await startRound(backend, firstComeRound({ stockPerOutlet: stock, ...overrides }))
  return { backend, roundId: round.id, outletId: 'o310101-01', otherOutletId: 'o310115-01' }
}

describe('POST /masks/reservations: who may reserve', () => {
  // Each test builds its own world, so they pass alone, in any order.
  it('needs a token (401) and a verified identity (403 IDENTITY_REQUIRED)', async () => {
    const { backend, roundId, outletId } = await world()
    expect((await answer(backend, 'POST', '/masks/reservations', { body: { roundId, outletId, quantity: 1 } })).code).toBe(
      'UNAUTHENTICATED',
    )
    const { token } = await login(backend, 'not-verified-yet')
    const res = await reserveRaw(backend, token, { roundId, outletId, quantity: 1 })
    expect(res.status).toBe(403)
    expect(res.code).toBe('IDENTITY_REQUIRED')
    expect((await outlet(backend, outletId)).remaining).toBe(50)
  })

  it('gives a verified person a reservation with a pickup code, the window and the masked holder', async () => {
    const { backend, roundId, outletId } = await world()
    const { token, docNumber } = await verifiedCitizen(backend, 'who-1', { name: '欧阳娜娜' })
    const res = await reserveRaw(backend, token, { roundId, outletId, quantity: 5 })
    expect(res.status).toBe(201)
    const r = asReservation(res)
    expect(r).toMatchObject({
      roundId,
      outletId,
      outletName: (await outlet(backend, outletId)).name,
      quantity: 5,
      state: 'reserved',
      pickupFrom: T(1, '09:00'),
      pickupUntil: T(3, '20:00'),
      createdAt: T(0, '10:00'),
      allocation: 'first_come',
      holder: { name: '欧阳**', docNumberMasked: `${docNumber.slice(0, 3)}***********${docNumber.slice(-4)}` },
    })
    expect(r.pickupCode).toMatch(PICKUP_CODE)
    expect(r.drawAt).toBeUndefined()
    expect((await outlet(backend, outletId)).remaining).toBe(45)
  })
})

describe('quantity bounds (400)', () => {
  let backend: Backend
  let roundId: string
  let outletId: string
  let token: string
  beforeAll(async () => {
    ;({ backend, roundId, outletId } = await world(50, { perPersonLimit: 3 }))
    ;({ token } = await verifiedCitizen(backend, 'qty'))
  })

  it.each([
    [0, '预约数量至少为 1'],
    [-2, '预约数量至少为 1'],
    [1.5, '预约数量应为整数'],
    [4, '每人每轮最多预约 3 个'],
    ['2', '请填写预约数量'],
  ])('refuses quantity %p', async (quantity, message) => {
    const res = await answer(backend, 'POST', '/masks/reservations', { token, body: { roundId, outletId, quantity } })
    expect(res.status).toBe(400)
    expect(res.code).toBe('VALIDATION_FAILED')
    expect(res.fields).toEqual({ quantity: message })
  })

  it('takes exactly the limit, and nothing was taken by the refusals', async () => {
    expect((await outlet(backend, outletId)).remaining).toBe(50)
    expect((await reserve(backend, token, { roundId, outletId, quantity: 3 })).quantity).toBe(3)
    expect((await outlet(backend, outletId)).remaining).toBe(47)
  })

  it('refuses a body that is not JSON or misses fields, and unknown rounds and outlets', async () => {
    expect((await answer(backend, 'POST', '/masks/reservations', { token, raw: '{nope' })).status).toBe(400)
    expect((await answer(backend, 'POST', '/masks/reservations', { token, body: { quantity: 1 } })).fields).toMatchObject({
      roundId: '缺少预约轮次',
      outletId: '请选择领取网点',
    })
    expect((await reserveRaw(backend, token, { roundId: 'rd999', outletId, quantity: 1 })).status).toBe(404)
    expect((await reserveRaw(backend, token, { roundId, outletId: 'o999', quantity: 1 })).status).toBe(404)
  })
})

describe('only while the round is open (409)', () => {
  it('is ROUND_NOT_OPEN before opensAt and ROUND_CLOSED from closesAt, taking no stock', async () => {
    const { backend, roundId, outletId } = await world(50, { opensAt: T(0, '12:00') })
    const { token } = await verifiedCitizen(backend, 'early')
    const early = await reserveRaw(backend, token, { roundId, outletId, quantity: 1 })
    expect([early.status, early.code]).toEqual([409, 'ROUND_NOT_OPEN'])
    expect(early.message).toMatch(/2月10日 12:00/)
    backend.clock.set(ms(T(0, '12:00')))
    expect((await reserveRaw(backend, token, { roundId, outletId, quantity: 1 })).status).toBe(201)
    const { token: late } = await verifiedCitizen(backend, 'late')
    backend.clock.set(ms(T(0, '20:00')))
    const closed = await reserveRaw(backend, late, { roundId, outletId, quantity: 1 })
    expect([closed.status, closed.code]).toEqual([409, 'ROUND_CLOSED'])
    expect((await outlet(backend, outletId)).remaining).toBe(49)
  })
})

describe('the open window, to the second: opensAt ≤ t < closesAt', () => {
  it.each([
    ['a second before opensAt', '11:59:59', 409, 'ROUND_NOT_OPEN'],
    ['at opensAt', '12:00:00', 201, undefined],
    ['a second before closesAt', '19:59:59', 201, undefined],
    ['at closesAt', '20:00:00', 409, 'ROUND_CLOSED'],
  ])('%s (%s) answers %s', async (_what, hms, status, code) => {
    const { backend, roundId, outletId } = await world(50, { opensAt: T(0, '12:00'), closesAt: T(0, '20:00') })
    const { token } = await verifiedCitizen(backend, `edge-${hms}`)
    backend.clock.set(Date.parse(`2020-02-10T${hms}+08:00`))
    const answer = await reserveRaw(backend, token, { roundId, outletId, quantity: 1 })
    expect([answer.status, answer.code]).toEqual([status, code])
    expect((await outlet(backend, outletId)).remaining).toBe(status === 201 ? 49 : 50)
  })
})

describe('one live reservation per document per round (409 ALREADY_RESERVED)', () => {
  it('refuses a second one from the same account, at the same or another outlet', async () => {
    const { backend, roundId, outletId, otherOutletId } = await world()
    const { token } = await verifiedCitizen(backend, 'twice')
    await reserve(backend, token, { roundId, outletId, quantity: 1 })
    for (const target of [outletId, otherOutletId]) {
      const again = await reserveRaw(backend, token, { roundId, outletId: target, quantity: 1 })
      expect([again.status, again.code]).toEqual([409, 'ALREADY_RESERVED'])
      expect(again.message).toContain((await outlet(backend, outletId)).name)
    }
    expect((await outlet(backend, otherOutletId)).remaining).toBe(50)
  })

  it('refuses the same document from another account (the document is what counts)', async () => {
    const { backend, roundId, outletId, otherOutletId } = await world()
    const first = await verifiedCitizen(backend, 'doc-holder')
    const second = await verifiedCitizen(backend, 'second-phone')
    // The same person on a second WeChat account: API.md's one-document-one-account rule keeps
    // this from arising through /identity/verify today, so the test puts it in place directly.
    const other = dictGet(backend.db.core.accounts, second.user.id)!
    other.identity = { ...other.identity!, docNumber: first.docNumber }
    await reserve(backend, first.token, { roundId, outletId, quantity: 2 })
    const res = await reserveRaw(backend, second.token, { roundId, outletId: otherOutletId, quantity: 1 })
    expect([res.status, res.code]).toEqual([409, 'ALREADY_RESERVED'])
    expect((await outlet(backend, otherOutletId)).remaining).toBe(50)
  })

  it('lets the document reserve again after cancelling, and in another round', async () => {
    const { backend, roundId, outletId, otherOutletId } = await world()
    const { token } = await verifiedCitizen(backend, 'again')
    const r = await reserve(backend, token, { roundId, outletId, quantity: 1 })
    expect((await call(backend, 'POST', `/masks/reservations/${r.id}/cancel`, { token })).status).toBe(200)
    expect((await reserveRaw(backend, token, { roundId, outletId: otherOutletId, quantity: 1 })).status).toBe(201)
    const next = await startRound(backend, firstComeRound({ stockPerOutlet: 5 }))
    expect((await reserveRaw(backend, token, { roundId: next.round.id, outletId, quantity: 1 })).status).toBe(201)
  })

  it("still counts a picked-up reservation as the document's place", async () => {
    const { backend, roundId, outletId, otherOutletId } = await world(50, { pickupFrom: T(0, '10:00') })
    const { token } = await verifiedCitizen(backend, 'picked')
    const r = await reserve(backend, token, { roundId, outletId, quantity: 1 })
    backend.clock.set(ms(T(0, '10:30')))
    const staff = await login(backend, `staff:${outletId}`)
    expect((await call(backend, 'POST', '/masks/pickups', { token: staff.token, body: { pickupCode: r.pickupCode } })).status).toBe(200)
    expect((await reserveRaw(backend, token, { roundId, outletId: otherOutletId, quantity: 1 })).code).toBe('ALREADY_RESERVED')
  })
})

describe('first-come stock (409 SOLD_OUT)', () => {
  it('grants until the stock is gone, never below zero, and says how many are left', async () => {
    const { backend, roundId, outletId } = await world(7)
    const answers = []
    for (let i = 0; i < 5; i += 1) {
      answers.push(await reserveRaw(backend, (await verifiedCitizen(backend, `so-${i}`)).token, { roundId, outletId, quantity: 2 }))
    }
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 409, 409])
    expect(answers[3].code).toBe('SOLD_OUT')
    expect(answers[3].message).toMatch(/只剩 1 个/)
    expect((await outlet(backend, outletId)).remaining).toBe(1)
    const one = await reserveRaw(backend, (await verifiedCitizen(backend, 'so-last')).token, { roundId, outletId, quantity: 1 })
    expect(one.status).toBe(201)
    const none = await reserveRaw(backend, (await verifiedCitizen(backend, 'so-none')).token, { roundId, outletId, quantity: 1 })
    expect([none.code, none.message]).toEqual(['SOLD_OUT', '这个网点本轮的口罩已经约完了，请换一个网点'])
    expect((await outlet(backend, outletId)).remaining).toBe(0)
  })

  it('leaves a refused person free to reserve elsewhere in the same round', async () => {
    const { backend, roundId, outletId, otherOutletId } = await world(5)
    await reserve(backend, (await verifiedCitizen(backend, 'took-all')).token, { roundId, outletId, quantity: 5 })
    const { token } = await verifiedCitizen(backend, 'elsewhere')
    expect((await reserveRaw(backend, token, { roundId, outletId, quantity: 1 })).code).toBe('SOLD_OUT')
    expect((await reserveRaw(backend, token, { roundId, outletId: otherOutletId, quantity: 5 })).status).toBe(201)
  })
})

describe('Idempotency-Key', () => {
  it('answers a retry with the first answer and takes the stock once', async () => {
    const { backend, roundId, outletId } = await world(10)
    const { token } = await verifiedCitizen(backend, 'retry')
    const first = await reserveRaw(backend, token, { roundId, outletId, quantity: 2 }, uuid(1))
    const again = await reserveRaw(backend, token, { roundId, outletId, quantity: 2 }, uuid(1))
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(asReservation(again).id).toBe(asReservation(first).id)
    expect(asReservation(again).pickupCode).toBe(asReservation(first).pickupCode)
    expect((await outlet(backend, outletId)).remaining).toBe(8)
    expect(await myReservations(backend, token)).toHaveLength(1)
  })

  it('refuses the same key with another body (IDEMPOTENCY_CONFLICT) and a key that is not a UUID', async () => {
    const { backend, roundId, outletId } = await world(10)
    const { token } = await verifiedCitizen(backend, 'conflict')
    await reserveRaw(backend, token, { roundId, outletId, quantity: 2 }, uuid(2))
    const other = await reserveRaw(backend, token, { roundId, outletId, quantity: 3 }, uuid(2))
    expect([other.status, other.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT'])
    expect((await reserveRaw(backend, token, { roundId, outletId, quantity: 2 }, 'not-a-uuid')).status).toBe(400)
  })

  it('keeps a refusal too: a retry of a sold-out attempt stays sold out and takes nothing', async () => {
    const { backend, roundId, outletId } = await world(1)
    const { token } = await verifiedCitizen(backend, 'kept')
    expect((await reserveRaw(backend, token, { roundId, outletId, quantity: 2 }, uuid(3))).code).toBe('SOLD_OUT')
    expect((await reserveRaw(backend, token, { roundId, outletId, quantity: 2 }, uuid(3))).code).toBe('SOLD_OUT')
    expect((await outlet(backend, outletId)).remaining).toBe(1)
  })
})

describe('GET /masks/reservations', () => {
  it("lists only the caller's own, newest first, every state", async () => {
    const { backend, roundId, outletId, otherOutletId } = await world()
    const me = await verifiedCitizen(backend, 'lister')
    const someone = await verifiedCitizen(backend, 'someone-else')
    await reserve(backend, someone.token, { roundId, outletId, quantity: 1 })
    const a = await reserve(backend, me.token, { roundId, outletId, quantity: 1 })
    backend.clock.set(ms(T(0, '10:05')))
    await call(backend, 'POST', `/masks/reservations/${a.id}/cancel`, { token: me.token })
    backend.clock.set(ms(T(0, '10:10')))
    const b = await reserve(backend, me.token, { roundId, outletId: otherOutletId, quantity: 4 })
    const list = await myReservations(backend, me.token)
    expect(list.map((r) => [r.id, r.state])).toEqual([
      [b.id, 'reserved'],
      [a.id, 'cancelled'],
    ])
    expect(list[1].pickupCode).toBeUndefined()
    expect((await answer(backend, 'GET', '/masks/reservations')).status).toBe(401)
  })

  it('pages with a cursor', async () => {
    const { backend, outletId } = await world()
    const { token } = await verifiedCitizen(backend, 'pager')
    for (let i = 0; i < 3; i += 1) {
      const { round } = await startRound(backend, firstComeRound({ stockPerOutlet: 5 }))
      backend.clock.advance(60_000)
      await reserve(backend, token, { roundId: round.id, outletId, quantity: 1 })
    }
    const first = (await call(backend, 'GET', '/masks/reservations', { token, query: { limit: '2' } })).body as {
      items: { id: string }[]
      nextCursor: string
      total: number
    }
    expect(first.total).toBe(3)
    const second = (await call(backend, 'GET', '/masks/reservations', { token, query: { limit: '2', cursor: first.nextCursor } })).body as {
      items: { id: string }[]
      nextCursor: null
    }
    expect(second.items).toHaveLength(1)
    expect(second.nextCursor).toBeNull()
    expect(new Set([...first.items, ...second.items].map((r) => r.id)).size).toBe(3)
  })
})

describe('POST /masks/reservations/:id/cancel', () => {
  it("cancels the owner's reservation and gives its stock back", async () => {
    const { backend, roundId, outletId } = await world(10)
    const { token } = await verifiedCitizen(backend, 'canceller')
    const r = await reserve(backend, token, { roundId, outletId, quantity: 4 })
    expect((await outlet(backend, outletId)).remaining).toBe(6)
    backend.clock.set(ms(T(0, '12:00')))
    const res = await answer(backend, 'POST', `/masks/reservations/${r.id}/cancel`, { token })
    expect(res.status).toBe(200)
    expect(asReservation(res)).toMatchObject({ id: r.id, state: 'cancelled' })
    expect(asReservation(res).pickupCode).toBeUndefined()
    expect(await outlet(backend, outletId)).toMatchObject({ remaining: 10, stockUpdatedAt: T(0, '12:00') })
  })

  it('answers a repeated cancel with the same cancelled reservation and gives nothing back twice', async () => {
    const { backend, roundId, outletId } = await world(10)
    const { token } = await verifiedCitizen(backend, 'cancel-twice')
    const r = await reserve(backend, token, { roundId, outletId, quantity: 4 })
    await call(backend, 'POST', `/masks/reservations/${r.id}/cancel`, { token })
    const again = await answer(backend, 'POST', `/masks/reservations/${r.id}/cancel`, { token })
    expect([again.status, asReservation(again).state]).toEqual([200, 'cancelled'])
    expect((await outlet(backend, outletId)).remaining).toBe(10)
  })

  it('refuses someone else (403 FORBIDDEN), an unknown id (404) and no token (401)', async () => {
    const { backend, roundId, outletId } = await world(10)
    const owner = await verifiedCitizen(backend, 'owner')
    const other = await verifiedCitizen(backend, 'other')
    const r = await reserve(backend, owner.token, { roundId, outletId, quantity: 1 })
    const res = await answer(backend, 'POST', `/masks/reservations/${r.id}/cancel`, { token: other.token })
    expect([res.status, res.code]).toEqual([403, 'FORBIDDEN'])
    expect((await answer(backend, 'POST', '/masks/reservations/rs999999/cancel', { token: other.token })).status).toBe(404)
    expect((await answer(backend, 'POST', `/masks/reservations/${r.id}/cancel`)).status).toBe(401)
    expect((await myReservations(backend, owner.token))[0].state).toBe('reserved')
    expect((await outlet(backend, outletId)).remaining).toBe(9)
  })

  it('refuses a picked-up one (409 ALREADY_PICKED_UP) and an expired one (409 RESERVATION_EXPIRED)', async () => {
    const { backend, roundId, outletId } = await world(10)
    const picker = await verifiedCitizen(backend, 'picker')
    const sleeper = await verifiedCitizen(backend, 'sleeper')
    const picked = await reserve(backend, picker.token, { roundId, outletId, quantity: 1 })
    const forgotten = await reserve(backend, sleeper.token, { roundId, outletId, quantity: 2 })
    backend.clock.set(ms(T(1, '09:30')))
    const staff = await login(backend, `staff:${outletId}`)
    await call(backend, 'POST', '/masks/pickups', { token: staff.token, body: { pickupCode: picked.pickupCode } })
    const a = await answer(backend, 'POST', `/masks/reservations/${picked.id}/cancel`, { token: picker.token })
    expect([a.status, a.code]).toEqual([409, 'ALREADY_PICKED_UP'])
    backend.clock.set(ms(T(3, '20:00')))
    // Tokens live 24 h on the server's clock: a person coming back days later logs in again.
    const b = await answer(backend, 'POST', `/masks/reservations/${forgotten.id}/cancel`, {
      token: (await login(backend, 'sleeper')).token,
    })
    expect([b.status, b.code]).toEqual([409, 'RESERVATION_EXPIRED'])
  })
})

describe('expiry after pickupUntil', () => {
  it('turns an unclaimed reservation expired at pickupUntil and returns its stock, once', async () => {
    const { backend, roundId, outletId } = await world(10)
    const r = await reserve(backend, (await verifiedCitizen(backend, 'expiring')).token, { roundId, outletId, quantity: 3 })
    backend.clock.set(ms(T(3, '19:59')))
    const { token } = await login(backend, 'expiring')
    expect((await myReservations(backend, token))[0].state).toBe('reserved')
    expect((await outlet(backend, outletId)).remaining).toBe(7)
    backend.clock.set(ms(T(3, '20:00')))
    expect(await outlet(backend, outletId)).toMatchObject({ remaining: 10, stockUpdatedAt: T(3, '20:00') })
    const [mine] = await myReservations(backend, token)
    expect([mine.id, mine.state, mine.pickupCode]).toEqual([r.id, 'expired', undefined])
    backend.clock.set(ms(T(4, '09:00')))
    expect((await outlet(backend, outletId)).remaining).toBe(10)
  })
})

describe('attention for the home page', () => {
  it('tells a person with a reservation how many masks wait, and a person without one that the round is open', async () => {
    const backend = masksBackend()
    const { round } = await currentRound(backend)
    const withOne = await verifiedCitizen(backend, 'att-1')
    const without = await verifiedCitizen(backend, 'att-2')
    await reserve(backend, withOne.token, { roundId: round.id, outletId: 'o310101-01', quantity: 3 })
    const items = async (token: string) =>
      v.parse(AttentionResponseSchema, (await call(backend, 'GET', '/me/attention', { token })).body).items
    expect((await items(withOne.token)).filter((i) => i.service === 'masks')).toEqual([
      expect.objectContaining({ title: '你有 3 个口罩待领取', path: '/masks/pages/mine/index', tone: 'warning' }),
    ])
    expect((await items(without.token)).filter((i) => i.service === 'masks')).toEqual([
      expect.objectContaining({ title: '口罩预约进行中', detail: '2月10日 20:00 截止，每人限 5 个', path: '/masks/pages/round/index' }),
    ])
    backend.clock.set(ms(T(3, '20:00')))
    expect((await items((await login(backend, 'att-1')).token)).filter((i) => i.service === 'masks')).toEqual([])
  })
})
