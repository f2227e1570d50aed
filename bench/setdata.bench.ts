/**
 * `npm run bench` step 3 (run by bench/run.mjs through bench/jest.setdata.config.js): every page
 * of the weapp build hosted in miniprogram-simulate by the lead's host (__tests__/weapp/harness.ts),
 * as a verified citizen on seed data. For each page: how many setData calls the first render
 * took and how large they were, in UTF-8 bytes of their JSON (what crosses to the render layer).
 * The figures go to the JSON file named by BENCH_SETDATA_OUT; nothing here asserts a figure.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Backend } from '@/mock/backend'
import { call, testBackend, verifiedCitizen } from '../__tests__/helpers/backend'
import { WEAPP_DIST, clearWeappStorage, hostPage } from '../__tests__/weapp/harness'

type Payload = Record<string, unknown>
type SetData = (payload: Payload, cb?: () => void) => unknown

interface PageFigures {
  page: string
  query: Record<string, string>
  status: 'ok' | 'failed'
  error?: string
  /** setData calls of the page from load until it was quiet for QUIET_MS. */
  calls: number
  /** The largest single payload, UTF-8 bytes of its JSON. */
  maxBytes: number
  totalBytes: number
  /** Calls and largest payload up to the first render only (what the host waits for). */
  firstRenderCalls: number
  firstRenderMaxBytes: number
  /** setData of other components (Taro's custom wrappers), if any. */
  otherCalls: number
  otherMaxBytes: number
  /** The host's own count (UTF-16 units of the JSON), to cross-check the byte count. */
  hostMaxChars: number
  settleMs: number
  /** The start of what the page shows once settled, to see that it rendered its content. */
  text: string
}

const QUIET_MS = 400
const MAX_WAIT_MS = 8000

function utf8Bytes(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4
      i += 1
    } else bytes += 3
  }
  return bytes
}

/**
 * miniprogram-simulate sets the global `Component` each time it is loaded; the host turns each
 * `Page()` into a `Component()` and counts its page's setData. Wrapping `Component` here sees every
 * component's setData in bytes, without touching the host.
 */
const recorded: { page: boolean; bytes: number; at: number }[] = []
let simulateComponent: ((def: Payload) => unknown) | undefined
Object.defineProperty(globalThis, 'Component', {
  configurable: true,
  set(fn: (def: Payload) => unknown) {
    simulateComponent = fn
  },
  get() {
    if (!simulateComponent) return undefined
    const inner = simulateComponent
    return (def: Payload) => {
      const lifetimes = (def.lifetimes ?? {}) as Record<string, (this: Payload) => void>
      const isPage = typeof (def.methods as Record<string, unknown> | undefined)?.onLoad === 'function'
      const created = lifetimes.created
      def.lifetimes = {
        ...lifetimes,
        created(this: Payload) {
          created?.call(this)
          const next = this.setData as SetData
          this.setData = (payload: Payload, cb?: () => void) => {
            recorded.push({ page: isPage, bytes: utf8Bytes(JSON.stringify(payload)), at: Date.now() })
            return next.call(this, payload, cb)
          }
        },
      }
      return inner(def)
    }
  },
})

interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
}

function allPages(): string[] {
  const app = JSON.parse(readFileSync(join(WEAPP_DIST, 'app.json'), 'utf8')) as AppJson
  const subs = app.subPackages ?? app.subpackages ?? []
  return [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))]
}

/**
 * Pages that open on a record take its id from the query: give them one from the seed (or one
 * this citizen just made), so they render the record instead of a "not found" state.
 */
