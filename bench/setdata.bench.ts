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
import { utf8Length } from '@/mock/core/http'
import { call, login, testBackend, verifiedCitizen } from '../__tests__/helpers/backend'
import { COMMUNITY, declarationBody, declare } from '../__tests__/helpers/returnees'
import { WEAPP_DIST, clearWeappStorage, hostPage } from '../__tests__/weapp/harness'

type Payload = Record<string, unknown>
type SetData = (payload: Payload, cb?: () => void) => unknown

interface PageFigures {
  page: string
  query: Record<string, string>
  /** Whose session: citizen, worker or staff (the login code's kind). */
  as: string
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
  /** Each page setData: ms after the page was loaded, and its bytes. */
  timeline: [number, number][]
}

const QUIET_MS = 1000
const MAX_WAIT_MS = 10_000

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
            recorded.push({ page: isPage, bytes: utf8Length(JSON.stringify(payload)), at: Date.now() })
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

interface Scenario {
  /** The login code and session the app finds in storage: a returning person, already logged in. */
  code: string
  session: { token: string; user: unknown }
  query: Record<string, string>
}

/**
 * Who opens each page, and with which record: a verified citizen with a declaration and a mask
 * reservation for the citizen's pages; the seed's community worker and outlet staff for their
 * work pages; a seeded id for pages that open on one record. A page not listed here opens for
 * the citizen with no query.
 */
async function scenarios(backend: Backend): Promise<{ fallback: Scenario; byPage: Record<string, Scenario> }> {
  const citizenCode = 'bench:setdata'
  const citizen = await verifiedCitizen(backend, citizenCode)
  await declare(backend, citizen.token, declarationBody(backend, { arrivalAgo: 3 }))
  const outlets = (await call(backend, 'GET', '/masks/outlets', { query: { limit: '1' } })).body as { items?: { id: string }[] }
  const outletId = outlets.items?.[0]?.id ?? ''
  const round = (await call(backend, 'GET', '/masks/rounds/current')).body as { round?: { id: string } }
  if (round.round && outletId) {
    await call(backend, 'POST', '/masks/reservations', { token: citizen.token, body: { roundId: round.round.id, outletId, quantity: 1 } })
  }
  const jobs = (await call(backend, 'GET', '/jobs', { query: { limit: '1' } })).body as { items?: { id: string }[] }
  const jobId = jobs.items?.[0]?.id ?? ''
  const workerCode = `worker:${COMMUNITY}`
  const workerSession = await login(backend, workerCode)
  const staffCode = `staff:${outletId}`
  const staffSession = await login(backend, staffCode)
  const listed = (await call(backend, 'GET', '/returnees/community/declarations', { token: workerSession.token, query: { limit: '1' } }))
    .body as {
    items?: { id: string }[]
  }
  const citizenSession = { token: citizen.token, user: citizen.user }
  const worker = (query: Record<string, string> = {}): Scenario => ({ code: workerCode, session: workerSession, query })
  const mine = (query: Record<string, string> = {}): Scenario => ({ code: citizenCode, session: citizenSession, query })
  return {
    fallback: mine(),
    byPage: {
      'masks/pages/reserve/index': mine({ outletId }),
      'masks/pages/pickup/index': { code: staffCode, session: staffSession, query: {} },
      'returnees/pages/console/index': worker(),
      'returnees/pages/register/index': worker(),
      'returnees/pages/person/index': worker({ id: listed.items?.[0]?.id ?? '' }),
      'jobs/pages/detail/index': mine({ id: jobId }),
      'jobs/pages/apply/index': mine({ id: jobId }),
    },
  }
}

const results: PageFigures[] = []

/** Resolves once no setData has come for QUIET_MS (or MAX_WAIT_MS after `started`). */
async function quiet(started: number): Promise<void> {
  while (Date.now() - started < MAX_WAIT_MS) {
    const last = recorded.length ? recorded[recorded.length - 1].at : started
    if (Date.now() - last >= QUIET_MS) return
    await new Promise((r) => setTimeout(r, 50))
  }
}

beforeEach(() => {
  jest.resetModules()
})

afterAll(() => {
  const out = process.env.BENCH_SETDATA_OUT
  if (out) writeFileSync(out, JSON.stringify({ dist: WEAPP_DIST, quietMs: QUIET_MS, pages: results }, null, 2))
})

it('hosts every page of the weapp build and records its setData', async () => {
  const backend = testBackend()
  const { fallback, byPage } = await scenarios(backend)

  // The host's storage is shared by every hosted page and reachable only through its `wx`:
  // host one page to get a `wx`; before each page, store the session and login code of the
  // person who opens it, as the app itself stores them (a returning person, already logged in).
  clearWeappStorage()
  const warm = await hostPage('pages/home/index', backend)
  await quiet(Date.now())
  warm.unload()
  const wx = () => (globalThis as unknown as { wx: { setStorageSync(k: string, v: unknown): void } }).wx

  const only = process.env.BENCH_SETDATA_ONLY
  for (const page of allPages().filter((p) => !only || p === only)) {
    const { code, session, query } = byPage[page] ?? fallback
    // Let what the previous page left in flight land before wiping its storage.
    await new Promise((r) => setTimeout(r, 100))
    const store = wx()
    clearWeappStorage()
    store.setStorageSync('app:device-key', JSON.stringify(code))
    store.setStorageSync(
      'p:session',
      JSON.stringify({ token: session.token, expiresAtLocal: Date.now() + 12 * 3600e3, user: session.user }),
    )
    jest.resetModules()
    recorded.length = 0
    const started = Date.now()
    const figures: PageFigures = {
      page,
      query,
      as: code.startsWith('worker:') ? 'worker' : code.startsWith('staff:') ? 'staff' : 'citizen',
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
      timeline: [],
    }
    try {
      const hosted = await hostPage(page, backend, query)
      const first = recorded.filter((r) => r.page)
      figures.firstRenderCalls = first.length
      figures.firstRenderMaxBytes = Math.max(0, ...first.map((r) => r.bytes))
      // Then wait until the page stops sending: its data has arrived and been drawn.
      await quiet(started)
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
      figures.timeline = mine.map((r) => [r.at - started, r.bytes])
      hosted.unload()
    } catch (e) {
      figures.status = 'failed'
      figures.error = e instanceof Error ? e.message.split('\n')[0] : String(e)
    }
    results.push(figures)
  }
  expect(results.length).toBeGreaterThan(0)
}, 180_000)
