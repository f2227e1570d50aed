import type { BackendOptions } from '@/mock/backend'
import type { Storage } from '@/mock/core/storage'

/**
 * The store the HTTP contract tests run on: memory unless `TEST_STORE=pglite`, where each backend
 * gets an in-process PostgreSQL of its own, migrated from empty and seeded from its seed, as
 * `npm start` is on a fresh machine (`npm run test:contract:pglite`). Seeding takes seconds, so a
 * database is seeded once a seed and secret, and each backend opens a copy of it. The database
 * code is loaded only then: the page tests never load it.
 */
export function storeUnderTest(options: BackendOptions): BackendOptions['storage'] {
  const kind = process.env.TEST_STORE ?? 'memory'
  if (kind === 'memory') return undefined
  if (kind !== 'pglite') throw new Error(`TEST_STORE must be memory or pglite, not ${kind}`)
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
