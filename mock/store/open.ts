import { mkdirSync } from 'node:fs'
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
  /** Several statements in one text, without parameters (a reset, a migration file). */
  script(sql: string): Promise<void>
  /** One session for work that must stay on one connection (a lock, a transaction). */
  session<T>(work: (session: SqlClient) => Promise<T>): Promise<T>
  /** `work` in one transaction on one session: committed when it returns, rolled back when it throws. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres'
  if (/^pglite:.+/.test(url)) return 'pglite'
  throw new Error(`DATABASE_URL must be postgres://… or pglite:<folder> (pglite:memory for none), not ${describeDatabaseUrl(url)}`)
}

/** The URL without its password, for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')
}

/** Brings a database's schema up to date; the versions applied. */
export function migrateDatabase(database: Database): Promise<number[]> {
  return database.session((session) => migrate(session))
}

async function inTransaction<T>(session: SqlClient, work: (tx: SqlClient) => Promise<T>): Promise<T> {
  await session.query('begin')
  try {
    const answer = await work(session)
    await session.query('commit')
    return answer
  } catch (e) {
    await session.query('rollback')
    throw e
  }
}

export interface OpenOptions {
  /** PostgreSQL: the pool's connections (default 10). */
  poolSize?: number
  /** PGlite: start from this dump of another PGlite's data (`dumpPglite`), e.g. a seeded template for tests. */
  from?: Blob
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  if (databaseKind(url) === 'postgres') {
    const pool = new Pool({ connectionString: url, max: options.poolSize ?? 10 })
    const session: Database['session'] = async (work) => {
      const client = await pool.connect()
      try {
        return await work(pgClient(client))
      } finally {
        client.release()
      }
    }
    return {
      kind: 'postgres',
      db: pgClient(pool),
      // node-postgres sends a query without parameters as a simple query, which may hold several.
      script: async (sql) => {
        await pool.query(sql)
      },
      session,
      transaction: (work) => session((s) => inTransaction(s, work)),
      close: () => pool.end(),
    }
  }
  const folder = url.slice('pglite:'.length)
  // A fresh clone has no .data/ yet: PGlite makes only the last folder of the path itself.
  if (folder !== 'memory') mkdirSync(folder, { recursive: true })
  const lite =
    folder === 'memory' ? new PGlite(options.from ? { loadDataDir: options.from } : {}) : new PGlite(folder, { loadDataDir: options.from })
  await lite.waitReady
  // PGlite is one connection for the whole process: the database is its own session. (Its
  // runExclusive cannot serve here: a query inside it waits for the lock it holds.)
  return {
    kind: 'pglite',
    db: lite,
    script: async (sql) => {
      await lite.exec(sql)
    },
    session: (work) => work(lite),
    // PGlite's own transaction queues the process's other queries until it ends.
    transaction: (work) => lite.transaction((tx) => work(tx)),
    close: () => lite.close(),
  }
}

/** A PGlite database's data as one blob, to open copies of it with `openDatabase(url, { from })`. */
export async function dumpPglite(database: Database): Promise<Blob> {
  if (!(database.db instanceof PGlite)) throw new Error('only a PGlite database can be dumped')
  return database.db.dumpDataDir('none')
}
