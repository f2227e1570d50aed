import { HttpError } from '../core/http'
import { sqlFamilyStore } from '../family/sql-store'
import type { ClockReading, MemoryFallback, RequestStores, Storage, StoredWorld, WorldStore } from '../core/storage'
import { sqlJobsStore } from '../jobs/sql-store'
import { sqlMasksStore } from '../masks/sql-store'
import { sqlPassStore } from '../pass/sql-store'
import { sqlReturneesStore } from '../returnees/sql-store'
import { sqlCoreStore } from '../session/sql-store'
import type { Database } from './open'
import type { SqlClient } from './sql'

/** Each service's store on a transaction. A service not listed keeps its records in the process's memory. */
const SERVICE_STORES = new Map<string, (tx: SqlClient) => unknown>([
  ['masks', sqlMasksStore],
  ['returnees', sqlReturneesStore],
  ['jobs', sqlJobsStore],
  ['pass', sqlPassStore],
  ['family', sqlFamilyStore],
])

/** Any number that names the world's lock: two processes opening an empty database take turns. */
const WORLD_LOCK = 2020_0124

/** PostgreSQL's codes for a transaction that lost to another and may simply run again. */
const RETRYABLE = new Set(['40001', '40P01'])
const ATTEMPTS = 3

function worldStore(tx: SqlClient): WorldStore {
  const saveClock = async (reading: ClockReading) => {
    await tx.query("insert into core_settings (name, value) values ('clock', $1) on conflict (name) do update set value = excluded.value", [
      JSON.stringify(reading),
    ])
  }
  return {
    async world() {
      await tx.query('select pg_advisory_xact_lock($1)', [WORLD_LOCK])
      const { rows } = await tx.query<{ name: string; value: string }>(
        "select name, value from core_settings where name in ('seed', 'secret', 'clock')",
      )
      const settings = new Map(rows.map((r) => [r.name, r.value]))
      const seed = settings.get('seed')
      const secret = settings.get('secret')
      if (seed === undefined || secret === undefined) return undefined
      const clock = settings.get('clock')
      return clock === undefined ? { seed: Number(seed), secret } : { seed: Number(seed), secret, clock: JSON.parse(clock) as ClockReading }
    },

    saveClock,

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
      if (world.clock) await saveClock(world.clock)
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
    async rule(work) {
      await tx.query('savepoint rule')
      let answer
      try {
        answer = await work()
      } catch (e) {
        // Anything but a refusal aborts the whole transaction anyway.
        if (e instanceof HttpError) await tx.query(e.keepsWrites ? 'release savepoint rule' : 'rollback to savepoint rule')
        throw e
      }
      await tx.query('release savepoint rule')
      return answer
    },
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
