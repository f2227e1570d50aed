import { createHash } from 'node:crypto'
import * as v from 'valibot'
import { AttentionResponseSchema, type DrawResult } from '@/core/contract'
import type { Backend } from '@/mock/backend'
import { drawOutlet } from '@/mock/masks/draw'
import { call, login, verifiedCitizen } from '../../helpers/backend'
import {
  PICKUP_CODE,
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

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/**
 * The published rule, written again from API.md's words with Node's own SHA-256, so the test
 * checks the server against the rule rather than against its own code.
 */
function rerun(result: DrawResult): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const o of result.outlets) {
    const ranked = o.entries
      .map((id, i) => ({ id, quantity: o.quantities[i], rank: sha256(`${result.drawSeed}:${id}`) }))
      .sort((a, b) => a.rank.localeCompare(b.rank))
    let left = o.stock
    const winners: string[] = []
    for (const e of ranked) {
      if (e.quantity <= left) {
        winners.push(e.id)
        left -= e.quantity
      }
    }
    out.set(o.outletId, winners)
  }
  return out
}

/** Stock per outlet in the mixed draw; with seed 1 it makes the walk pass over a too-big entry. */
const STOCK = 6
const A = 'o310101-01'
const B = 'o310107-02'

interface Entrant {
  code: string
  token: string
  id: string
  outletId: string
  quantity: number
}

/** `people` verified citizens enter a lottery round (stock per outlet given) in the order listed. */
async function lottery(
  backend: Backend,
  stock: number,
  people: { code: string; outletId: string; quantity: number }[],
  between = 0,
): Promise<{ roundId: string; entrants: Entrant[] }> {
  const { round } = await startRound(backend, lotteryRound({ stockPerOutlet: stock }))
  const tokens: string[] = []
  for (const p of people) tokens.push((await verifiedCitizen(backend, p.code)).token)
  const entrants: Entrant[] = []
  for (const [i, p] of people.entries()) {
    backend.clock.advance(between)
    const r = await reserve(backend, tokens[i], { roundId: round.id, outletId: p.outletId, quantity: p.quantity })
    entrants.push({ ...p, token: tokens[i], id: r.id })
  }
  return { roundId: round.id, entrants }
}

const mixed = (prefix: string) =>
  Array.from({ length: 16 }, (_, i) => ({ code: `${prefix}-${i}`, outletId: i % 2 ? A : B, quantity: (i % 5) + 1 }))

