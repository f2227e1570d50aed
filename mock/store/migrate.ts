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

/**
 * Applies the migrations a database has not had yet, each in its own transaction with its row in
 * `schema_migrations`, and returns the versions it applied. Run it again and it applies none.
 */
export async function migrate(db: SqlClient & { exec?(sql: string): Promise<unknown> }, list = migrations()): Promise<number[]> {
  await db.query(
    'create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())',
  )
  const done = new Set((await db.query<{ version: number }>('select version from schema_migrations')).rows.map((r) => Number(r.version)))
  const applied: number[] = []
  for (const m of list) {
    if (done.has(m.version)) continue
    // A file holds several statements: both clients take them as one simple query.
    await runScript(db, `begin;\n${m.sql}\ninsert into schema_migrations (version, name) values (${m.version}, '${m.name}');\ncommit;`)
    applied.push(m.version)
  }
  return applied
}

async function runScript(db: SqlClient & { exec?(sql: string): Promise<unknown> }, sql: string): Promise<void> {
  try {
    if (db.exec) await db.exec(sql)
    else await db.query(sql)
  } catch (e) {
    await db.query('rollback').catch(() => undefined)
    throw e
  }
}
