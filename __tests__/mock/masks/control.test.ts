import { asAnyModule } from '@/mock/core/module'
import { masksModule } from '@/mock/masks'
import { call } from '../../helpers/backend'
import { T, answer, currentRound, firstComeRound, lotteryRound, masksBackend, outletPage, startRound } from '../../helpers/masks'

describe('POST /__mock/masks/round', () => {
  it('starts a new current round with the given times, limit and stock, and needs no token', async () => {
    const backend = masksBackend()
    const before = (await currentRound(backend)).round
    const res = await answer(backend, 'POST', '/__mock/masks/round', {
      body: firstComeRound({
        perPersonLimit: 2,
        opensAt: T(1, '08:00'),
        closesAt: T(1, '18:00'),
        pickupFrom: T(2, '09:00'),
        stockPerOutlet: 3,
      }),
    })
    expect(res.status).toBe(201)
    const { round } = await currentRound(backend)
    expect(round.id).not.toBe(before.id)
    expect(round).toMatchObject({
      perPersonLimit: 2,
      opensAt: T(1, '08:00'),
      closesAt: T(1, '18:00'),
      state: 'upcoming',
      allocation: 'first_come',
    })
    expect(round.drawSeedHash).toBeUndefined()
    expect((await outletPage(backend, { limit: '50' })).items.every((o) => o.remaining === 3)).toBe(true)
  })

  it('gives each outlet its own seeded stock when stockPerOutlet is left out', async () => {
    const backend = masksBackend()
    await startRound(backend, firstComeRound())
    const stocks = (await outletPage(backend, { limit: '50' })).items.map((o) => o.remaining)
    expect(new Set(stocks).size).toBeGreaterThan(10)
    expect(stocks.every((n) => n > 0)).toBe(true)
  })

  it.each([
    [{ allocation: 'raffle' }, 'allocation'],
    [{ perPersonLimit: 0 }, 'perPersonLimit'],
    [{ opensAt: '2020-02-10 09:00' }, 'opensAt'],
    [{ closesAt: T(0, '08:00') }, 'closesAt'],
    [{ pickupFrom: T(0, '08:00') }, 'pickupFrom'],
    [{ pickupUntil: T(0, '19:00') }, 'pickupUntil'],
    [{ stockPerOutlet: -1 }, 'stockPerOutlet'],
  ])('refuses a first-come round with %p (fields.%s)', async (patch, field) => {
    const res = await answer(masksBackend(), 'POST', '/__mock/masks/round', { body: { ...firstComeRound(), ...patch } })
    expect(res.status).toBe(400)
    expect(Object.keys(res.fields ?? {})).toEqual([field])
  })

  it.each([
    [{ drawAt: undefined }, 'drawAt'],
    [{ drawAt: T(0, '19:00') }, 'drawAt'],
    [{ pickupFrom: T(0, '20:30') }, 'pickupFrom'],
  ])('refuses a lottery with %p (fields.%s)', async (patch, field) => {
    const res = await answer(masksBackend(), 'POST', '/__mock/masks/round', { body: { ...lotteryRound(), ...patch } })
    expect(res.status).toBe(400)
    expect(Object.keys(res.fields ?? {})).toEqual([field])
  })

  it('is not served by a backend built without controls (an app shipped to people)', async () => {
    const backend = masksBackend({ controls: false, modules: [asAnyModule(masksModule)] })
    expect((await call(backend, 'POST', '/__mock/masks/round', { body: firstComeRound() })).status).toBe(404)
    expect((await currentRound(backend)).round.id).toBe('rd1')
  })
})

describe('POST /__mock/reset', () => {
  it('brings back the seeded round and stock', async () => {
    const backend = masksBackend()
    const seeded = (await outletPage(backend, {})).items
    await startRound(backend, lotteryRound({ stockPerOutlet: 1 }))
    expect((await call(backend, 'POST', '/__mock/reset', { body: { seed: 1 } })).status).toBe(200)
    expect((await currentRound(backend)).round).toMatchObject({ id: 'rd1', allocation: 'first_come', state: 'open' })
    expect((await outletPage(backend, {})).items).toEqual(seeded)
  })
})

describe('POST /__mock/masks/round: the order of its times, at each edge', () => {
  const fieldsOf = async (body: ReturnType<typeof firstComeRound>) => {
    const res = await call(masksBackend(), 'POST', '/__mock/masks/round', { body })
    return res.status === 201 ? 'started' : (res.body.error.fields as Record<string, string>)
  }

  it('closes strictly after it opens', async () => {
    expect(await fieldsOf(firstComeRound({ opensAt: T(0, '09:00'), closesAt: T(0, '09:01') }))).toBe('started')
    expect(await fieldsOf(firstComeRound({ opensAt: T(0, '09:00'), closesAt: T(0, '09:00') }))).toEqual({
      closesAt: 'closesAt 应晚于 opensAt',
    })
  })

  it('draws a lottery at its close or later', async () => {
    expect(await fieldsOf(lotteryRound({ closesAt: T(0, '20:00'), drawAt: T(0, '20:00') }))).toBe('started')
    expect(await fieldsOf(lotteryRound({ closesAt: T(0, '20:00'), drawAt: T(0, '19:59') }))).toEqual({ drawAt: 'drawAt 不应早于 closesAt' })
  })

  it('starts pickup no earlier than the opening (a lottery: than the draw), at it included', async () => {
    const message = 'pickupFrom 不应早于 opensAt（抽签轮次不应早于 drawAt）'
    expect(await fieldsOf(firstComeRound({ opensAt: T(0, '09:00'), pickupFrom: T(0, '09:00') }))).toBe('started')
    expect(await fieldsOf(firstComeRound({ opensAt: T(0, '09:00'), pickupFrom: T(0, '08:59') }))).toEqual({ pickupFrom: message })
    expect(await fieldsOf(lotteryRound({ drawAt: T(0, '21:00'), pickupFrom: T(0, '21:00') }))).toBe('started')
    expect(await fieldsOf(lotteryRound({ drawAt: T(0, '21:00'), pickupFrom: T(0, '20:59') }))).toEqual({ pickupFrom: message })
  })

  it('ends pickup strictly after both its start and the close', async () => {
    const message = 'pickupUntil 应晚于 pickupFrom 和 closesAt'
    const early = { opensAt: T(0, '09:00'), closesAt: T(0, '20:00'), pickupFrom: T(0, '10:00') }
    expect(await fieldsOf(firstComeRound({ ...early, pickupUntil: T(0, '20:01') }))).toBe('started')
    expect(await fieldsOf(firstComeRound({ ...early, pickupUntil: T(0, '20:00') }))).toEqual({ pickupUntil: message })
    // After its start but before the close: still refused.
    expect(await fieldsOf(firstComeRound({ ...early, pickupUntil: T(0, '12:00') }))).toEqual({ pickupUntil: message })
    const late = { closesAt: T(0, '20:00'), pickupFrom: T(1, '09:00') }
    expect(await fieldsOf(firstComeRound({ ...late, pickupUntil: T(1, '09:01') }))).toBe('started')
    expect(await fieldsOf(firstComeRound({ ...late, pickupUntil: T(1, '09:00') }))).toEqual({ pickupUntil: message })
  })
})
