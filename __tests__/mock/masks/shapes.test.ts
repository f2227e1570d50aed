import { createHash } from 'node:crypto'
import { drawOutlet } from '@/mock/masks/draw'
import { call, verifiedCitizen } from '../../helpers/backend'
import { T, currentRound, firstComeRound, lotteryRound, masksBackend, ms, reserve, startRound } from '../../helpers/masks'

/**
 * What each answer holds, key by key: an optional field the contract leaves out (a first-come
 * round's draw, a distance nobody asked for) is absent, not present and empty. A page that checks
 * `'drawAt' in round` or renders "undefined 米" would tell the difference.
 */
const keys = (o: object) => Object.keys(o).sort()

describe('masks answers carry only the fields that apply', () => {
  it('a first-come round has no draw fields; a lottery has its time and seed hash, and its seed once drawn', async () => {
    const backend = masksBackend()
    const roundKeys = ['allocation', 'closesAt', 'id', 'opensAt', 'perPersonLimit', 'pickupFrom', 'pickupUntil', 'product', 'state']
    await startRound(backend, firstComeRound())
    expect(keys((await call(backend, 'GET', '/masks/rounds/current')).body.round)).toEqual(roundKeys)
    await startRound(backend, lotteryRound())
    expect(keys((await call(backend, 'GET', '/masks/rounds/current')).body.round)).toEqual([...roundKeys, 'drawAt', 'drawSeedHash'].sort())
    backend.clock.set(ms(T(0, '21:00')))
    expect(keys((await call(backend, 'GET', '/masks/rounds/current')).body.round)).toEqual(
      [...roundKeys, 'drawAt', 'drawSeed', 'drawSeedHash'].sort(),
    )
  })

  it('an outlet has a distance only when the caller said where they are', async () => {
    const backend = masksBackend()
    const plain = (await call(backend, 'GET', '/masks/outlets', { query: { limit: '3' } })).body.items as object[]
    for (const o of plain) expect(o).not.toHaveProperty('distanceM')
    const near = (await call(backend, 'GET', '/masks/outlets', { query: { limit: '3', lat: '31.23', lng: '121.47' } })).body.items as {
      distanceM: number
    }[]
    for (const o of near) expect(Number.isInteger(o.distanceM)).toBe(true)
    expect(keys((await call(backend, 'GET', '/masks/outlets/o310101-01')).body)).not.toContain('distanceM')
  })

  it('a first-come reservation has no draw time; a lottery entry has one', async () => {
    const backend = masksBackend()
    const person = await verifiedCitizen(backend, 'shape-1')
    const first = (await startRound(backend, firstComeRound())).round
    const r = await reserve(backend, person.token, { roundId: first.id, outletId: 'o310101-01', quantity: 1 })
    const listed = async (id: string): Promise<Record<string, unknown> | undefined> =>
      ((await call(backend, 'GET', '/masks/reservations', { token: person.token })).body.items as { id: string }[]).find((x) => x.id === id)
    const mine = await listed(r.id)
    expect(mine).toHaveProperty('id', r.id)
    expect(mine).not.toHaveProperty('drawAt')
    expect(mine?.holder).toEqual({
      name: expect.stringMatching(/^张\*+$/),
      docNumberMasked: expect.stringMatching(/^\d{3}\*{11}[\dX]{4}$/),
    })
    const lottery = (await startRound(backend, lotteryRound())).round
    const entry = await reserve(backend, person.token, { roundId: lottery.id, outletId: 'o310101-01', quantity: 1 })
    expect(await listed(entry.id)).toHaveProperty('drawAt', lottery.drawAt)
  })
})

describe('a person’s reservations across rounds', () => {
  it('are listed newest first, and the home page gives the pickup window of the one waiting', async () => {
    const backend = masksBackend()
    const person = await verifiedCitizen(backend, 'two-rounds')
    const one = (await startRound(backend, firstComeRound())).round
    const older = await reserve(backend, person.token, { roundId: one.id, outletId: 'o310101-01', quantity: 2 })
    backend.clock.advance(60_000)
    const two = (await startRound(backend, firstComeRound({ opensAt: T(0, '10:00') }))).round
    const newer = await reserve(backend, person.token, { roundId: two.id, outletId: 'o310101-01', quantity: 1 })
    const listed = (await call(backend, 'GET', '/masks/reservations', { token: person.token, query: { limit: '50' } })).body.items as {
      id: string
    }[]
    expect(listed.map((r) => r.id)).toEqual([newer.id, older.id])
    const pickup = ((await call(backend, 'GET', '/me/attention', { token: person.token })).body.items as { id: string }[]).find(
      (i) => i.id === 'masks:pickup',
    )
    expect(pickup).toEqual({
      id: 'masks:pickup',
      service: 'masks',
      title: '你有 3 个口罩待领取',
      detail: '取件码在「我的预约」，2月11日 09:00 至 2月13日 20:00 到预约网点领取',
      path: '/masks/pages/mine/index',
      tone: 'warning',
    })
    expect((await currentRound(backend)).round.id).toBe(two.id)
  })
})

describe('one outlet’s draw', () => {
  const rank = (seed: string, id: string) => createHash('sha256').update(`${seed}:${id}`).digest('hex')

  it('walks the entries by the hash of seed and id, lowest first, whatever order they came in', () => {
    const seed = 'published-seed'
    const entries = Array.from({ length: 40 }, (_, n) => ({ id: `r${n}`, quantity: 1 }))
    const expected = [...entries]
      .sort((a, b) => (rank(seed, a.id) < rank(seed, b.id) ? -1 : 1))
      .slice(0, 12)
      .map((e) => e.id)
    expect(drawOutlet(seed, entries, 12)).toEqual(expected)
    expect(drawOutlet(seed, [...entries].reverse(), 12)).toEqual(expected)
  })

  it('passes over an entry too big for what is left and goes on to smaller ones', () => {
    const seed = 's'
    const entries = [
      { id: 'a', quantity: 3 },
      { id: 'b', quantity: 2 },
      { id: 'c', quantity: 1 },
    ]
    const order = [...entries].sort((x, y) => (rank(seed, x.id) < rank(seed, y.id) ? -1 : 1))
    let left = 3
    const expected: string[] = []
    for (const e of order) {
      if (e.quantity > left) continue
      expected.push(e.id)
      left -= e.quantity
    }
    expect(drawOutlet(seed, entries, 3)).toEqual(expected)
  })
})
