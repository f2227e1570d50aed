import type { MemoryFallback, RequestStores, Storage, StoredWorld, WorldStore } from '../core/storage'
import { sqlMasksStore } from '../masks/sql-store'
import { sqlReturneesStore } from '../returnees/sql-store'
import { sqlCoreStore } from '../session/sql-store'
import type { Database } from './open'
import type { SqlClient } from './sql'

/** Each service's store on a transaction. A service not listed keeps its records in the process's memory. */
const SERVICE_STORES = new Map<string, (tx: SqlClient) => unknown>([
  ['masks', sqlMasksStore],
  ['returnees', sqlReturneesStore],
])

/** Any number that names the world's lock: two processes opening an empty database take turns. */
const WORLD_LOCK = 2020_0124

/** PostgreSQL's codes for a transaction that lost to another and may simply run again. */
const RETRYABLE = new Set(['40001', '40P01'])
const ATTEMPTS = 3

function worldStore(tx: SqlClient): WorldStore {
  return {
    async world() {
      await tx.query('select pg_advisory_xact_lock($1)', [WORLD_LOCK])
      const { rows } = await tx.query<{ name: string; value: string }>(
        "select name, value from core_settings where name in ('seed', 'secret')",
      )
      const settings = new Map(rows.map((r) => [r.name, r.value]))
      const seed = settings.get('seed')
      const secret = settings.get('secret')
      return seed === undefined || secret === undefined ? undefined : { seed: Number(seed), secret }
    },

    async wipe(world: StoredWorld) {
      await tx.query('select pg_advisory_xact_lock($1)', [WORLD_LOCK])
      // Every table and sequence the migrations made, whatever their number: a new one is wiped too.
      const tables = await tx.query<{ name: string }>(
        "select quote_ident(tablename) as name from pg_tables where schemaname = current_schema() and tablename <> 'schema_migrations'",
      )
      if (tables.rows.length > 0) await tx.query(`truncate ${tables.rows.map((t) => t.name).join(', ')} restart identity cascade`)
      const sequences = await tx.query<{ name: string }>(
        'select quote_ident(sequencename) as name from pg_sequences where schemaname = current_schema()',
      )
      for (const s of sequences.rows) await tx.query(`alter sequence ${s.name} restart`)
      await tx.query("insert into core_settings (name, value) values ('seed', $1), ('secret', $2)", [String(world.seed), world.secret])
    },
  }
}

function storesOf(tx: SqlClient, fallback: MemoryFallback): RequestStores {
  return {
    core: sqlCoreStore(tx),
    service(name) {
      const make = SERVICE_STORES.get(name)
      return make ? make(tx) : fallback.service(name)
    },
    database: worldStore(tx),
  }
}

/**
 * The backend's storage on a database (PostgreSQL or PGlite, see ./open.ts): each request is one
 * transaction, committed when it answers and rolled back when it throws; one that lost a
 * deadlock or a serialisation conflict to another runs again, up to three times.
 */
export function sqlStorage(database: Database): (fallback: MemoryFallback) => Storage {
  return (fallback) => ({
    async run(work) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await database.transaction((tx) => work(storesOf(tx, fallback)))
        } catch (e) {
          const code = (e as { code?: unknown }).code
          if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw e
        }
      }
    },
  })
}
