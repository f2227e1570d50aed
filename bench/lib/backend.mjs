// Step 6: the mock backend over HTTP on loopback under autocannon, beside a bare Node `http` server
// answering a fixed JSON, with the correctness of the reservations made under load.
import autocannon from 'autocannon'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BIN, ROOT, freePort, get, log, pool, post, startServer } from './util.mjs'

const LIVE = new Set(['entered', 'reserved', 'picked_up'])
/** What a job seeker types: titles, an employer word, Latin in both cases. */
const QUERIES = ['工程师', '司机', '操作工', '店长', '上海', '厨师', 'java', '快递', '客服', 'UI']

/** Deterministic outlet/quantity choices, so two runs send the same mix. */
function prng(seed) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function summarize(result, extra = {}) {
  return {
    connections: result.connections,
    durationSec: result.duration,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    ...extra,
  }
}

function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ timeout: 20, ...opts }, (err, result) => (err ? reject(err) : resolve(result)))
  })
}

async function allOutlets(base) {
  const items = []
  let cursor = null
  do {
    const q = new URLSearchParams({ limit: '50', ...(cursor ? { cursor } : {}) })
    const res = await get(base, `/api/v1/masks/outlets?${q}`)
    if (res.status !== 200) throw new Error(`outlets ${res.status}`)
    items.push(...res.body.items)
    cursor = res.body.nextCursor
  } while (cursor)
  return items
}

async function newRound(base, stockPerOutlet) {
  const current = await get(base, '/api/v1/masks/rounds/current')
  const now = Date.parse(current.body.serverTime)
  const iso = (ms) => new Date(ms + 8 * 3600e3).toISOString().replace(/\.\d+Z$/, '+08:00')
  const res = await post(base, '/__mock/masks/round', {
    allocation: 'first_come',
    perPersonLimit: 2,
    opensAt: iso(now - 60e3),
    closesAt: iso(now + 24 * 3600e3),
    pickupFrom: iso(now),
    pickupUntil: iso(now + 48 * 3600e3),
    stockPerOutlet,
  })
  if (res.status !== 201) throw new Error(`round ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.round
}

const remainingOf = async (base) => new Map((await allOutlets(base)).map((o) => [o.id, o.remaining]))
const sameStock = (a, b) => a.size === b.size && [...a].every(([id, n]) => b.get(id) === n)

/**
 * What the server holds after a run, read back over the API: each account's live reservations
 * of the round (one account = one verified document), each outlet's remaining stock. Requests
 * the load generator left in flight are still being answered when it returns, so the check first
 * waits until the stock stops moving, and reads it again after reading the reservations.
 */
async function checkRound(base, round, accounts, stockPerOutlet, clientCreated) {
  let before = await remainingOf(base)
  for (;;) {
    await new Promise((r) => setTimeout(r, 500))
    const again = await remainingOf(base)
    if (sameStock(before, again)) break
    before = again
  }
  const perOutlet = new Map()
  let docsWithTwo = 0
  let live = 0
  await pool(accounts, 32, async (a) => {
    const res = await get(base, '/api/v1/masks/reservations?limit=50', { Authorization: `Bearer ${a.token}` })
    if (res.status !== 200) throw new Error(`reservations ${res.status}`)
    const mine = res.body.items.filter((r) => r.roundId === round.id && LIVE.has(r.state))
    if (mine.length > 1) docsWithTwo += 1
    live += mine.length
    for (const r of mine) perOutlet.set(r.outletId, (perOutlet.get(r.outletId) ?? 0) + r.quantity)
  })
  const outlets = await allOutlets(base)
  const stable = sameStock(before, new Map(outlets.map((o) => [o.id, o.remaining])))
  let oversold = 0
  let negative = 0
  let mismatched = 0
  let soldOut = 0
  for (const o of outlets) {
    const taken = perOutlet.get(o.id) ?? 0
    if (taken > stockPerOutlet) oversold += 1
    if (o.remaining < 0) negative += 1
    if (o.remaining + taken !== stockPerOutlet) mismatched += 1
    if (o.remaining === 0) soldOut += 1
  }
  return {
    outlets: outlets.length,
    stockPerOutlet,
    stable,
    liveReservations: live,
    createdSeenByClient: clientCreated,
    unitsTaken: [...perOutlet.values()].reduce((n, q) => n + q, 0),
    outletsSoldOut: soldOut,
    outletsOversold: oversold,
    outletsNegative: negative,
    outletsStockMismatch: mismatched,
    documentsWithTwoLive: docsWithTwo,
  }
}

/**
 * The mock as `npm run mock` runs it, with `accountCount` verified people made in-process before
 * it listens (bench/load-server.ts); on a database when `database` is given (wiped and reseeded
 * first), and then with `processes` servers on it, the others joining the first's world.
 */
async function startLoadServer(dir, accountCount, { database, processes = 1 } = {}) {
  const servers = []
  let accounts = []
  try {
    for (let i = 0; i < processes; i += 1) {
      const port = await freePort()
      const file = join(dir, `accounts-${port}.json`)
      const args = [
        join(ROOT, 'bench/load-server.ts'),
        '--port',
        String(port),
        '--accounts',
        String(i === 0 ? accountCount : 0),
        '--out',
        file,
      ]
      if (database) args.push('--database', database)
      const server = await startServer(BIN('tsx'), args, { readyText: 'ready', timeoutMs: 300_000 })
      servers.push({ base: `http://127.0.0.1:${port}`, stop: server.stop })
      if (i === 0) accounts = JSON.parse(readFileSync(file, 'utf8'))
    }
  } catch (e) {
    await Promise.all(servers.map((s) => s.stop()))
    throw e
  }
  return {
    base: servers[0].base,
    bases: servers.map((s) => s.base),
    accounts,
    stop: () => Promise.all(servers.map((s) => s.stop())),
  }
}