function seededQueries(backend: Backend, token: string): Record<string, Record<string, string>> {
  const jobs = call(backend, 'GET', '/jobs', { query: { limit: '1' } }).body as { items?: { id: string }[] }
  const jobId = jobs.items?.[0]?.id
  const outlets = call(backend, 'GET', '/masks/outlets', { query: { limit: '1' } }).body as { items?: { id: string }[] }
  const outletId = outlets.items?.[0]?.id
  const round = call(backend, 'GET', '/masks/rounds/current').body as { round?: { id: string } }
  let reservationId: string | undefined
  if (round.round && outletId) {
    const made = call(backend, 'POST', '/masks/reservations', { token, body: { roundId: round.round.id, outletId, quantity: 1 } })
    reservationId = (made.body as { id?: string }).id
  }
  const q: Record<string, Record<string, string>> = {}
  if (jobId) {
    q['jobs/pages/detail/index'] = { id: jobId }
    q['jobs/pages/apply/index'] = { id: jobId }
  }
  if (outletId) {
    q['masks/pages/outlet/index'] = { id: outletId, outletId }
    q['masks/pages/reserve/index'] = { id: outletId, outletId }
  }
  if (reservationId) q['masks/pages/reservation/index'] = { id: reservationId }
  return q
}

const results: PageFigures[] = []

beforeEach(() => {
  jest.resetModules()
})

afterAll(() => {
  const out = process.env.BENCH_SETDATA_OUT
  if (out) writeFileSync(out, JSON.stringify({ dist: WEAPP_DIST, quietMs: QUIET_MS, pages: results }, null, 2))
})

it('hosts every page of the weapp build and records its setData', async () => {
  const backend = testBackend()
  const citizen = verifiedCitizen(backend, 'bench:setdata')
  const queries = seededQueries(backend, citizen.token)

  // The host's storage is shared by every hosted page and reachable only through its `wx`:
  // host one page to get a `wx`, then store this verified citizen's login code in it, so every
  // measured page opens for them (the app logs in silently with the code in storage).
  clearWeappStorage()
  const warm = await hostPage('pages/home/index', backend)
  warm.unload()
  clearWeappStorage()
  const wx = (globalThis as unknown as { wx: { setStorageSync(k: string, v: unknown): void } }).wx
  wx.setStorageSync('app:device-key', JSON.stringify('bench:setdata'))

  for (const page of allPages()) {
    jest.resetModules()
    recorded.length = 0
    const query = queries[page] ?? {}
    const started = Date.now()
    const figures: PageFigures = {
      page,
      query,
      status: 'ok',
      calls: 0,
      maxBytes: 0,
      totalBytes: 0,
      firstRenderCalls: 0,
      firstRenderMaxBytes: 0,
      otherCalls: 0,
      otherMaxBytes: 0,
      hostMaxChars: 0,
      settleMs: 0,
      text: '',
    }
    try {
      const hosted = await hostPage(page, backend, query)
      const first = recorded.filter((r) => r.page)
      figures.firstRenderCalls = first.length
      figures.firstRenderMaxBytes = Math.max(0, ...first.map((r) => r.bytes))
      // Then wait until the page stops sending: its data has arrived and been drawn.
      while (Date.now() - started < MAX_WAIT_MS) {
        const last = recorded.length ? recorded[recorded.length - 1].at : started
        if (Date.now() - last >= QUIET_MS) break
        await new Promise((r) => setTimeout(r, 50))
      }
      const mine = recorded.filter((r) => r.page)
      const other = recorded.filter((r) => !r.page)
      figures.calls = mine.length
      figures.maxBytes = Math.max(0, ...mine.map((r) => r.bytes))
      figures.totalBytes = mine.reduce((n, r) => n + r.bytes, 0)
      figures.otherCalls = other.length
      figures.otherMaxBytes = Math.max(0, ...other.map((r) => r.bytes))
      figures.hostMaxChars = Math.max(0, ...hosted.setDataSizes)
      figures.settleMs = Date.now() - started
      figures.text = hosted.text().slice(0, 100)
      hosted.unload()
    } catch (e) {
      figures.status = 'failed'
      figures.error = e instanceof Error ? e.message.split('\n')[0] : String(e)
    }
    results.push(figures)
  }
  expect(results.length).toBeGreaterThan(0)
}, 180_000)
