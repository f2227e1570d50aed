// Step 3: cold loads of H5 pages in headless Chromium, beside the bare fixture's page.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, get, log, median, post, verifiedAccount } from './util.mjs'

export const VIEWPORT = { width: 375, height: 667 }

/**
 * Runs in the page before any of its scripts: records first-contentful-paint, and polls every
 * animation frame for the target (an element matching `selector`, containing `text` if given,
 * with a box inside the viewport and not hidden) and records the first frame it is there.
 */
function probe(target) {
  const state = { fcp: null, content: null }
  window.__bench = state
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint' && state.fcp === null) state.fcp = e.startTime
  }).observe({ type: 'paint', buffered: true })
  const onScreen = (el) => {
    const r = el.getBoundingClientRect()
    if (r.width <= 0 || r.height <= 0 || r.bottom <= 0 || r.top >= window.innerHeight) return false
    const s = getComputedStyle(el)
    return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0
  }
  const found = () => {
    const els = document.querySelectorAll(target.selector)
    let n = 0
    for (const el of els) if ((!target.text || (el.textContent || '').includes(target.text)) && onScreen(el)) n += 1
    return n >= (target.minCount || 1)
  }
  const tick = () => {
    if (state.content !== null) return
    if (document.body && found()) state.content = performance.now()
    else requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
}

/** Puts a returning person's session in storage the way the app itself stores it (Taro H5: {data}). */
function seedStorage(session) {
  if (!session) return
  const put = (key, value) => localStorage.setItem(key, JSON.stringify({ data: JSON.stringify(value) }))
  put('app:device-key', session.code)
  put('p:session', { token: session.token, expiresAtLocal: Date.now() + 12 * 3600e3, user: session.user })
}

async function coldLoad(browser, target, session, shotsDir, label, rtt) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 2, locale: 'zh-CN' })
  const page = await context.newPage()
  if (rtt > 0) {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    // Every request waits `rtt` ms; 16 Mbit/s down, 8 up: a 4G phone indoors.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: rtt, downloadThroughput: 2e6, uploadThroughput: 1e6 })
  }
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  try {
    await page.addInitScript(seedStorage, target.asReturning ? session : null)
    await page.addInitScript(probe, { selector: target.selector, text: target.text, minCount: target.minCount })
    await page.goto(target.url, { waitUntil: 'commit' })
    await page.waitForFunction(() => window.__bench && window.__bench.content !== null && window.__bench.fcp !== null, null, {
      timeout: 20_000,
      polling: 50,
    })
    const figures = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0]
      const resources = performance.getEntriesByType('resource')
      return {
        fcp: window.__bench.fcp,
        content: window.__bench.content,
        domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
        requests: resources.length,
        bytes: resources.reduce((n, r) => n + (r.encodedBodySize || 0), nav ? nav.encodedBodySize || 0 : 0),
        hash: location.hash,
      }
    })
    if (label) await page.screenshot({ path: join(shotsDir, `${label}.png`) })
    return { ok: true, ...figures, errors }
  } catch (e) {
    await page.screenshot({ path: join(shotsDir, `${target.name}-FAILED.png`) }).catch(() => {})
    return { ok: false, error: String(e.message).split('\n')[0], errors }
  } finally {
    await context.close()
  }
}

/** A verified citizen with a declaration under observation (so the returnees page has its record). */
export async function returningCitizen(base) {
  const account = await verifiedAccount(base, 'bench:render', 900_001)
  const now = await get(base, '/api/v1/masks/rounds/current')
  const today = now.body.serverTime.slice(0, 10)
  const arrival = new Date(Date.parse(`${today}T12:00:00+08:00`) - 3 * 86400e3).toISOString().slice(0, 10)
  const declared = await post(
    base,
    '/api/v1/returnees/declarations',
    {
      originRegion: '330100',
      transport: { mode: 'train', number: 'G7501' },
      departureDate: arrival,
      arrivalDate: arrival,
      residence: { communityId: '310101002001', address: '云南中路 18 弄 3 号 201 室' },
      health: { temperature: 36.5, symptoms: [], contactWithCases: false },
    },
    { Authorization: `Bearer ${account.token}` },
  )
  return { code: 'bench:render', token: account.token, user: account.user, declared: declared.status === 201 }
}

/** The same order every run: a fixed-seed shuffle. */
function shuffled(items, seed) {
  const out = [...items]
  let s = seed
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2147483648
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

const quantile = (xs, q) => {
  const v = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b)
  if (!v.length) return null
  const pos = (v.length - 1) * q
  const lo = Math.floor(pos)
  return v[lo] + (v[Math.min(lo + 1, v.length - 1)] - v[lo]) * (pos - lo)
}

/**
 * `targets`: [{ name, url, selector, text?, minCount?, asReturning?, missing? }]. Loads are
 * interleaved (one of each target per round, in a shuffled order) so drift in the machine's load
 * and any cost of coming first or last fall on all targets alike.
 */
export async function renderBench(browser, targets, { loads = 7, session, rtt = 0 } = {}) {
  const shotsDir = join(ROOT, 'artifacts', 'bench', 'shots')
  mkdirSync(shotsDir, { recursive: true })
  const samples = Object.fromEntries(targets.map((t) => [t.name, []]))
  const live = targets.filter((t) => !t.missing)
  for (let i = 0; i < loads; i += 1) {
    for (const t of shuffled(live, i + 1)) {
      // The first load of each target leaves a screenshot to check what was measured.
      samples[t.name].push(await coldLoad(browser, t, session, shotsDir, i === 0 ? `render-${t.name}` : null, rtt))
    }
    log(`render: round ${i + 1}/${loads}`)
  }
  const out = {}
  for (const t of targets) {
    if (t.missing) {
      out[t.name] = { missing: true, url: t.url, reason: t.missing }
      continue
    }
    const ok = samples[t.name].filter((s) => s.ok)
    out[t.name] = {
      url: t.url,
      selector: t.selector,
      text: t.text ?? null,
      loads: samples[t.name].length,
      failed: samples[t.name].length - ok.length,
      failures: samples[t.name].filter((s) => !s.ok).map((s) => s.error),
      pageErrors: [...new Set(samples[t.name].flatMap((s) => s.errors))],
      fcp: median(ok.map((s) => s.fcp)),
      fcpIqr: [
        quantile(
          ok.map((s) => s.fcp),
          0.25,
        ),
        quantile(
          ok.map((s) => s.fcp),
          0.75,
        ),
      ],
      content: median(ok.map((s) => s.content)),
      domContentLoaded: median(ok.map((s) => s.domContentLoaded)),
      bytes: median(ok.map((s) => s.bytes)),
      requests: median(ok.map((s) => s.requests)),
      samples: ok.map((s) => ({ fcp: round1(s.fcp), content: round1(s.content) })),
    }
  }
  return out
}

const round1 = (x) => (typeof x === 'number' ? Math.round(x * 10) / 10 : x)