/** Runs autocannon against every base at once, the connections split between them, and adds the figures up. */
async function cannonAll(bases, opts) {
  const each = Math.max(1, Math.round(opts.connections / bases.length))
  const results = await Promise.all(bases.map((url) => cannon({ ...opts, url, connections: each })))
  if (results.length === 1) return results[0]
  const sum = (f) => results.reduce((n, r) => n + f(r), 0)
  const max = (f) => Math.max(...results.map(f))
  return {
    connections: sum((r) => r.connections),
    duration: max((r) => r.duration),
    requests: { total: sum((r) => r.requests.total), average: sum((r) => r.requests.average) },
    // The slower process's percentiles: an upper bound of the pair's.
    latency: { p50: max((r) => r.latency.p50), p99: max((r) => r.latency.p99), max: max((r) => r.latency.max) },
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
  }
}

/** Job search, then a rush of reservations on a fresh round, with what the server holds read back. */
async function measure(target, outletIds, common, stockPerOutlet) {
  let qi = 0
  const jobs = summarize(
    await cannonAll(target.bases, {
      ...common,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => ({ ...req, path: `/api/v1/jobs?q=${encodeURIComponent(QUERIES[qi++ % QUERIES.length])}` }),
        },
      ],
    }),
  )

  // A fresh first-come round with little stock: the rush sells it out within the run.
  const round = await newRound(target.base, stockPerOutlet)
  const rand = prng(common.connections)
  let ai = 0
  const outcomes = {}
  let created = 0
  const { accounts } = target
  const masksResult = await cannonAll(target.bases, {
    ...common,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/masks/reservations',
        setupRequest: (req) => {
          const account = accounts[ai++ % accounts.length]
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${account.token}`,
              // The app sends a fresh key with every create; the server stores each answer.
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify({
              roundId: round.id,
              outletId: outletIds[Math.floor(rand() * outletIds.length)],
              quantity: rand() < 0.5 ? 1 : 2,
            }),
          }
        },
        onResponse: (status, body) => {
          let key = String(status)
          if (status === 201) created += 1
          else {
            try {
              key = `${status} ${JSON.parse(body).error.code}`
            } catch {
              // not JSON: keep the status alone
            }
          }
          outcomes[key] = (outcomes[key] ?? 0) + 1
        },
      },
    ],
  })
  const check = await checkRound(target.base, round, accounts, stockPerOutlet, created)
  return { jobs, masks: summarize(masksResult, { outcomes, check }) }
}

/**
 * The stores the backend rows are measured on besides memory: PGlite in a scratch folder always;
 * PostgreSQL, with one process and with two, when DATABASE_URL names a database to wipe (run the
 * bench under `scripts/with-postgres.sh`, which makes a throw-away one).
 */
function databaseTargets(dir) {
  const targets = [{ name: 'PGlite', database: `pglite:${join(dir, 'pglite')}`, processes: 1 }]
  const url = process.env.DATABASE_URL
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    targets.push({ name: 'PostgreSQL, 1 process', database: url, processes: 1 })
    targets.push({ name: 'PostgreSQL, 2 processes', database: url, processes: 2 })
  }
  return targets
}

/**
 * Each concurrency level gets a freshly started mock, so rows stay independent: a server keeps
 * every Idempotency-Key answer for 24 h (the sweep, at most once a minute of server time, drops
 * only expired ones) and every reservation of earlier rounds, so a row run after others on one
 * server would also measure what they left behind, not only its concurrency. A database row's
 * server wipes and reseeds its database first, for the same reason.
 */
export async function backendBench({
  levels = [1, 50, 500],
  durationSec = 5,
  accountCount = 2000,
  stockPerOutlet = 5,
  databases = true,
} = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-backend-'))
  let bare
  let mock
  try {
    log(`backend: starting the mock with ${accountCount} verified accounts…`)
    const t0 = Date.now()
    mock = await startLoadServer(dir, accountCount)
    const setupSec = (Date.now() - t0) / 1000
    // The baseline answers one job-search page of this run, byte for byte.
    const sample = await fetch(`${mock.base}/api/v1/jobs?q=${encodeURIComponent(QUERIES[0])}`)
    const sampleText = await sample.text()
    writeFileSync(join(dir, 'body.json'), sampleText)
    const barePort = await freePort()
    bare = await startServer(process.execPath, [join(ROOT, 'bench/lib/bare-server.mjs'), String(barePort), join(dir, 'body.json')], {
      readyText: 'ready',
    })
    const bareBase = `http://127.0.0.1:${barePort}`

    const outletIds = (await allOutlets(mock.base)).map((o) => o.id)
    const targets = databases ? databaseTargets(dir) : []

    const rows = { bareGet: [], barePost: [], jobs: [], masks: [] }
    const stores = targets.map((t) => ({ name: t.name, processes: t.processes, jobs: [], masks: [] }))
    const samplePostBody = JSON.stringify({ roundId: 'rd0', outletId: outletIds[0], quantity: 1 })
    for (const [li, connections] of levels.entries()) {
      const common = { connections, duration: durationSec }
      if (li > 0) {
        await mock.stop()
        mock = await startLoadServer(dir, accountCount)
      }
      log(`backend: ${connections} connection(s)…`)

      rows.bareGet.push(summarize(await cannon({ ...common, url: `${bareBase}/api/v1/jobs?q=x` })))
      rows.barePost.push(
        summarize(
          await cannon({
            ...common,
            url: `${bareBase}/api/v1/masks/reservations`,
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${mock.accounts[0].token}`,
              'idempotency-key': randomUUID(),
            },
            body: samplePostBody,
          }),
        ),
      )
      const onMemory = await measure(mock, outletIds, common, stockPerOutlet)
      rows.jobs.push(onMemory.jobs)
      rows.masks.push(onMemory.masks)

      for (const [ti, target] of targets.entries()) {
        log(`backend: ${connections} connection(s) on ${target.name}…`)
        const started = await startLoadServer(dir, accountCount, target)
        try {
          const measured = await measure(started, outletIds, common, stockPerOutlet)
          stores[ti].jobs.push(measured.jobs)
          stores[ti].masks.push(measured.masks)
        } finally {
          await started.stop()
        }
      }
    }
    return {
      accounts: accountCount,
      setupSec,
      queries: QUERIES,
      bareBodyBytes: Buffer.byteLength(sampleText),
      stockPerOutlet,
      rows,
      stores,
      postgres: targets.some((t) => t.database.startsWith('postgres')),
    }
  } finally {
    if (mock) await mock.stop()
    if (bare) await bare.stop()
  }
}
