// Step 5: the jobs list in H5 with 100, 1,000 and 10,000 postings loaded into the page.
//
// How the postings get there: the mock is topped up through `POST /__mock/jobs` (at most 1,000 a
// call) until it holds more than the largest size, then the page is scrolled to its end again and
// again, as a person would, so it pages through `GET /jobs` (50 a page) by itself. At each size the
// page's own state holds that many postings (a page more if its prefetch ran); nothing is injected.
import { join } from 'node:path'
import { ROOT, get, log, median, post } from './util.mjs'
import { VIEWPORT } from './render.mjs'

const SEL = { row: '.jobs-row', scroller: '.jobs-list__scroller' }

/**
 * In the page: what the virtual list holds and shows. `held` is its item count, read from its
 * inner box (item count × row height); `last` the highest row index in the DOM.
 */
function listState(sel) {
  const scroller = document.querySelector(sel.scroller)
  const inner = scroller && scroller.id ? document.getElementById(`${scroller.id}-inner`) : null
  let last = -1
  let rowHeight = 0
  for (const el of document.querySelectorAll(sel.row)) {
    const m = /-(\d+)$/.exec(el.id || '')
    if (!m) continue
    last = Math.max(last, Number(m[1]))
    const wrapper = el.parentElement
    if (!rowHeight && wrapper) rowHeight = wrapper.getBoundingClientRect().height
  }
  const held = inner && rowHeight ? Math.round(inner.getBoundingClientRect().height / rowHeight) : last + 1
  return {
    held,
    last,
    renderedItems: document.querySelectorAll(sel.row).length,
    domNodes: document.getElementsByTagName('*').length,
    heapBytes: performance.memory ? performance.memory.usedJSHeapSize : null,
  }
}

/**
 * In the page: jumps the list to `where` ('end' or 'top') and waits frame by frame until row
 * `index` is in the DOM (`until: 'row'`), or the list holds more than `held` items ('grow').
 * Returns { ms } from the jump to that frame (null after `timeoutMs`) and { nudges }: how often
 * the list sat at its end for 2 s without loading more, so it was swiped up a little and back
 * down again, as a person would do.
 */
