import type { BackendOptions } from '@/mock/backend'
import type { Storage } from '@/mock/core/storage'

/**
 * The store the HTTP contract tests run on: memory unless `TEST_STORE` says `pglite` (each backend
 * gets an in-process PostgreSQL of its own, migrated from empty and seeded from its seed, as
 * `npm start` is on a fresh machine) or `postgres` (each backend gets a schema of its own in the
 * scratch database `DATABASE_URL` names, migrated the same way). Seeding takes seconds, so a
 * world is seeded once a seed and secret, and each backend starts from a copy of it. The database
 * code is loaded only then: the page tests never load it.
 */
export function storeUnderTest(options: BackendOptions): BackendOptions['storage'] {
  const kind = process.env.TEST_STORE ?? 'memory'
  if (kind === 'memory') return undefined
  if (kind === 'postgres') return postgresStorage(options)
  if (kind !== 'pglite') throw new Error(`TEST_STORE must be memory, pglite or postgres, not ${kind}`)
  return (fallback) => {
    let opened: Promise<Storage> | undefined
    const open = async (): Promise<Storage> => {
      const { openDatabase } = await import('@/mock/store/open')
      const { sqlStorage } = await import('@/mock/store/sql-storage')
      const database = await openDatabase('pglite:memory', { from: await seeded(options) })
      return sqlStorage(database)(fallback)
    }
    return {
      async run(work) {
        opened ??= open()
        return (await opened).run(work)
      },
    }
  }
}

const templates = new Map<string, Promise<Blob>>()

/** A dump of a database that a backend with these options has migrated and seeded. */
function seeded(options: BackendOptions): Promise<Blob> {
  const key = JSON.stringify([options.seed ?? 1, options.secret ?? null])
  let template = templates.get(key)
  if (!template) {
    template = (async () => {
      const [{ createBackend }, { MockClock, SEED_EPOCH_MS }, { openDatabase, migrateDatabase, dumpPglite }, { sqlStorage }] =
        await Promise.all([
          import('@/mock/backend'),
          import('@/mock/core/clock'),
          import('@/mock/store/open'),
          import('@/mock/store/sql-storage'),
        ])
      const database = await openDatabase('pglite:memory')
      await migrateDatabase(database)
      const backend = createBackend({
        controls: true,
        seed: options.seed,
        secret: options.secret,
        clock: new MockClock(SEED_EPOCH_MS, { frozen: true }),
        storage: sqlStorage(database),
      })
      await backend.ready()
      const dump = await dumpPglite(database)
      await database.close()
      return dump
    })()
    templates.set(key, template)
  }
  return template
}

type Database = import('@/mock/store/open').Database

let shared: Promise<Database> | undefined
let schemas = 0
// Each test file has its own copy of this module in one process: the schemas must not collide.
const fileTag = Math.random().toString(36).slice(2, 8)

/** The one pool of the test process, on the scratch database, emptied once. */
function sharedDatabase(): Promise<Database> {
  shared ??= (async () => {
    const url = process.env.DATABASE_URL
    if (!url) throw new Error('TEST_STORE=postgres needs DATABASE_URL: run under scripts/with-postgres.sh')
    const { openDatabase } = await import('@/mock/store/open')
    const { emptyScratchDatabase } = await import('./scratch-database')
    const database = await openDatabase(url, { poolSize: 8 })
    await emptyScratchDatabase(database.db)
    return database
  })()
  return shared
}

/** `database` with every transaction in `schema`, as if the schema were the whole database. */
function inSchema(database: Database, schema: string): Database {
  return {
    ...database,
    transaction: (work) =>
      database.transaction(async (tx) => {
        await tx.query(`set local search_path to ${schema}`)
        return work(tx)
      }),
  }
}

/** A new schema with the migrations applied, and, when `from` is given, a copy of its rows and sequences. */
async function newSchema(database: Database, from?: string): Promise<string> {
  const { migrate } = await import('@/mock/store/migrate')
  schemas += 1
  const schema = `store_${process.pid}_${fileTag}_${schemas}`
  await database.session(async (s) => {
    await s.query(`create schema ${schema}`)
    await s.query(`set search_path to ${schema}`)
    try {
      await migrate(s)
      if (!from) return
      // In the order the migrations made them, so a row's references are there before it.
      const tables = await s.query<{ name: string }>(
        `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = $1 and c.relkind = 'r' and c.relname <> 'schema_migrations' order by c.oid`,
        [from],
      )
      for (const t of tables.rows) await s.query(`insert into ${schema}.${t.name} overriding system value select * from ${from}.${t.name}`)
      const identities = await s.query<{ table_name: string; column_name: string }>(
        "select table_name, column_name from information_schema.columns where table_schema = $1 and is_identity = 'YES'",
        [schema],
      )
      for (const c of identities.rows) {
        await s.query(
          `select setval(pg_get_serial_sequence('${schema}.${c.table_name}', '${c.column_name}'),
             coalesce((select max(${c.column_name}) from ${schema}.${c.table_name}), 1),
             exists (select 1 from ${schema}.${c.table_name}))`,
        )
      }
      const sequences = await s.query<{ name: string }>('select sequencename as name from pg_sequences where schemaname = $1', [from])
      for (const q of sequences.rows) {
        await s.query(`select setval('${schema}.${q.name}', last_value, is_called) from ${from}.${q.name}`)
      }
    } finally {
      await s.query('set search_path to public')
    }
  })
  return schema
}

const pgTemplates = new Map<string, Promise<string>>()

function postgresStorage(options: BackendOptions): BackendOptions['storage'] {
  return (fallback) => {
    let opened: Promise<Storage> | undefined
    const open = async (): Promise<Storage> => {
      const database = await sharedDatabase()
      const key = JSON.stringify([options.seed ?? 1, options.secret ?? null])
      let template = pgTemplates.get(key)
      if (!template) {
        template = (async () => {
          const [{ createBackend }, { MockClock, SEED_EPOCH_MS }, { sqlStorage }] = await Promise.all([
            import('@/mock/backend'),
            import('@/mock/core/clock'),
            import('@/mock/store/sql-storage'),
          ])
          const schema = await newSchema(database)
          const seeding = createBackend({
            controls: true,
            seed: options.seed,
            secret: options.secret,
            clock: new MockClock(SEED_EPOCH_MS, { frozen: true }),
            storage: sqlStorage(inSchema(database, schema)),
          })
          await seeding.ready()
          return schema
        })()
        pgTemplates.set(key, template)
      }
      const { sqlStorage } = await import('@/mock/store/sql-storage')
      return sqlStorage(inSchema(database, await newSchema(database, await template)))(fallback)
    }
    return {
      async run(work) {
        opened ??= open()
        return (await opened).run(work)
      },
    }
  }
}
