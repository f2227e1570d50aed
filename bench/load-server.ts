/**
 * `npm run bench` step 6: the mock server exactly as `npm run mock` runs it (same backend, same
 * HTTP server module), except that before it listens it makes `--accounts N` verified citizens
 * in-process through the same session and identity routes, and writes their tokens to `--out`.
 * Making thousands of people over HTTP first would take longer than the whole benchmark.
 *
 * `--database <url>` runs it on a database instead of memory (`pglite:<folder>`, `postgres://…`):
 * with accounts to make, the database is first wiped and reseeded (each row of the bench starts
 * from the same world); `--accounts 0` joins a database another load server has filled (the
 * second process of a pair).
 *
 *   tsx bench/load-server.ts --port 9600 --accounts 2000 --out /tmp/accounts.json [--database postgres://…]
 */
import { writeFileSync } from 'node:fs'
import { createBackend } from '../mock/backend'
import { residentId } from '../mock/core/people'
import { createMockHttpServer } from '../mock/server/http-server'
import { migrateDatabase, openDatabase, type Database } from '../mock/store/open'
import { sqlStorage } from '../mock/store/sql-storage'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

const port = Number(arg('port') ?? 9600)
const count = Number(arg('accounts') ?? 0)
const out = arg('out')
const url = arg('database')
let database: Database | undefined
let backend: ReturnType<typeof createBackend>

interface Answer {
  status: number
  body?: unknown
}

async function post(path: string, body: unknown, token?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  return await backend.handle({ method: 'POST', path: `/api/v1${path}`, query: {}, headers, rawBody: JSON.stringify(body) })
}

let server: ReturnType<typeof createMockHttpServer> | undefined

async function main(): Promise<void> {
  if (url) {
    database = await openDatabase(url, { poolSize: 20 })
    await migrateDatabase(database)
  }
  backend = createBackend({ seed: 1, controls: true, storage: database && sqlStorage(database) })
  await backend.ready()
  if (database && count > 0) await post('/__mock/reset', { seed: 1 })
  server = createMockHttpServer({ backend })
  const accounts: { token: string; docNumber: string }[] = []
  for (let i = 0; i < count; i += 1) {
    const login = (await post('/auth/login', { code: `bench:load:${i}` })) as Answer & { body: { token: string } }
    const phone = `137${String(i).padStart(8, '0')}`
    const sms = (await post('/identity/sms', { phone }, login.body.token)) as Answer & { body: { devCode: string } }
    // Wuhan (4201xx) region codes and birth dates that change with i: never a seeded person.
    const birth = `${1950 + (i % 50)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`
    const docNumber = residentId(`42${String(Math.floor(i / 50_000) % 100).padStart(2, '0')}01`, birth, Math.floor(i / 50))
    const verify = await post(
      '/identity/verify',
      { name: '王小明', docType: 'resident_id', docNumber, phone, smsCode: sms.body.devCode },
      login.body.token,
    )
    if (verify.status !== 200) throw new Error(`account ${i}: verify answered ${verify.status} ${JSON.stringify(verify.body)}`)
    accounts.push({ token: login.body.token, docNumber })
  }
  if (out) writeFileSync(out, JSON.stringify(accounts))

  server.listen(port, '127.0.0.1', () => {
    const where = database ? ` on ${database.kind}` : ''
    console.log(`[load-server] ${accounts.length} verified accounts${where}; mock API ready at http://127.0.0.1:${port}/api/v1`)
  })
}

function stop(): void {
  if (!server) process.exit(0)
  server.close(() => void (database ? database.close() : Promise.resolve()).finally(() => process.exit(0)))
  setTimeout(() => process.exit(0), 500).unref()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