describe('a lottery round before its draw', () => {
  it('publishes the hash of its seed from the start, and keeps the seed back', async () => {
    const backend = masksBackend()
    const started = (await startRound(backend, lotteryRound())).round
    expect(started).toMatchObject({ allocation: 'lottery', state: 'open', drawAt: T(0, '21:00') })
    expect(started.drawSeedHash).toMatch(/^[0-9a-f]{64}$/)
    expect(started.drawSeed).toBeUndefined()
    expect((await currentRound(backend)).round).toEqual(started)
  })

  it('takes entries whatever the stock: each is `entered`, with no code and the draw time', async () => {
    const backend = masksBackend()
    const { roundId, entrants } = await lottery(
      backend,
      2,
      Array.from({ length: 6 }, (_, i) => ({ code: `over-${i}`, outletId: A, quantity: 2 })),
    )
    for (const e of entrants) {
      const [mine] = await myReservations(backend, e.token)
      expect(mine).toMatchObject({ roundId, state: 'entered', drawAt: T(0, '21:00'), allocation: 'lottery' })
      expect(mine.pickupCode).toBeUndefined()
    }
    expect((await outlet(backend, A)).remaining).toBe(2)
  })

  it('keeps one entry per document (ALREADY_RESERVED) and the quantity limit', async () => {
    const backend = masksBackend()
    const { roundId, entrants } = await lottery(backend, 5, [{ code: 'one-entry', outletId: A, quantity: 1 }])
    expect((await reserveRaw(backend, entrants[0].token, { roundId, outletId: B, quantity: 1 })).code).toBe('ALREADY_RESERVED')
    expect(
      (await reserveRaw(backend, (await verifiedCitizen(backend, 'greedy')).token, { roundId, outletId: A, quantity: 6 })).fields,
    ).toEqual({
      quantity: '每人每轮最多预约 5 个',
    })
  })

  it('is `drawing` between closesAt and drawAt: entries are closed and the draw is not out (409 NOT_DRAWN_YET)', async () => {
    const backend = masksBackend()
    const { roundId } = await lottery(backend, 5, [{ code: 'waiting', outletId: A, quantity: 1 }])
    const early = await answer(backend, 'GET', `/masks/rounds/${roundId}/draw`)
    expect([early.status, early.code]).toEqual([409, 'NOT_DRAWN_YET'])
    expect(early.message).toMatch(/2月10日 21:00/)
    backend.clock.set(ms(T(0, '20:30')))
    expect((await currentRound(backend)).round.state).toBe('drawing')
    expect(
      (await reserveRaw(backend, (await verifiedCitizen(backend, 'too-late')).token, { roundId, outletId: A, quantity: 1 })).code,
    ).toBe('ROUND_CLOSED')
    expect((await answer(backend, 'GET', `/masks/rounds/${roundId}/draw`)).code).toBe('NOT_DRAWN_YET')
  })

  it('answers 404 for the draw of an unknown or a first-come round', async () => {
    const backend = masksBackend()
    const firstCome = (await startRound(backend, firstComeRound())).round
    expect((await answer(backend, 'GET', `/masks/rounds/${firstCome.id}/draw`)).status).toBe(404)
    expect((await answer(backend, 'GET', '/masks/rounds/rd404/draw')).status).toBe(404)
  })

  it('lets an entrant withdraw: the entry leaves the draw and the document may enter again', async () => {
    const backend = masksBackend()
    const { roundId, entrants } = await lottery(backend, 5, [{ code: 'withdraws', outletId: A, quantity: 1 }])
    const res = await answer(backend, 'POST', `/masks/reservations/${entrants[0].id}/cancel`, { token: entrants[0].token })
    expect(res.status).toBe(200)
    const again = await reserve(backend, entrants[0].token, { roundId, outletId: B, quantity: 2 })
    backend.clock.set(ms(T(0, '21:00')))
    const result = await drawResult(backend, roundId)
    expect(result.outlets.find((o) => o.outletId === A)!.entries).toEqual([])
    expect(result.outlets.find((o) => o.outletId === B)!.entries).toEqual([again.id])
  })
})

