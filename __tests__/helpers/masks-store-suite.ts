import { emptyMasksState, type StoredReservation } from '@/mock/masks/state'
import { heldRound, memoryMasksStore, type MasksStore, type NewReservation, type NewRound } from '@/mock/masks/store'

/**
 * The rules the masks rules lean on, asked of every store the same way: the memory store of
 * `npm run mock`, and the SQL store on PGlite (in `npm test`) and on PostgreSQL (in CI). Figures
 * are literals, never the code's constants.
 */

export const T0 = Date.parse('2026-03-01T09:00:00+08:00')
export const HOUR = 3600_000

export const firstCome: NewRound = {
  product: '一次性使用医用口罩',
  perPersonLimit: 5,
  allocation: 'first_come',
  opensAt: T0,
  closesAt: T0 + 10 * HOUR,
  pickupFrom: T0 + 24 * HOUR,
  pickupUntil: T0 + 72 * HOUR,
  createdAt: T0,
}
export const lottery: NewRound = { ...firstCome, allocation: 'lottery', drawAt: T0 + 11 * HOUR, drawSeed: 'seed', drawSeedHash: 'hash' }
export const stock = new Map([
  ['o1', 7],
  ['o2', 0],
])

export function entry(roundId: string, patch: Partial<NewReservation> = {}): NewReservation {
  return {
    roundId,
    outletId: 'o1',
    accountId: 'ac1',
    docKey: 'id_card:110101199003074514',
    quantity: 1,
    state: 'reserved',
    createdAt: T0 + HOUR,
    updatedAt: T0 + HOUR,
    ...patch,
  }
}