function jumpInPage({ sel, where, until, index, held, timeoutMs }) {
  return new Promise((resolve) => {
    const scroller = document.querySelector(sel.scroller)
    const inner = document.getElementById(`${scroller.id}-inner`)
    const t0 = performance.now()
    let nudges = 0
    const stalls = []
    let waitingSince = t0
    const rowIn = (i) => !!document.getElementById(`${scroller.id}-${i}`)
    const count = () => {
      const wrapper = document.querySelector(`${sel.row}`)?.parentElement
      const h = wrapper ? wrapper.getBoundingClientRect().height : 0
      return h ? Math.round(inner.getBoundingClientRect().height / h) : 0
    }
    const press = () => {
      scroller.scrollTop = where === 'top' ? 0 : scroller.scrollHeight
    }
    press()
    const tick = () => {
      const now = performance.now()
      const ok = until === 'row' ? rowIn(index) : count() > held
      if (ok) return resolve({ ms: now - t0, nudges, stalls })
      if (now - t0 > timeoutMs) return resolve({ ms: null, nudges, stalls })
      if (where === 'end') {
        if (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 2) {
          // The list grew while we waited: stay pressed on its end, as a thumb would.
          press()
          waitingSince = now
        } else if (until === 'grow' && now - waitingSince > 2000) {
          nudges += 1
          waitingSince = now
          // What the page last asked the server for: did it ask for the next page at all?
          const asked = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/jobs'))
          const last = asked[asked.length - 1]
          stalls.push({
            footer: (document.querySelector('.jobs-list__footer') || {}).textContent || null,
            lastRequestMsAgo: last ? Math.round(now - last.startTime) : null,
            lastRequestAnswered: last ? last.responseEnd > 0 : null,
            requests: asked.length,
          })
          scroller.scrollTop = Math.max(0, scroller.scrollTop - 60)
        }
      }
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
}

/** Tops the mock up to at least `atLeast` open postings; returns the total. */
async function ensurePostings(base, atLeast) {
  let total = (await get(base, '/api/v1/jobs?limit=1')).body.total
  while (total < atLeast) {
    const res = await post(base, '/__mock/jobs', { count: Math.min(1000, atLeast - total) })
    if (res.status !== 201) throw new Error(`/__mock/jobs ${res.status} ${JSON.stringify(res.body)}`)
    total = res.body.total
  }
  return total
}

export async function listsBench(browser, base, { sizes = [100, 1000, 10_000], scrolls = 5, missing } = {}) {
  const url = `${base}/#/jobs/pages/list/index`
  if (missing) return { missing: true, url, reason: missing }
  await post(base, '/__mock/reset', { seed: 1 })
  const seeded = (await get(base, '/api/v1/jobs?limit=1')).body.total
  // A page more than the largest size, so even there the list is not simply "everything".
  const total = await ensurePostings(base, Math.max(...sizes) + 50)
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 2, locale: 'zh-CN' })
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  const result = { url, seededPostings: seeded, postingsOnServer: total, sizes: {} }
  const state = () => page.evaluate(listState, SEL)
  const jump = (args) => page.evaluate(jumpInPage, { sel: SEL, timeoutMs: 15_000, ...args })
  let stalls = 0
  const stallDetails = []
  try {
    const t0 = Date.now()
    await page.goto(url, { waitUntil: 'commit' })
    await page.waitForSelector(SEL.row, { timeout: 20_000 })
    result.firstRowsMs = Date.now() - t0
    // Keep every request's timing (the default buffer holds 250): read when the list stalls.
    await page.evaluate(() => performance.setResourceTimingBufferSize(10_000))
    const appends = []
    const loadStarted = Date.now()
    for (const size of [...sizes].sort((a, b) => a - b)) {
      // Page through: scroll to the end, wait until the list holds the next page (request, parse, render).
      let { held } = await state()
      while (held < size) {
        const { ms, nudges, stalls: seen } = await jump({ where: 'end', until: 'grow', held })
        stalls += nudges
        stallDetails.push(...seen.map((x) => ({ at: held, ...x })))
        if (ms === null) throw new Error(`the list stopped growing at ${held} postings`)
        appends.push({ at: held, ms, nudges })
        held = (await state()).held
      }
      const loadedMs = Date.now() - loadStarted
      await jump({ where: 'top', until: 'row', index: 0 })
      await page.waitForTimeout(300)
      const atTop = await state()
      const toEnd = []
      const toTop = []
      let atEnd = null
      for (let i = 0; i < scrolls; i += 1) {
        const before = await state()
        toEnd.push((await jump({ where: 'end', until: 'row', index: before.held - 1 })).ms)
        if (!atEnd) atEnd = await state()
        toTop.push((await jump({ where: 'top', until: 'row', index: 0 })).ms)
      }
      const after = await state()
      const recent = appends.filter((a) => a.at < size).slice(-10)
      result.sizes[size] = {
        heldAtTop: atTop.held,
        heldAfterScrolls: after.held,
        renderedItems: atTop.renderedItems,
        domNodes: atTop.domNodes,
        renderedItemsAtEnd: atEnd.renderedItems,
        domNodesAtEnd: atEnd.domNodes,
        heapBytes: atTop.heapBytes,
        appendMs: median(recent.map((a) => a.ms)),
        stallsSoFar: stalls,
        loadedAfterMs: loadedMs,
        scrollToEndMs: median(toEnd),
        scrollToTopMs: median(toTop),
      }
      await page.screenshot({ path: join(ROOT, 'artifacts', 'bench', 'shots', `list-${size}.png`) })
      log(`lists: ${size} postings loaded (${atTop.held} held, ${atTop.renderedItems} rows in the DOM)`)
    }
    result.appends = appends.length
  } catch (e) {
    result.error = String(e.message).split('\n')[0]
    await page.screenshot({ path: join(ROOT, 'artifacts', 'bench', 'shots', 'list-FAILED.png') }).catch(() => {})
  } finally {
    result.stalls = stalls
    result.stallDetails = stallDetails
    result.pageErrors = [...new Set(errors)]
    await context.close()
  }
  return result
}
