import { dictOf } from '@/mock/core/dict'
import type { StoredCheckin, StoredDeclaration } from '@/mock/returnees/state'
import { memoryReturneesStore, type ReturneesStore } from '@/mock/returnees/store'

/**
 * What the returnees rules lean on, asked of every store the same way: memory, and the SQL store
 * on PGlite (in `npm test`) and on PostgreSQL (in CI). Figures are literals, never the code's constants.
 */

export const T0 = Date.parse('2026-03-01T09:00:00+08:00')
export const DOC = '420102199003074518'
export const COMMUNITY = '310101002001'

export function declaration(id: string, patch: Partial<StoredDeclaration> = {}): StoredDeclaration {
  return {
    id,
    subject: { name: '张三', docType: 'resident_id', docNumber: DOC, phone: '13800138000' },
    originRegion: '420100',
    transport: { mode: 'train', number: 'G1722' },
    departureDate: '2026-02-27',
    arrivalDate: '2026-02-28',
    residence: { communityId: COMMUNITY, address: '南京东路 100 弄 3 号 201 室' },
    health: { temperature: 36.6, symptoms: [], contactWithCases: false },
    status: 'observing',
    riskLevel: 'high',
    flagReasons: [],
    createdAt: T0,
    createdBy: 'self',
    notes: [],
    ...patch,
  }
}

export function checkin(id: string, declarationId: string, date: string, patch: Partial<StoredCheckin> = {}): StoredCheckin {
  return {
    id,
    declarationId,
    date,
    temperature: 36.5,
    symptoms: [],
    at: Date.parse(`${date}T08:30:00+08:00`),
    by: 'self',
    raisedFlag: false,
    ...patch,
  }
}

export const EMPTY_RETURNEES_TABLES = `truncate returnees_checkins, returnees_declarations restart identity cascade;
  alter sequence returnees_numbers restart;`

export const freshMemoryReturneesStore = (): Promise<ReturneesStore> =>
  Promise.resolve(memoryReturneesStore({ seed: 1, counter: 0, declarations: dictOf(), checkins: dictOf() }))