describe('the draw', () => {
  async function drawn(seed = 1) {
    const backend = masksBackend({ seed })
    const world = await lottery(backend, STOCK, mixed('mix'))
    backend.clock.set(ms(T(0, '21:00')))
    return { backend, ...world }
  }

  it('happens by itself once the clock passes drawAt, on the first request that looks', async () => {
    const { backend, roundId } = await drawn()
    const { round } = await currentRound(backend)
    expect(round.state).toBe('closed')
    expect(sha256(round.drawSeed!)).toBe(round.drawSeedHash)
    const result = await drawResult(backend, roundId)
    expect(result.roundId).toBe(roundId)
    expect(result.drawSeed).toBe(round.drawSeed)
    expect(result.drawSeedHash).toBe(round.drawSeedHash)
  })

  it('lists every outlet with its stock when the draw began, entries and quantities in the same order', async () => {
    const { backend, roundId, entrants } = await drawn()
    const result = await drawResult(backend, roundId)
    expect(result.outlets).toHaveLength(230)
    const a = result.outlets.find((o) => o.outletId === A)!
    const atA = entrants.filter((e) => e.outletId === A)
    expect(a.stock).toBe(STOCK)
    expect(a.entries).toEqual(atA.map((e) => e.id))
    expect(a.quantities).toEqual(atA.map((e) => e.quantity))
    expect(result.outlets.find((o) => o.outletId === 'o310151-01')).toEqual({
      outletId: 'o310151-01',
      stock: STOCK,
      entries: [],
      quantities: [],
      winners: [],
    })
  })

  it('gives the same winners when anyone re-runs the published rule from /draw', async () => {
    const { backend, roundId } = await drawn()
    const result = await drawResult(backend, roundId)
    const mine = rerun(result)
    for (const o of result.outlets) expect(o.winners).toEqual(mine.get(o.outletId))
    const quantities = (o: DrawResult['outlets'][number]) => o.winners.map((w) => o.quantities[o.entries.indexOf(w)])
    for (const o of result.outlets) expect(quantities(o).reduce((s, q) => s + q, 0)).toBeLessThanOrEqual(o.stock)
    // The walk goes on past an entry too big for what is left: this seed has such a case.
    const skipped = result.outlets.some((o) => {
      const ranked = [...o.entries].sort((x, y) => sha256(`${result.drawSeed}:${x}`).localeCompare(sha256(`${result.drawSeed}:${y}`)))
      const firstLoser = ranked.findIndex((id) => !o.winners.includes(id))
      return firstLoser >= 0 && ranked.slice(firstLoser + 1).some((id) => o.winners.includes(id))
    })
    expect(skipped).toBe(true)
  })

  it("makes winners `reserved` with a pickup code and the others `lost`, and takes the winners' stock", async () => {
    const { backend, roundId, entrants } = await drawn()
    const result = await drawResult(backend, roundId)
    const winners = new Set(result.outlets.flatMap((o) => o.winners))
    for (const e of entrants) {
      const [mine] = await myReservations(backend, (await login(backend, e.code)).token)
      if (winners.has(e.id)) {
        expect(mine.state).toBe('reserved')
        expect(mine.pickupCode).toMatch(PICKUP_CODE)
      } else {
        expect(mine.state).toBe('lost')
        expect(mine.pickupCode).toBeUndefined()
      }
    }
    for (const id of [A, B]) {
      const o = result.outlets.find((x) => x.outletId === id)!
      const won = o.winners.reduce((s, w) => s + o.quantities[o.entries.indexOf(w)], 0)
      expect(await outlet(backend, id)).toMatchObject({ remaining: STOCK - won, stockUpdatedAt: T(0, '21:00') })
    }
  })

  it("lets a winner's code be picked up, a winner cancel (stock back), and refuses to cancel a lost entry (409 NOT_CANCELLABLE)", async () => {
    const { backend, roundId, entrants } = await drawn()
    const result = await drawResult(backend, roundId)
    const a = result.outlets.find((o) => o.outletId === A)!
    const winner = entrants.find((e) => e.id === a.winners[0])!
    const loser = entrants.find((e) => e.outletId === A && !a.winners.includes(e.id))!
    const lost = await answer(backend, 'POST', `/masks/reservations/${loser.id}/cancel`, { token: loser.token })
    expect([lost.status, lost.code]).toEqual([409, 'NOT_CANCELLABLE'])
    const before = (await outlet(backend, A)).remaining
    expect((await answer(backend, 'POST', `/masks/reservations/${winner.id}/cancel`, { token: winner.token })).status).toBe(200)
    expect((await outlet(backend, A)).remaining).toBe(before + winner.quantity)
    const second = entrants.find((e) => e.id === a.winners[1])!
    backend.clock.set(ms(T(1, '09:00')))
    const [mine] = await myReservations(backend, (await login(backend, second.code)).token)
    expect(
      (
        await call(backend, 'POST', '/masks/pickups', {
          token: (await login(backend, `staff:${A}`)).token,
          body: { pickupCode: mine.pickupCode },
        })
      ).status,
    ).toBe(200)
  })

  it('tells entrants on the home page when the draw is, and afterwards that it is out', async () => {
    const backend = masksBackend()
    const { entrants } = await lottery(backend, 0, [{ code: 'hopeful', outletId: A, quantity: 1 }])
    const masksItems = async (token: string) =>
      v
        .parse(AttentionResponseSchema, (await call(backend, 'GET', '/me/attention', { token })).body)
        .items.filter((i) => i.service === 'masks')
    expect(await masksItems(entrants[0].token)).toEqual([
      expect.objectContaining({ title: '已参加口罩抽签', detail: '2月10日 21:00 公布抽签结果' }),
    ])
    backend.clock.set(ms(T(0, '21:00')))
    expect(await masksItems(entrants[0].token)).toEqual([
      expect.objectContaining({ title: '抽签结果已公布', detail: '这一轮没有抽中，请留意下一轮预约' }),
    ])
  })
})

