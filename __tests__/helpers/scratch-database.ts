import type { SqlClient } from '@/mock/store/sql'

/**
 * Empties the run's own PostgreSQL database (scripts/with-postgres.sh makes and names it) so the
 * migrations run from empty. Any other database is refused rather than wiped.
 */
export async function emptyScratchDatabase(db: SqlClient): Promise<void> {
  const { rows } = await db.query<{ name: string }>('select current_database() as name')
  const name = rows[0]?.name ?? ''
  if (!name.startsWith('citizen_scratch_')) throw new Error(`refusing to wipe ${name}: not a scratch database`)
  await db.query('drop schema if exists public cascade; create schema public;')
}
