import type { Backend } from '@/mock/backend'
import { call, verifiedCitizen } from '../../helpers/backend'
import { answer, currentRound, masksBackend, firstComeRound, outlet, outletPage, reserve, startRound, T, ms } from '../../helpers/masks'
import type { Outlet } from '@/core/contract'

/** All outlets through the paged list, in the order it gives them. */
async function allOutlets(backend: Backend, query: Record<string, string> = {}): Promise<Outlet[]> {
  const out: Outlet[] = []
  let cursor: string | null = null
  do {
    const page = await outletPage(backend, { ...query, limit: '50', ...(cursor ? { cursor } : {}) })
    out.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return out
}

/** An independent haversine, to check the server's distances. */
function haversine(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const r = (d: number) => (d * Math.PI) / 180
  const h = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lng2 - lng1) / 2) ** 2
  return 2 * 6371000 * Math.asin(Math.sqrt(h))
}

describe('the seeded round', () => {
  it('is a first-come round, open at the seed start, with its times and limit', async () => {
    const { round, serverTime } = await currentRound(masksBackend())
    expect(serverTime).toBe('2020-02-10T10:00:00+08:00')
    expect(round).toEqual({
      id: round.id,
      product: '一次性使用医用口罩',
      perPersonLimit: 5,
      allocation: 'first_come',
      opensAt: '2020-02-10T09:00:00+08:00',
      closesAt: '2020-02-10T20:00:00+08:00',
      pickupFrom: '2020-02-11T09:00:00+08:00',
      pickupUntil: '2020-02-13T20:00:00+08:00',
      state: 'open',
    })
  })

  it('follows the clock: upcoming before 09:00, closed from 20:00', async () => {
    const backend = masksBackend()
    backend.clock.set(ms(T(0, '08:59')))
    expect((await currentRound(backend)).round.state).toBe('upcoming')
    backend.clock.set(ms(T(0, '20:00')))
    expect((await currentRound(backend)).round.state).toBe('closed')
    expect((await currentRound(backend)).serverTime).toBe(T(0, '20:00'))
  })
})