describe('fairness and reproducibility', () => {
  it('draws the same winners from the same reset seed and the same entries, and others from another seed', async () => {
    const run = async (seed: number) => {
      const backend = masksBackend({ seed })
      const { roundId } = await lottery(backend, 7, mixed('repro'))
      backend.clock.set(ms(T(0, '21:00')))
      return await drawResult(backend, roundId)
    }
    const first = await run(42)
    const again = await run(42)
    expect(again).toEqual(first)
    const other = await run(43)
    expect(other.drawSeed).not.toBe(first.drawSeed)
    expect(other.outlets.map((o) => o.entries)).toEqual(first.outlets.map((o) => o.entries))
    expect(other.outlets.map((o) => o.winners)).not.toEqual(first.outlets.map((o) => o.winners))
  })

  it('does not care who came first or when: entering in reverse order, hours apart, wins the same entry ids', async () => {
    const people = Array.from({ length: 12 }, (_, i) => ({ code: `order-${i}`, outletId: A, quantity: 1 }))
    const forward = masksBackend({ seed: 9 })
    const f = await lottery(forward, 4, people)
    const backward = masksBackend({ seed: 9 })
    const b = await lottery(backward, 4, [...people].reverse(), 40 * 60_000)
    forward.clock.set(ms(T(0, '21:00')))
    backward.clock.set(ms(T(0, '21:00')))
    const fw = (await drawResult(forward, f.roundId)).outlets.find((o) => o.outletId === A)!
    const bw = (await drawResult(backward, b.roundId)).outlets.find((o) => o.outletId === A)!
    // Ids follow arrival, so the same ids now belong to other people who came at other times.
    expect(bw.entries).toEqual(fw.entries)
    expect(b.entrants[0].code).toBe('order-11')
    expect(f.entrants[0].code).toBe('order-0')
    expect(bw.winners).toEqual(fw.winners)
    // The winners are the entries ranked lowest by the seed's hash, nothing else.
    const { drawSeed } = await drawResult(forward, f.roundId)
    const ranks = fw.entries.map((id) => ({ id, rank: sha256(`${drawSeed}:${id}`) }))
    const lowest = ranks
      .sort((x, y) => x.rank.localeCompare(y.rank))
      .slice(0, 4)
      .map((x) => x.id)
    expect(fw.winners).toEqual(lowest)
  })

  it('gives the first and the last entrant the same odds over many draws', () => {
    // 3000 seeds, 10 entries of 1 for a stock of 3: every entry should win about 30 % of draws.
    const ids = Array.from({ length: 10 }, (_, i) => `rs${String(i + 1).padStart(6, '0')}`)
    const wins = new Map(ids.map((id) => [id, 0]))
    for (let s = 0; s < 3000; s += 1) {
      const seed = sha256(`odds:${s}`)
      for (const w of drawOutlet(
        seed,
        ids.map((id) => ({ id, quantity: 1 })),
        3,
      ))
        wins.set(w, wins.get(w)! + 1)
    }
    for (const id of ids) {
      // 3 standard deviations of a binomial(3000, 0.3) are ±75.
      expect(wins.get(id)!).toBeGreaterThan(900 - 90)
      expect(wins.get(id)!).toBeLessThan(900 + 90)
    }
  })
})
