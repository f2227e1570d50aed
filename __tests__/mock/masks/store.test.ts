import { PGlite } from '@electric-sql/pglite'
import { EMPTY_MASKS_TABLES, entry, firstCome, freshMemoryStore, masksStoreSuite, stock } from '../../helpers/masks-store-suite'
import { sqlMasksStore } from '@/mock/masks/sql-store'
import { migrate } from '@/mock/store/migrate'

/** The masks store's rules on memory and on PGlite (PostgreSQL in-process, the SQL of a server). */

let pglite: PGlite
beforeAll(async () => {
  // PGlite loads node's built-ins with a dynamic import, which jest allows only under this flag
  // (`npm run test:mock` sets it); without it every test here would fail with a vm error instead.
  if (
    !process.execArgv
      .concat(process.env.NODE_OPTIONS ?? '')
      .join(' ')
      .includes('--experimental-vm-modules')
  ) {
    throw new Error('The PGlite store tests need node --experimental-vm-modules: run them with `npm run test:mock`.')
  }
  pglite = new PGlite()
  await migrate(pglite)
}, 60_000)
afterAll(() => pglite.close())

masksStoreSuite('memory', freshMemoryStore)
masksStoreSuite('PGlite', async () => {
  await pglite.exec(EMPTY_MASKS_TABLES)
  return sqlMasksStore(pglite)
})

describe('migrations', () => {
  it('apply from empty once, and a second run applies none', async () => {
    const db = new PGlite()
    try {
      expect(await migrate(db)).toEqual([1])
      expect(await migrate(db)).toEqual([])
      const { rows } = await db.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
      )
      expect(rows.map((r) => r.table_name)).toEqual([
        'masks_current_round',
        'masks_reservations',
        'masks_rounds',
        'masks_stock',
        'schema_migrations',
      ])
    } finally {
      await db.close()
    }
  }, 60_000)

  it('refuse a negative stock and a second live place in the schema itself', async () => {
    const store = sqlMasksStore(pglite)
    await pglite.exec('truncate masks_current_round, masks_stock, masks_reservations, masks_rounds restart identity cascade')
    const round = await store.insertRound(firstCome, stock)
    await expect(pglite.query("update masks_stock set remaining = -1 where outlet_id = 'o1'")).rejects.toThrow(/check/i)
    await store.insertReservation(entry(round.id))
    await expect(
      pglite.query(
        `insert into masks_reservations (id, round_id, outlet_id, account_id, doc_key, quantity, state, created_at, updated_at)
         values ('x', $1, 'o1', 'ac9', 'id_card:110101199003074514', 1, 'entered', 0, 0)`,
        [round.id],
      ),
    ).rejects.toThrow(/masks_live_place/)
  })
})