describe('GET /masks/outlets', () => {
  const backend = masksBackend()
  let outlets: Awaited<ReturnType<typeof allOutlets>>
  beforeAll(async () => {
    outlets = await allOutlets(backend)
  })

  it('has at least 200 outlets over all 16 districts, inside Shanghai, with addresses and hours', () => {
    expect(outlets.length).toBeGreaterThanOrEqual(200)
    expect(new Set(outlets.map((o) => o.districtCode)).size).toBe(16)
    expect(new Set(outlets.map((o) => o.id)).size).toBe(outlets.length)
    expect(new Set(outlets.map((o) => o.name)).size).toBe(outlets.length)
    for (const o of outlets) {
      expect(o.lat).toBeGreaterThan(30.68)
      expect(o.lat).toBeLessThan(31.87)
      expect(o.lng).toBeGreaterThan(120.86)
      expect(o.lng).toBeLessThan(122.0)
      expect(o.address.startsWith(`上海市${o.district}`)).toBe(true)
      expect(o.address).toMatch(/\d+号$/)
      expect(o.hours).toMatch(/\d{2}:\d{2}–\d{2}:\d{2}|24 小时/)
      expect(o.remaining).toBeGreaterThanOrEqual(0)
      expect(Date.parse(o.stockUpdatedAt)).toBeLessThanOrEqual(ms(T(0, '10:00')))
      expect(o.distanceM).toBeUndefined()
    }
  })

  it('puts each district in its own part of the city (Chongming north of Jinshan)', () => {
    const mean = (code: string) => {
      const list = outlets.filter((o) => o.districtCode === code)
      return list.reduce((s, o) => s + o.lat, 0) / list.length
    }
    expect(mean('310151')).toBeGreaterThan(31.5)
    expect(mean('310116')).toBeLessThan(30.95)
    expect(mean('310101')).toBeGreaterThan(31.2)
    expect(mean('310101')).toBeLessThan(31.25)
  })

  it('shows some outlets already sold out at the seed start, and others with stock', () => {
    expect(outlets.some((o) => o.remaining === 0)).toBe(true)
    expect(outlets.filter((o) => o.remaining > 0).length).toBeGreaterThan(150)
  })

  it('is the same data for the same seed and other data for another seed', async () => {
    expect(await allOutlets(masksBackend({ seed: 1 }))).toEqual(outlets)
    const other = await allOutlets(masksBackend({ seed: 2 }))
    expect(other.map((o) => o.name)).not.toEqual(outlets.map((o) => o.name))
  })

  it('filters by district code or name alike, and a cursor of one works for the other', async () => {
    const byCode = await outletPage(backend, { district: '310104', limit: '5' })
    const byName = await outletPage(backend, { district: '徐汇区', limit: '5' })
    expect(byCode.items.map((o) => o.id)).toEqual(byName.items.map((o) => o.id))
    expect(byCode.items.every((o) => o.district === '徐汇区' && o.districtCode === '310104')).toBe(true)
    expect(byCode.total).toBe(outlets.filter((o) => o.districtCode === '310104').length)
    const next = await outletPage(backend, { district: '徐汇区', limit: '5', cursor: byCode.nextCursor! })
    expect(next.items[0].id).toBe((await allOutlets(backend, { district: '310104' }))[5].id)
  })

  it('gives an empty list for an unknown district', async () => {
    expect(await outletPage(backend, { district: '火星区' })).toEqual({ items: [], nextCursor: null, total: 0 })
  })

  it('sorts nearest first with distanceM when lat and lng are given, over every page', async () => {
    const here = { lat: 31.2304, lng: 121.4737 } // People's Square
    const near = await allOutlets(backend, { lat: String(here.lat), lng: String(here.lng) })
    expect(near).toHaveLength(outlets.length)
    for (let i = 0; i < near.length; i += 1) {
      const d = near[i].distanceM!
      expect(Math.abs(d - haversine(here.lat, here.lng, near[i].lat, near[i].lng))).toBeLessThanOrEqual(1)
      if (i > 0) expect(d).toBeGreaterThanOrEqual(near[i - 1].distanceM!)
    }
    expect(near[0].districtCode).toMatch(/^3101(01|06)$/)
    expect(near[near.length - 1].districtCode).toMatch(/^3101(51|16)$/)
  })

  it('combines district and location', async () => {
    const page = await outletPage(backend, { district: '崇明区', lat: '31.2304', lng: '121.4737' })
    expect(page.items.length).toBeGreaterThan(0)
    expect(page.items.every((o) => o.district === '崇明区' && o.distanceM! > 20_000)).toBe(true)
  })

  it('refuses half a location, bad numbers, a bad limit and a foreign cursor with field messages', async () => {
    expect((await answer(backend, 'GET', '/masks/outlets', { query: { lat: '31.2' } })).fields).toEqual({ lng: '经度和纬度需要同时提供' })
    expect((await answer(backend, 'GET', '/masks/outlets', { query: { lat: 'north', lng: '121' } })).fields?.lat).toBe('纬度应为数字')
    expect((await answer(backend, 'GET', '/masks/outlets', { query: { lat: '91', lng: '121' } })).fields?.lat).toMatch(/-90 到 90/)
    expect((await answer(backend, 'GET', '/masks/outlets', { query: { limit: '51' } })).status).toBe(400)
    expect((await answer(backend, 'GET', '/masks/outlets', { query: { limit: '0' } })).fields?.limit).toMatch(/1–50/)
    const cursor = (await outletPage(backend, { district: '310104', limit: '2' })).nextCursor!
    const foreign = await answer(backend, 'GET', '/masks/outlets', { query: { district: '310101', cursor } })
    expect(foreign.status).toBe(400)
    expect(foreign.fields?.cursor).toBeTruthy()
    expect((await answer(backend, 'GET', '/masks/outlets', { query: { cursor: 'abc.def' } })).code).toBe('VALIDATION_FAILED')
  })

  it('shows the stock taken by a reservation, with the time it changed, and one outlet by id', async () => {
    const b = masksBackend()
    const { round } = await currentRound(b)
    const target = (await outletPage(b, { district: '310101' })).items.find((o) => o.remaining >= 5)!
    const before = await outlet(b, target.id)
    b.clock.set(ms(T(0, '11:30')))
    const { token } = await verifiedCitizen(b, 'stock-watcher')
    await reserve(b, token, { roundId: round.id, outletId: target.id, quantity: 3 })
    const after = await outlet(b, target.id)
    expect(after.remaining).toBe(before.remaining - 3)
    expect(after.stockUpdatedAt).toBe(T(0, '11:30'))
    expect((await answer(b, 'GET', '/masks/outlets/nope')).status).toBe(404)
  })

  it("shows the new round's stock when the control starts one", async () => {
    const b = masksBackend()
    await startRound(b, firstComeRound({ stockPerOutlet: 7 }))
    expect((await allOutlets(b)).every((o) => o.remaining === 7 && o.stockUpdatedAt === T(0, '10:00'))).toBe(true)
  })

  it('needs no token for the round and the outlets', async () => {
    const b = masksBackend()
    expect((await call(b, 'GET', '/masks/outlets')).status).toBe(200)
    expect((await call(b, 'GET', '/masks/rounds/current')).status).toBe(200)
    expect((await call(b, 'GET', `/masks/outlets/${outlets[0].id}`)).status).toBe(200)
  })
})
