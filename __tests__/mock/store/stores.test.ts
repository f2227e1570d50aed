import { PGlite } from '@electric-sql/pglite'
import { EMPTY_MASKS_TABLES, T0, entry, firstCome, freshMemoryStore, masksStoreSuite, stock } from '../../helpers/masks-store-suite'
import { EMPTY_CORE_TABLES, coreStoreSuite, freshMemoryCoreStore } from '../../helpers/core-store-suite'
import { EMPTY_RETURNEES_TABLES, freshMemoryReturneesStore, returneesStoreSuite } from '../../helpers/returnees-store-suite'
import { sqlMasksStore } from '@/mock/masks/sql-store'
import { sqlReturneesStore } from '@/mock/returnees/sql-store'
import { sqlCoreStore } from '@/mock/session/sql-store'
import { migrate, migrations } from '@/mock/store/migrate'
import { databaseKind, migrateDatabase, openDatabase } from '@/mock/store/open'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migratedPglite } from '../../helpers/pglite'

/** Every store's rules on memory and on PGlite (PostgreSQL in-process, the SQL of a server); the migrations. */

const ALL_VERSIONS = migrations().map((m) => m.version)

let pglite: PGlite
beforeAll(async () => {
  pglite = await migratedPglite()
}, 60_000)
afterAll(() => pglite.close())

masksStoreSuite('memory', freshMemoryStore)
masksStoreSuite('PGlite', async () => {
  await pglite.exec(EMPTY_MASKS_TABLES)
  return sqlMasksStore(pglite)
})

coreStoreSuite('memory', freshMemoryCoreStore)
coreStoreSuite('PGlite', async () => {
  await pglite.exec(EMPTY_CORE_TABLES)
  return sqlCoreStore(pglite)
})

returneesStoreSuite('memory', freshMemoryReturneesStore)
returneesStoreSuite('PGlite', async () => {
  await pglite.exec(EMPTY_RETURNEES_TABLES)
  return sqlReturneesStore(pglite)
})

describe('migrations', () => {
  it('apply from empty once, and a second run applies none', async () => {
    const db = new PGlite()
    try {
      expect(ALL_VERSIONS.slice(0, 3)).toEqual([1, 2, 3])
      expect(await migrate(db)).toEqual(ALL_VERSIONS)
      expect(await migrate(db)).toEqual([])
      const { rows } = await db.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
      )
      expect(rows.map((r) => r.table_name)).toEqual([
        'core_accounts',
        'core_documents',
        'core_idempotency',
        'core_phone_guards',
        'core_sessions',
        'core_settings',
        'core_sms',
        'family_members',
        'jobs_applications',
        'jobs_favorites',
        'jobs_posting_bigrams',
        'jobs_postings',
        'jobs_subscriptions',
        'masks_current_round',
        'masks_reservations',
        'masks_rounds',
        'masks_stock',
        'pass_checks',
        'pass_holders',
        'pass_lookups',
        'returnees_checkins',
        'returnees_declarations',
        'schema_migrations',
      ])
    } finally {
      await db.close()
    }
  }, 60_000)

  it('keep only a hash of each session token: a copy of the database names no session', async () => {
    await pglite.exec(EMPTY_CORE_TABLES)
    const store = sqlCoreStore(pglite)
    await store.insertAccount({ id: 'u1', loginCode: 'wx-a', role: 'citizen', verified: false, createdAt: T0 })
    const token = '0123456789abcdef'.repeat(4)
    await store.insertSession(token, { accountId: 'u1', expiresAt: T0 + 1, revoked: false })
    const { rows } = await pglite.query<Record<string, unknown>>("select encode(token_hash, 'hex') as hash, * from core_sessions")
    expect(rows).toHaveLength(1)
    expect(
      JSON.stringify(rows, (_, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value)),
    ).not.toContain(token)
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/)
    expect((await store.session(token))?.accountId).toBe('u1')
  })

  it('refuse a negative stock and a second live place in the schema itself', async () => {
    const store = sqlMasksStore(pglite)
    await pglite.exec(EMPTY_MASKS_TABLES)
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

  it('keep a PGlite folder’s records across a restart, and never apply a migration twice there', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pglite-'))
    // As `.data/pglite` on a fresh clone: neither folder is there yet.
    const folder = join(root, '.data', 'pglite')
    try {
      const first = await openDatabase(`pglite:${folder}`)
      expect(await migrateDatabase(first)).toEqual(ALL_VERSIONS)
      const round = await sqlMasksStore(first.db).insertRound(firstCome, stock)
      await first.close()

      const again = await openDatabase(`pglite:${folder}`)
      expect(await migrateDatabase(again)).toEqual([])
      expect(await sqlMasksStore(again.db).round(round.id)).toStrictEqual(round)
      await again.close()
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  }, 60_000)

  it('run a transaction whole: committed when the work returns, nothing of it kept when it throws', async () => {
    const database = await openDatabase('pglite:memory')
    try {
      await migrateDatabase(database)
      const round = await database.transaction((tx) => sqlMasksStore(tx).insertRound(firstCome, stock))
      await expect(
        database.transaction(async (tx) => {
          await sqlMasksStore(tx).take(round.id, 'o1', 7, T0 + 1)
          throw new Error('refused after the take')
        }),
      ).rejects.toThrow('refused after the take')
      expect((await sqlMasksStore(database.db).stocks(round.id, ['o1'])).get('o1')).toEqual({ remaining: 7, updatedAt: T0 })
      // A script of several statements (the reset between runs) runs whole.
      await database.script(EMPTY_MASKS_TABLES)
      expect(await sqlMasksStore(database.db).round(round.id)).toBeUndefined()
    } finally {
      await database.close()
    }
  }, 60_000)

  it('name their database by URL: postgres://… or pglite:<folder>, nothing else', () => {
    expect(databaseKind('postgres://u:p@127.0.0.1:5432/db')).toBe('postgres')
    expect(databaseKind('postgresql://127.0.0.1/db')).toBe('postgres')
    expect(databaseKind('pglite:.data/pglite')).toBe('pglite')
    expect(databaseKind('pglite:memory')).toBe('pglite')
    for (const url of ['', 'pglite:', 'mysql://u:secret@h/db', '.data/pglite'])
      expect(() => databaseKind(url)).toThrow(/postgres:\/\/… or pglite:<folder>/)
    // The password never reaches the message.
    expect(() => databaseKind('mysql://u:secret@h/db')).toThrow(/u:\*\*\*@h/)
    expect(() => databaseKind('mysql://u:secret@h/db')).not.toThrow(/secret/)
  })
})
