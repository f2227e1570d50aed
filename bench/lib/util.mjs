// Small helpers shared by the benchmark steps: processes, ports, HTTP, statistics.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const BIN = (name) => join(ROOT, 'node_modules', '.bin', name)

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

/** Runs a command to the end; resolves with its exit code and the tail of its output. */
export function run(cmd, args, { cwd = ROOT, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    const keep = (d) => {
      out += String(d)
      if (out.length > 400_000) out = out.slice(-200_000)
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.on('close', (code) => resolve({ code, out }))
  })
}

/**
 * Starts a long-running server process and waits for `readyText` on its stdout.
 * Returns { port, base, stop }; stop() ends this process only (by its own pid).
 */
export async function startServer(cmd, args, { readyText, cwd = ROOT, env = {}, timeoutMs = 60_000 } = {}) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stderr.on('data', (d) => {
    log += String(d)
  })
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cmd} ${args.join(' ')} not ready in ${timeoutMs / 1000} s\n${log}`)), timeoutMs)
    child.stdout.on('data', (d) => {
      if (String(d).includes(readyText)) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${cmd} exited with ${code} before it was ready\n${log}`))
    })
  })
  // Keep draining stdout so the pipe never fills and blocks the server.
  child.stdout.resume()
  return {
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 3000).unref()
      }),
  }
}

/** Starts the project's mock server (optionally serving a static H5 build) on a free port. */
export async function startMock({ staticDir } = {}) {
  const port = await freePort()
  const args = ['mock/server/main.ts', '--port', String(port)]
  if (staticDir) args.push('--static', staticDir)
  const srv = await startServer(BIN('tsx'), args, { readyText: 'ready' })
  return { ...srv, port, base: `http://127.0.0.1:${port}` }
}

export async function post(base, path, body, headers = {}) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body ?? {}),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

export async function get(base, path, headers = {}) {
  const res = await fetch(`${base}${path}`, { headers })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

export function median(values) {
  const xs = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b)
  if (xs.length === 0) return null
  const mid = Math.floor(xs.length / 2)
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2
}

export function ratio(a, b) {
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : null
}

/** Runs async jobs with at most `limit` at once, in order of the list. */
export async function pool(items, limit, fn) {
  const results = new Array(items.length)
  let next = 0
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i], i)
    }
  })
  await Promise.all(workers)
  return results
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** A valid mainland resident ID number (GB 11643 check digit), distinct for each n < 10^7. */
export function residentId(n) {
  const year = 1950 + (n % 50)
  const month = String((n % 12) + 1).padStart(2, '0')
  const day = String((n % 28) + 1).padStart(2, '0')
  // Region 4201xx (Wuhan) and a sequence number that carries n, so no two are equal.
  const seq = String(Math.floor(n / 50) % 1000).padStart(3, '0')
  const region = `42${String(Math.floor(n / 50_000) % 100).padStart(2, '0')}01`
  const first17 = `${region}${year}${month}${day}${seq}`
  let sum = 0
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]
  return first17 + CHECK[sum % 11]
}

/**
 * Logs in `code` and passes real-name verification over HTTP with a fresh document.
 * Returns { token, user, docNumber, loginResponse }.
 */
export async function verifiedAccount(base, code, n) {
  const login = await post(base, '/api/v1/auth/login', { code })
  if (login.status !== 200) throw new Error(`login ${login.status} ${JSON.stringify(login.body)}`)
  const auth = { Authorization: `Bearer ${login.body.token}` }
  const phone = `137${String(n).padStart(8, '0')}`
  const sms = await post(base, '/api/v1/identity/sms', { phone }, auth)
  if (sms.status !== 200) throw new Error(`sms ${sms.status} ${JSON.stringify(sms.body)}`)
  const docNumber = residentId(n)
  const verify = await post(
    base,
    '/api/v1/identity/verify',
    { name: '王小明', docType: 'resident_id', docNumber, phone, smsCode: sms.body.devCode },
    auth,
  )
  if (verify.status !== 200) throw new Error(`verify ${verify.status} ${JSON.stringify(verify.body)}`)
  return { token: login.body.token, user: verify.body, docNumber, login: login.body }
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const log = (...args) => console.error('[bench]', ...args)
