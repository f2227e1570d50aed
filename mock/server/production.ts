/**
 * `npm run server`: the backend as a district would run it. No `/__mock` controls, the real
 * clock, tokens and codes from the machine's secure random source, SMS codes left in the
 * database's outbox (`core_sms`) for a gateway and never in an answer, the same HTTP edge (body
 * limit, schemas) as the mock. The environment says everything, and a missing setting stops it
 * before it listens:
 * - `DATABASE_URL` (required): `postgres://…`, or `pglite:<folder>` for a single process;
 * - `SERVER_SECRET` (required, 32 characters or more): signs list cursors, the same in every process;
 * - `PORT` (default 8080), `HOST` (default 127.0.0.1: put a proxy in front), `DATABASE_POOL_SIZE` (default 10).
 * SIGTERM stops taking connections, lets the requests in flight finish, closes the pool and exits.
 */
import { createBackend } from '../backend'
import { MockClock } from '../core/clock'
import { describeDatabaseUrl, migrateDatabase, openDatabase, type Database } from '../store/open'
import { sqlStorage } from '../store/sql-storage'
import { createMockHttpServer } from './http-server'
import { serverSettings } from './settings'

async function main(): Promise<void> {
  const settings = serverSettings(process.env)
  if (Array.isArray(settings)) {
    for (const problem of settings) console.error(`[server] ${problem}`)
    process.exit(2)
  }
  const database: Database = await openDatabase(settings.url, { poolSize: settings.poolSize })
  const applied = await migrateDatabase(database)
  if (applied.length > 0) console.log(`[server] migrations applied: ${applied.join(', ')}`)

  const backend = createBackend({
    controls: false,
    devCodes: false,
    clock: new MockClock(Date.now()),
    cursorKey: settings.secret,
    storage: sqlStorage(database),
  })
  await backend.ready()

  const server = createMockHttpServer({
    backend,
    health: async () => {
      await database.db.query('select 1')
      return true
    },
    onAnswer: ({ method, path, status, ms }) => console.log(`[server] ${method} ${path} ${status} ${ms}ms`),
  })
  server.listen(settings.port, settings.host, () => {
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : settings.port
    console.log(
      `[server] ready at http://${settings.host}:${port}/api/v1 (pid ${process.pid}; records in ${describeDatabaseUrl(settings.url)})`,
    )
  })

  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    console.log('[server] stopping: finishing the requests in flight')
    server.close(() => {
      void database.close().finally(() => process.exit(0))
    })
    // Idle keep-alive connections would hold `close` open; busy ones finish their request first.
    server.closeIdleConnections()
    setTimeout(() => {
      console.error('[server] requests still running after 10 s: exiting anyway')
      process.exit(1)
    }, 10_000).unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((e: unknown) => {
  console.error(`[server] could not start: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
