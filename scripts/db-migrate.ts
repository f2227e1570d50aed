// `npm run db:migrate`: brings the database DATABASE_URL names up to date (see mock/store/open.ts
// for the URL forms) and says which migrations it applied. Unset, there is nothing to migrate:
// the backend then keeps everything in memory.
import { migrateDatabase, openDatabase } from '../mock/store/open'

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL
  if (!url) {
    console.error('DATABASE_URL is not set (postgres://… or pglite:<folder>): the memory store has no schema to migrate.')
    process.exitCode = 2
    return
  }
  const database = await openDatabase(url)
  try {
    const applied = await migrateDatabase(database)
    console.log(applied.length ? `applied migrations ${applied.join(', ')} (${database.kind})` : `schema up to date (${database.kind})`)
  } finally {
    await database.close()
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e)
  process.exitCode = 1
})