export function returneesStoreSuite(name: string, fresh: () => Promise<ReturneesStore>): void {
  describe(`the returnees store on ${name}`, () => {
    let store: ReturneesStore
    beforeEach(async () => {
      store = await fresh()
    })

    it('numbers ids from 1, never twice, and past a copied world’s numbers', async () => {
      expect(await store.nextNumber()).toBe(1)
      expect(await store.nextNumber()).toBe(2)
      await store.advanceNumbers(40)
      expect(await store.nextNumber()).toBe(41)
      await store.advanceNumbers(10)
      expect(await store.nextNumber()).toBe(42)
    })

    it('keeps a declaration whole, with its optional fields present or absent', async () => {
      const full = declaration('rd1', {
        createdBy: 'worker',
        status: 'released',
        releasedAt: T0 + 14 * 86_400_000,
        releasedBy: 'u00009',
        flagReasons: ['high_risk_origin', 'escalated'],
        notes: [{ at: T0 + 1, text: '已电话联系，明日上门', by: 'u00009' }],
        health: { temperature: 37.4, symptoms: ['cough', 'fatigue'], contactWithCases: true },
      })
      const bare = declaration('rd2', {
        subject: { name: '李四', docType: 'passport', docNumber: 'E12345678' },
        transport: { mode: 'car' },
      })
      expect(await store.insertDeclaration(full)).toBe(true)
      expect(await store.insertDeclaration(bare)).toBe(true)
      expect(await store.declaration('rd1')).toStrictEqual(full)
      expect(await store.declaration('rd2')).toStrictEqual(bare)
      for (const key of ['rd3', '__proto__', 'constructor']) expect(await store.declaration(key)).toBeUndefined()
    })

    it('keeps one open declaration a document: a released one does not count', async () => {
      expect(await store.insertDeclaration(declaration('rd1'))).toBe(true)
      expect(await store.insertDeclaration(declaration('rd2', { status: 'flagged' }))).toBe(false)
      expect(await store.declaration('rd2')).toBeUndefined()
      const first = (await store.declaration('rd1'))!
      await store.saveDeclaration({ ...first, status: 'released', releasedAt: T0 + 1, releasedBy: 'u1' })
      expect(await store.insertDeclaration(declaration('rd3', { createdAt: T0 + 2 }))).toBe(true)
      // Another document, and the same number as another type of document, are other people.
      expect(
        await store.insertDeclaration(
          declaration('rd4', { subject: { name: '王五', docType: 'resident_id', docNumber: '310101199001011234' } }),
        ),
      ).toBe(true)
      expect(await store.insertDeclaration(declaration('rd5', { subject: { name: '赵六', docType: 'passport', docNumber: DOC } }))).toBe(
        true,
      )
      expect((await store.declarationsOfDocument('resident_id', DOC)).map((d) => d.id)).toEqual(['rd1', 'rd3'])
      expect((await store.declarationsOfDocument('passport', DOC)).map((d) => d.id)).toEqual(['rd5'])
      expect(await store.declarationsOfDocument('resident_id', '__proto__')).toEqual([])
    })

    it('lists a community’s declarations in the order they were made, and only its own', async () => {
      await store.insertDeclaration(declaration('rd-b', { subject: { name: '甲', docType: 'resident_id', docNumber: 'A1' } }))
      await store.insertDeclaration(
        declaration('rd-a', {
          subject: { name: '乙', docType: 'resident_id', docNumber: 'A2' },
          residence: { communityId: '310101002002', address: '别处' },
        }),
      )
      await store.insertDeclaration(declaration('rd-c', { subject: { name: '丙', docType: 'resident_id', docNumber: 'A3' } }))
      expect((await store.declarationsOfCommunity(COMMUNITY)).map((d) => d.id)).toEqual(['rd-b', 'rd-c'])
      expect((await store.declarationsOfCommunity('310101002002')).map((d) => d.id)).toEqual(['rd-a'])
      expect(await store.declarationsOfCommunity('310101002003')).toEqual([])
    })

    it('hands out copies: a change reaches the store only through a save', async () => {
      await store.insertDeclaration(declaration('rd1'))
      const d = (await store.declaration('rd1'))!
      d.flagReasons.push('fever')
      d.notes.push({ at: T0, text: '改了', by: 'u1' })
      d.subject.name = '改名'
      expect(await store.declaration('rd1')).toStrictEqual(declaration('rd1'))
      await store.saveDeclaration(d)
      expect(await store.declaration('rd1')).toStrictEqual(d)
      await expect(store.saveDeclaration(declaration('rd9'))).rejects.toThrow(/no declaration rd9/)
    })

    it('keeps one check-in a declaration and day, each declaration’s oldest first', async () => {
      await store.insertDeclaration(declaration('rd1'))
      await store.insertDeclaration(declaration('rd2', { subject: { name: '乙', docType: 'resident_id', docNumber: 'A2' } }))
      expect(await store.insertCheckin(checkin('rc1', 'rd1', '2026-03-01'))).toBe(true)
      expect(await store.insertCheckin(checkin('rc2', 'rd1', '2026-03-01', { temperature: 37.8 }))).toBe(false)
      expect(
        await store.insertCheckin(
          checkin('rc3', 'rd1', '2026-03-02', { temperature: 37.3, symptoms: ['cough'], by: 'worker', raisedFlag: true }),
        ),
      ).toBe(true)
      expect(await store.insertCheckin(checkin('rc4', 'rd2', '2026-03-02'))).toBe(true)
      expect(await store.checkinsOf('rd1')).toStrictEqual([
        checkin('rc1', 'rd1', '2026-03-01'),
        checkin('rc3', 'rd1', '2026-03-02', { temperature: 37.3, symptoms: ['cough'], by: 'worker', raisedFlag: true }),
      ])
      expect(await store.checkinsOf('rd9')).toEqual([])
      const onTheSecond = await store.checkinsOn(['rd1', 'rd2', 'rd9', '__proto__'], '2026-03-02')
      expect([...onTheSecond.keys()].sort()).toEqual(['rd1', 'rd2'])
      expect(onTheSecond.get('rd1')!.id).toBe('rc3')
      expect([...(await store.checkinsOn(['rd2'], '2026-03-01')).keys()]).toEqual([])
      expect([...(await store.checkinsOn([], '2026-03-01')).keys()]).toEqual([])
      await expect(store.insertCheckin(checkin('rc5', 'rd9', '2026-03-01'))).rejects.toThrow()
    })
  })
}