export function masksStoreSuite(name: string, fresh: () => Promise<MasksStore>): void {
  describe(`the masks store on ${name}`, () => {
    let store: MasksStore
    beforeEach(async () => {
      store = await fresh()
    })

    it('makes each new round the current one, with every outlet’s stock, ids rd1, rd2', async () => {
      await expect(store.currentRoundId()).rejects.toThrow(/has no current round/)
      const a = await store.insertRound(firstCome, stock)
      // Strict: a first-come round has no draw fields at all, not fields that are undefined.
      expect(a).toStrictEqual({ id: 'rd1', ...firstCome, pendingExpiry: false })
      expect(await store.currentRoundId()).toBe('rd1')
      const b = await store.insertRound(lottery, stock)
      expect(b).toStrictEqual({ id: 'rd2', ...lottery, pendingExpiry: false })
      expect(await store.currentRoundId()).toBe('rd2')
      expect(await store.round('rd1')).toStrictEqual(a)
      expect(await store.round('rd2')).toStrictEqual(b)
      expect(await store.round('rd9')).toBeUndefined()
      const stocks = await store.stocks('rd2', ['o1', 'o2', 'nowhere'])
      expect([...stocks]).toEqual([
        ['o1', { remaining: 7, updatedAt: T0 }],
        ['o2', { remaining: 0, updatedAt: T0 }],
      ])
    })

    it('takes only while enough is left, and nothing when it refuses', async () => {
      const round = await store.insertRound(firstCome, stock)
      expect(await store.take(round.id, 'o1', 5, T0 + 1)).toBe(true)
      expect(await store.take(round.id, 'o1', 3, T0 + 2)).toBe(false)
      expect((await store.stocks(round.id, ['o1'])).get('o1')).toEqual({ remaining: 2, updatedAt: T0 + 1 })
      expect(await store.take(round.id, 'o1', 2, T0 + 3)).toBe(true)
      expect(await store.take(round.id, 'o1', 1, T0 + 4)).toBe(false)
      expect(await store.take(round.id, 'o2', 1, T0 + 4)).toBe(false)
      await store.give(round.id, 'o1', 4, T0 + 5)
      expect((await store.stocks(round.id, ['o1'])).get('o1')).toEqual({ remaining: 4, updatedAt: T0 + 5 })
      await expect(store.give(round.id, 'nowhere', 1, T0 + 6)).rejects.toThrow(/has no stock/)
      await expect(store.give('rd9', 'o1', 1, T0 + 6)).rejects.toThrow(/has no stock/)
    })

    it('grants a rush of fifty at once exactly the seven left', async () => {
      const round = await store.insertRound(firstCome, stock)
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => store.take(round.id, 'o1', 1, T0 + i)))
      expect(answers.filter(Boolean)).toHaveLength(7)
      expect((await store.stocks(round.id, ['o1'])).get('o1')?.remaining).toBe(0)
    })

    it('keeps one live place per document and round, held while entered, reserved or picked up', async () => {
      const round = await store.insertRound(firstCome, stock)
      const first = await store.insertReservation(entry(round.id, { pickupCode: '00000001' }))
      expect(first).toStrictEqual({ id: 'rs000001', ...entry(round.id), pickupCode: '00000001' })
      expect(await store.insertReservation(entry(round.id, { outletId: 'o2' }))).toBeUndefined()
      expect(await store.livePlace(round.id, 'id_card:110101199003074514')).toEqual(first)

      const held = first!
      for (const state of ['picked_up', 'entered'] as const) {
        await store.saveReservation({ ...held, state })
        expect(await store.insertReservation(entry(round.id))).toBeUndefined()
      }
      await store.saveReservation({ ...held, state: 'cancelled', updatedAt: T0 + 2 * HOUR })
      expect(await store.livePlace(round.id, 'id_card:110101199003074514')).toBeUndefined()
      const again = await store.insertReservation(entry(round.id, { outletId: 'o2' }))
      // Strict: a reservation without a pickup code has no code field at all. Its id is new (a
      // database may skip numbers a refused insert drew: ids are opaque, never counted on).
      expect(again).toStrictEqual({ id: again?.id, ...entry(round.id, { outletId: 'o2' }) })
      expect(again!.id).not.toBe(held.id)
      expect(await store.reservation(again!.id)).toStrictEqual(again)

      // Another document, and the same document in another round, are other places.
      expect(await store.insertReservation(entry(round.id, { docKey: 'passport:E12345678' }))).toBeDefined()
      const next = await store.insertRound(firstCome, stock)
      expect(await store.insertReservation(entry(next.id))).toBeDefined()
    })

    it('gives the place up when a reservation is lost or expired', async () => {
      const round = await store.insertRound(lottery, stock)
      for (const state of ['lost', 'expired'] as const) {
        const r = await store.insertReservation(entry(round.id, { state: 'entered' }))
        expect(r).toBeDefined()
        await store.saveReservation({ ...r!, state })
      }
      expect(await store.insertReservation(entry(round.id, { state: 'entered' }))).toBeDefined()
    })

    it('keeps a pickup code taken after its reservation is cancelled', async () => {
      const round = await store.insertRound(firstCome, stock)
      const r = (await store.insertReservation(entry(round.id, { pickupCode: '12345678' })))!
      expect(await store.codeTaken('12345678')).toBe(true)
      expect(await store.codeTaken('87654321')).toBe(false)
      await store.saveReservation({ ...r, state: 'cancelled' })
      expect(await store.codeTaken('12345678')).toBe(true)
      expect(await store.reservationByCode('12345678')).toMatchObject({ id: r.id, state: 'cancelled' })
      expect(await store.reservationByCode('87654321')).toBeUndefined()
    })

    it('lists an account’s and a round’s reservations oldest first', async () => {
      const a = await store.insertRound(lottery, stock)
      const b = await store.insertRound(lottery, stock)
      const ids: string[] = []
      for (const [round, doc] of [
        [b.id, 'd1'],
        [a.id, 'd1'],
        [b.id, 'd2'],
      ]) {
        ids.push((await store.insertReservation(entry(round, { docKey: doc, state: 'entered' })))!.id)
      }
      await store.insertReservation(entry(a.id, { accountId: 'ac2', docKey: 'd3', state: 'entered' }))
      expect((await store.reservationsOfAccount('ac1')).map((r) => r.id)).toEqual(ids)
      expect((await store.reservationsOfRound(b.id)).map((r) => r.id)).toEqual([ids[0], ids[2]])
      expect(await store.reservationsOfAccount('nobody')).toEqual([])
    })

    it('hands out copies: a change reaches the store only through a save', async () => {
      const round = await store.insertRound(firstCome, stock)
      const r = (await store.insertReservation(entry(round.id)))!
      r.state = 'picked_up'
      round.pendingExpiry = true
      expect((await store.reservation(r.id))?.state).toBe('reserved')
      expect((await store.round(round.id))?.pendingExpiry).toBe(false)
      await store.saveReservation(r)
      await store.saveRound(round)
      expect((await store.reservation(r.id))?.state).toBe('picked_up')
      expect((await store.round(round.id))?.pendingExpiry).toBe(true)
    })

    it('finds the rounds time has work for, at each edge', async () => {
      const toDraw = await store.insertRound(lottery, stock)
      const toExpire = await store.insertRound(firstCome, stock)
      toExpire.pendingExpiry = true
      await store.saveRound(toExpire)
      const ids = async (now: number) => (await store.roundsToSettle(now)).map((r) => r.id)

      expect(await ids(T0 + 11 * HOUR - 1)).toEqual([])
      expect(await ids(T0 + 11 * HOUR)).toEqual([toDraw.id])
      expect(await ids(T0 + 72 * HOUR - 1)).toEqual([toDraw.id])
      expect(await ids(T0 + 72 * HOUR)).toEqual([toDraw.id, toExpire.id])

      const draw = {
        at: T0 + 11 * HOUR,
        outlets: [{ outletId: 'o1', stock: 7, entries: ['rs000001'], quantities: [2], winners: ['rs000001'] }],
      }
      await store.saveRound({ ...toDraw, draw })
      await store.saveRound({ ...toExpire, pendingExpiry: false })
      expect(await ids(T0 + 100 * HOUR)).toEqual([])
      expect(await store.round(toDraw.id)).toStrictEqual({ ...toDraw, draw })
      // The seed is revealed after the draw: a save that clears it clears it.
      await store.saveRound({ ...toDraw, draw, drawSeed: undefined })
      expect((await store.round(toDraw.id))?.drawSeed).toBeUndefined()
    })

    it('answers nothing for ids it never handed out, prototype keys included', async () => {
      await store.insertRound(firstCome, stock)
      for (const id of ['__proto__', 'constructor', 'rs999999']) {
        expect(await store.reservation(id)).toBeUndefined()
        expect(await store.round(id)).toBeUndefined()
        expect(await store.reservationByCode(id)).toBeUndefined()
      }
      await expect(store.saveReservation({ ...(entry('rd1') as StoredReservation), id: 'rs999999' })).rejects.toThrow(/has no reservation/)
      await expect(heldRound(store, 'rd9')).rejects.toThrow(/has no round rd9/)
      expect(await heldRound(store, 'rd1')).toMatchObject({ id: 'rd1' })
    })
  })
}

/** The tables of the masks migration, emptied and their numbering restarted, between tests. */
export const EMPTY_MASKS_TABLES = `truncate masks_current_round, masks_stock, masks_reservations, masks_rounds restart identity cascade;
  alter sequence masks_round_numbers restart; alter sequence masks_reservation_numbers restart;`

export const freshMemoryStore = (): Promise<MasksStore> => Promise.resolve(memoryMasksStore(emptyMasksState()))
