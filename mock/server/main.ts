/**
 * `npm run mock`: the mock backend over HTTP on 127.0.0.1:$MOCK_PORT (default 9527).
 * `--static DIR` also serves the H5 build from DIR (what `npm start` does on port 10086).
 * `DATABASE_URL` picks where the records live: unset, in this process's memory (gone on exit);
 * `pglite:<folder>`, PGlite keeping its files there (`npm start` uses `.data/pglite`);
 * `postgres://…`, a PostgreSQL server. An empty database is migrated and seeded; one that holds
 * data is kept as it is. `MOCK_SECRET` pins tokens, SMS and pickup codes for a reproducible run;
 * without it they come from `crypto.getRandomValues`. Read here only: nothing the app bundles
 * sees the environment.
 */
import { createBackend } from '../backend'
import { describeDatabaseUrl, migrateDatabase, openDatabase, type Database } from '../store/open'
import { sqlStorage } from '../store/sql-storage'
import { createMockHttpServer } from './http-server'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

async function main(): Promise<void> {
  const port = Number(arg('port') ?? process.env.MOCK_PORT ?? 9527)
  const staticDir = arg('static')
  const seed = Number(arg('seed') ?? 1)
  const secret = process.env.MOCK_SECRET || undefined
  const url = process.env.DATABASE_URL || undefined

  let database: Database | undefined
  if (url) {
    database = await openDatabase(url)
    const applied = await migrateDatabase(database)
    if (applied.length > 0) console.log(`[mock] migrations applied: ${applied.join(', ')}`)
  }
  const backend = createBackend({ seed, controls: true, secret, storage: database && sqlStorage(database) })
  await backend.ready()
  const health = database && (async () => (await database.db.query('select 1'), true))
  const server = createMockHttpServer({ backend, staticDir, health })

  server.listen(port, '127.0.0.1', () => {
    const what = staticDir ? `H5 app and mock API` : 'mock API'
    const pinned = secret ? ', MOCK_SECRET pinned' : ''
    const where = url ? describeDatabaseUrl(url) : 'memory (forgotten on exit)'
    console.log(
      `[mock] ${what} ready at http://127.0.0.1:${port}${staticDir ? '/' : '/api/v1'} (seed ${backend.seed}${pinned}; records in ${where})`,
    )
  })

  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    // Requests in flight finish (their transactions commit) before the database closes.
    server.close(() => {
      void (database?.close() ?? Promise.resolve()).finally(() => process.exit(0))
    })
    server.closeIdleConnections()
    setTimeout(() => process.exit(0), 3000).unref()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e: unknown) => {
  console.error(`[mock] could not start: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
