import { PGlite } from '@electric-sql/pglite'
import { Pool } from 'pg'
import { migrate } from './migrate'
import { pgClient } from './postgres'
import type { SqlClient } from './sql'

/**
 * Which database a `DATABASE_URL` names (Node only, never in an app bundle):
 * - `postgres://…` or `postgresql://…`: a PostgreSQL server, through a pool;
 * - `pglite:<folder>` (e.g. `pglite:.data/pglite`): PGlite keeping its files in that folder;
 *   `pglite:memory` keeps nothing (tests).
 * Anything else is refused with the forms it accepts, rather than guessed at.
 */
export type DatabaseKind = 'postgres' | 'pglite'

export interface Database {
  kind: DatabaseKind
  /** Statements on any free connection. */
  db: SqlClient
  /** One session for work that must stay on one connection (a lock, a transaction). */
  session<T>(work: (session: SqlClient) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres'
  if (/^pglite:.+/.test(url)) return 'pglite'
  throw new Error(`DATABASE_URL must be postgres://… or pglite:<folder> (pglite:memory for none), not ${describe(url)}`)
}

/** The URL without its password, for messages and logs. */
function describe(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')
}

/** Brings a database's schema up to date; the versions applied. */
export function migrateDatabase(database: Database): Promise<number[]> {
  return database.session((session) => migrate(session))
}

export async function openDatabase(url: string, options: { poolSize?: number } = {}): Promise<Database> {
  if (databaseKind(url) === 'postgres') {
    const pool = new Pool({ connectionString: url, max: options.poolSize ?? 10 })
    return {
      kind: 'postgres',
      db: pgClient(pool),
      async session(work) {
        const client = await pool.connect()
        try {
          return await work(pgClient(client))
        } finally {
          client.release()
        }
      },
      close: () => pool.end(),
    }
  }
  const folder = url.slice('pglite:'.length)
  const lite = folder === 'memory' ? new PGlite() : new PGlite(folder)
  await lite.waitReady
  // PGlite is one connection for the whole process: the database is its own session. (Its
  // runExclusive cannot serve here: a query inside it waits for the lock it holds.)
  return {
    kind: 'pglite',
    db: lite,
    session: (work) => work(lite),
    close: () => lite.close(),
  }
}
