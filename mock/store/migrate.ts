import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { SqlClient } from './sql'

const MIGRATIONS_DIR = join(__dirname, 'migrations')

export interface Migration {
  version: number
  name: string
  sql: string
}

/** The versioned SQL files, `NNN_name.sql`, in the order they apply. */
export function migrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.slice(4, -4), sql: readFileSync(join(dir, f), 'utf8') }))
}

/** Any number that names the migrations' lock; two processes starting at once share it. */
const MIGRATION_LOCK = 2020_0210

/**
 * Applies the migrations a database has not had yet, in one transaction, each recorded in
 * `schema_migrations`, and returns the versions it applied. Run it again and it applies none; two
 * processes starting on one empty database at once apply them once: the second waits on the
 * lock, then finds them applied. `session` must be one connection (a pool client, or PGlite).
 */
export async function migrate(session: SqlClient & { exec?(sql: string): Promise<unknown> }, list = migrations()): Promise<number[]> {
  await session.query('begin')
  try {
    await session.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await session.query(
      'create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())',
    )
    const done = new Set(
      (await session.query<{ version: number }>('select version from schema_migrations')).rows.map((r) => Number(r.version)),
    )
    const applied: number[] = []
    for (const m of list) {
      if (done.has(m.version)) continue
      // A file holds several statements: PGlite takes them through exec, node-postgres as one
      // simple query (a query without parameters).
      if (session.exec) await session.exec(m.sql)
      else await session.query(m.sql)
      await session.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name])
      applied.push(m.version)
    }
    await session.query('commit')
    return applied
  } catch (e) {
    await session.query('rollback')
    throw e
  }
}
