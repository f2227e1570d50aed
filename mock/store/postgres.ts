import type { Pool, PoolClient } from 'pg'
import type { SqlClient } from './sql'

/**
 * node-postgres as the stores' SqlClient: a pool (each statement on whichever connection is free)
 * or one checked-out connection (a transaction). Node-only: nothing of it reaches an app bundle.
 */
export function pgClient(db: Pool | PoolClient): SqlClient {
  return {
    async query<T>(text: string, params?: unknown[]) {
      const result = await db.query(text, params)
      return { rows: result.rows as T[] }
    },
  }
}
