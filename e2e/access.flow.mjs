// Every page of app.config.ts, in normal mode and in 长辈模式, as the person it is for: axe-core in
// the real page, the body text and the smallest tap target measured from computed styles, and no
// date, time, code or number with its unit broken across two lines. A page added to app.config.ts
// is toured without being named here; ROLES and QUERIES only say who opens it and with what.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

const COMMUNITY = '310101002001'
const OUTLET = 'o310101-01'

/** The pages listed in app.config.ts, main package first, each as its path without a slash. */
function appPages() {
  const text = readFileSync(join(root, 'src/app.config.ts'), 'utf8')
  const list = (s) => [...s.matchAll(/'([^']+)'/g)].map((m) => m[1])
  const main = list(/pages:\s*\[([^\]]*)\]/.exec(text)[1])
  const subs = [...text.matchAll(/root:\s*'([^']+)',\s*pages:\s*\[([^\]]*)\]/g)].flatMap((m) => list(m[2]).map((p) => `${m[1]}/${p}`))
  return [...main, ...subs]
}

/** Who a page is for (a citizen unless said); the home page is seen by all three. */
const ROLES = {
  'pages/login/index': ['guest'],
  'pages/verify/index': ['unverified'],
  'pages/home/index': ['citizen', 'worker', 'staff'],
  'masks/pages/pickup/index': ['staff'],
  'pass/pages/scan/index': ['worker', 'staff'],
  'pass/pages/lookup/index': ['worker', 'staff'],
  'returnees/pages/console/index': ['worker'],
  'returnees/pages/person/index': ['worker'],
  'returnees/pages/register/index': ['worker'],
}
const QUERIES = {
  'masks/pages/reserve/index': (w) => `outletId=${w.outletId}`,
  'returnees/pages/person/index': (w) => `id=${w.declarationId}`,
  'jobs/pages/detail/index': (w) => `id=${w.jobId}`,
  'jobs/pages/apply/index': (w) => `id=${w.otherJobId}`,
}

// 长辈模式 asks 18 px of body text (the issue, after MIIT's 适老化 rules); normal mode never goes
// under the caption size.
const MIN_BODY_PX = { normal: 14, large: 18 }
/** A computer's window: one page of each service, as the person it is for. */
const WIDE = { width: 1280, height: 800 }
const WIDE_PAGES = ['pages/home/index', 'masks/pages/round/index', 'returnees/pages/console/index', 'jobs/pages/list/index']
/** The H5 column (src/core/ui/column.ts): a wide window shows the app this wide, at a phone's type scale. */
const COLUMN_PX = 430
const MIN_TARGET_PX = { normal: 44, large: 60 }

async function api(base, method, path, { token, body, key } = {}) {
  const headers = { 'Content-Type': 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  if (key) headers['Idempotency-Key'] = key
  const res = await fetch(`${base}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const json = res.status === 204 ? null : await res.json()
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`)
  return json
}

/** Logs in with a code; what the app keeps in storage for that session. */
async function session(base, code) {
  const { token, expiresAt, serverTime, user } = await api(base, 'POST', '/auth/login', { body: { code } })
  return { token, user, expiresAtLocal: Date.now() + (Date.parse(expiresAt) - Date.parse(serverTime)) }
}

/** A verified citizen with a family member, a reservation, a declaration due for check-in, an application and a favorite. */
async function buildWorld(base) {
  const citizen = await session(base, 'tour-citizen')
  const phone = '13911112222'
  const sms = await api(base, 'POST', '/identity/sms', { token: citizen.token, body: { phone } })
  citizen.user = await api(base, 'POST', '/identity/verify', {
    token: citizen.token,
    body: { name: '欧阳娜娜', docType: 'resident_id', docNumber: '11010519491231002X', phone, smsCode: sms.devCode },
  })
  const { round, serverTime } = await api(base, 'GET', '/masks/rounds/current')
  await api(base, 'POST', '/masks/reservations', {
    token: citizen.token,
    key: crypto.randomUUID(),
    body: { roundId: round.id, outletId: OUTLET, quantity: 1 },
  })
  const today = serverTime.slice(0, 10)
  const declaration = await api(base, 'POST', '/returnees/declarations', {
    token: citizen.token,
    key: crypto.randomUUID(),
    body: {
      originRegion: '330100',
      transport: { mode: 'train', number: 'G7501' },
      departureDate: today,
      arrivalDate: today,
      residence: { communityId: COMMUNITY, address: '云南中路 18 弄 3 号 201 室' },
      health: { temperature: 36.5, symptoms: [], contactWithCases: false },
    },
  })
  // A parent on the citizen's family list: the 为谁 choices and the 家人 list are measured with one in them.
  await api(base, 'POST', '/family/members', {
    token: citizen.token,
    key: crypto.randomUUID(),
    body: { name: '王秀英', docType: 'resident_id', docNumber: '110105194003150022', relation: 'parent' },
  })
  const jobs = (await api(base, 'GET', '/jobs?limit=2')).items
  await api(base, 'POST', `/jobs/${jobs[0].id}/applications`, { token: citizen.token, key: crypto.randomUUID(), body: {} })
  await api(base, 'PUT', `/jobs/${jobs[1].id}/favorite`, { token: citizen.token })
  return {
    outletId: OUTLET,
    declarationId: declaration.id,
    jobId: jobs[0].id,
    otherJobId: jobs[1].id,
    sessions: {
      guest: null,
      unverified: await session(base, 'tour-unverified'),
      citizen,
      worker: await session(base, `worker:${COMMUNITY}`),
      staff: await session(base, `staff:${OUTLET}`),
    },
  }
}

/** Runs in the page: what a person can read and tap, measured. */
function measure() {
  const visible = (el) => {
    const r = el.getBoundingClientRect()
    if (r.width < 1 || r.height < 1) return false
    const s = getComputedStyle(el)
    return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0
  }
  const screen = document.querySelector('.taro_page:not([style*="display: none"]) .screen') || document.querySelector('.screen')
  // Body text: the size that carries the most characters on the page; and the smallest size used.
  const chars = new Map()
  let smallest = Infinity
  let smallestText = ''
  const walker = document.createTreeWalker(screen, NodeFilter.SHOW_TEXT)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim()
    if (!text || !n.parentElement || !visible(n.parentElement)) continue
    const px = parseFloat(getComputedStyle(n.parentElement).fontSize)
    chars.set(px, (chars.get(px) ?? 0) + text.length)
    if (px < smallest) {
      smallest = px
      smallestText = text.slice(0, 20)
    }
  }
  const body = [...chars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0

  // Tap targets: what has a click handler (Taro's H5 components keep theirs in `__events`, plain
  // elements in React's props), and the native controls.
  const handles = (el) => {
    if (el.__events && (el.__events.click || el.__events.tap)) return true
    const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'))
    return Boolean(key && (typeof el[key].onClick === 'function' || typeof el[key].onTap === 'function'))
  }
  const targets = []
  for (const el of screen.querySelectorAll('*')) {
    const tappable = handles(el) || ['INPUT', 'TEXTAREA', 'TARO-SWITCH-CORE', 'TARO-CHECKBOX-CORE', 'TARO-RADIO-CORE'].includes(el.tagName)
    if (!tappable || !visible(el)) continue
    const target = el.tagName === 'INPUT' ? el.closest('.field__input') || el : el
    const r = target.getBoundingClientRect()
    targets.push({
      h: Math.round(r.height),
      text: (target.textContent || target.getAttribute('placeholder') || target.tagName).trim().slice(0, 16),
    })
  }
  targets.sort((a, b) => a.h - b.h)

  // Things read as one: dates, times, codes, numbers with their unit. Each must sit on one line.
  const TOKENS = new RegExp(
    [
      String.raw`\d{4}-\d{2}-\d{2}(?: \d{1,2}:\d{2})?`,
      String.raw`\d{1,2}月\d{1,2}日(?: ?\d{1,2}:\d{2})?`,
      String.raw`\d{1,2}:\d{2}(?:[–-]\d{1,2}:\d{2})?`,
      String.raw`\d+(?:\.\d+)?(?:[–-]\d+(?:\.\d+)?)? ?(?:天|人|个|元(?:\/月)?|份|只|次|岁|℃|°C|米|公里|km|分钟|小时|K)`,
      String.raw`\d{3}\*+\d{3}[\dX]`,
    ].join('|'),
    'g',
  )
  // React writes `{n} 人` as two text nodes: read each element's own text nodes as one string.
  const splits = []
  for (const el of screen.querySelectorAll('*')) {
    if (!visible(el)) continue
    const nodes = [...el.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE)
    if (!nodes.length) continue
    const text = nodes.map((c) => c.textContent).join('')
    const at = (offset) => {
      for (const c of nodes) {
        if (offset <= c.textContent.length) return [c, offset]
        offset -= c.textContent.length
      }
      return [nodes[nodes.length - 1], nodes[nodes.length - 1].textContent.length]
    }
    for (const m of text.matchAll(TOKENS)) {
      const range = document.createRange()
      range.setStart(...at(m.index))
      range.setEnd(...at(m.index + m[0].length))
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)))
      if (tops.size > 1) splits.push(`${m[0]} in .${String(el.className).split(' ')[0] || el.tagName}`)
    }
  }
  // Text cut with an ellipsis (one line, or a clamp of several).
  const cut = []
  for (const el of screen.querySelectorAll('*')) {
    if (!visible(el) || !el.textContent.trim()) continue
    const st = getComputedStyle(el)
    const clamped = st.webkitLineClamp && st.webkitLineClamp !== 'none'
    if (st.textOverflow !== 'ellipsis' && !clamped) continue
    if (el.scrollWidth > el.clientWidth + 1 || (clamped && el.scrollHeight > el.clientHeight + 1))
      cut.push(el.textContent.trim().slice(0, 16))
  }
  // Rows of a virtual list are told their height: a card taller than its row is cut off.
  const rowsCut = [...screen.querySelectorAll('.jobs-row .jobs-card')].filter((c) => c.scrollHeight > c.clientHeight + 1).length
  // The page, its bottom bar and the tab bar: as wide as the column, however wide the window.
  const bars = [...document.querySelectorAll('.taro-tabbar__tabbar, .screen__footer')].filter(visible)
  const width = Math.round(Math.max(screen.getBoundingClientRect().width, ...bars.map((b) => b.getBoundingClientRect().width)))
  return { body, smallest, smallestText, targets: targets.slice(0, 3), splits, cut, rowsCut, width }
}

export default {
  name: 'access',
  async run({ page, base, expect }) {
    await page.goto(`${base}/`)
    const world = await buildWorld(base)
    const browser = page.context().browser()
    const rows = []
    const failures = []
    const views = appPages().flatMap((path) =>
      (ROLES[path] ?? ['citizen']).flatMap((role) => ['normal', 'large'].map((mode) => ({ path, role, mode, viewport: null }))),
    )
    for (const path of WIDE_PAGES) views.push({ path, role: (ROLES[path] ?? ['citizen'])[0], mode: 'normal', viewport: WIDE })
    for (const { path, role, mode, viewport } of views) {
      const context = await browser.newContext({
        viewport: viewport ?? { width: 375, height: 667 },
        deviceScaleFactor: viewport ? 1 : 2,
        locale: 'zh-CN',
      })
      const stored = world.sessions[role]
      await context.addInitScript(
        ([s, large]) => {
          if (localStorage.getItem('tour:seeded')) return
          localStorage.setItem('tour:seeded', '1')
          localStorage.setItem('pref:large-text', JSON.stringify({ data: JSON.stringify(large ? 'on' : 'off') }))
          if (s) localStorage.setItem('p:session', JSON.stringify({ data: JSON.stringify(s) }))
          else localStorage.setItem('app:signed-out', JSON.stringify({ data: 'true' }))
        },
        [stored, mode === 'large'],
      )
      const p = await context.newPage()
      const errors = []
      p.on('pageerror', (e) => errors.push(e.message))
      const query = QUERIES[path]?.(world)
      await p.goto(`${base}/#/${path}${query ? `?${query}` : ''}`)
      await p.waitForLoadState('networkidle')
      await p.locator('.screen').first().waitFor({ state: 'visible', timeout: 8000 })
      await p
        .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 3000 })
        .catch(() => {})
      const m = await p.evaluate(measure)
      await p.addScriptTag({ content: axeSource })
      const axe = await p.evaluate(async () => {
        const r = await axe.run(document, { resultTypes: ['violations'] })
        return r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => ({ id: v.id, impact: v.impact, where: v.nodes.slice(0, 2).map((n) => n.target.join(' ')) }))
      })
      const label = `${path.replace(/\/index$/, '').replace(/\//g, '_')}-${role}-${mode}${viewport ? `-${viewport.width}` : ''}`
      await p.screenshot({ path: join(root, 'artifacts', 'e2e', `access-${label}.png`) })
      const smallestTarget = m.targets[0]?.h ?? null
      const px = (n) => Math.round(n * 10) / 10
      rows.push({
        path,
        role,
        mode: viewport ? `${mode} ${viewport.width}×${viewport.height}` : mode,
        body: px(m.body),
        smallest: px(m.smallest),
        smallestTarget,
        axe: axe.length,
        splits: m.splits.length,
        cut: m.cut.length,
      })
      const problems = []
      if (errors.length) problems.push(`page errors: ${errors.join(' | ')}`)
      if (m.body < MIN_BODY_PX[mode]) problems.push(`body ${m.body}px`)
      if (m.smallest < MIN_BODY_PX[mode]) problems.push(`smallest text ${m.smallest}px ("${m.smallestText}")`)
      if (smallestTarget !== null && smallestTarget < MIN_TARGET_PX[mode]) {
        problems.push(`targets ${m.targets.map((t) => `${t.h}px "${t.text}"`).join(', ')}`)
      }
      if (m.rowsCut) problems.push(`${m.rowsCut} list rows cut off`)
      if (viewport && m.width > COLUMN_PX) problems.push(`${m.width} px wide in a ${viewport.width}-px window`)
      // A phone's type scale: no larger than on the widest phone the column stands for.
      if (viewport && m.body > (16 * COLUMN_PX) / 375 + 0.1) problems.push(`body ${m.body}px in a ${viewport.width}-px window`)
      if (m.splits.length) problems.push(`split: ${m.splits.join(' / ')}`)
      // 长辈模式 wraps what normal mode may cut to fit a row.
      if (mode === 'large' && m.cut.length) problems.push(`cut: ${m.cut.join(' / ')}`)
      for (const v of axe) problems.push(`axe ${v.impact} ${v.id} at ${v.where.join(', ')}`)
      if (problems.length)
        failures.push(
          `${path} (${role}, ${mode}${viewport ? `, ${viewport.width}×${viewport.height}` : ''}):\n      ${problems.join('\n      ')}`,
        )
      await context.close()
    }
    const table = [
      '| page | role | mode | body px | smallest px | smallest target px | axe serious+critical | splits | cut |',
      '|---|---|---|---|---|---|---|---|---|',
      ...rows.map(
        (r) =>
          `| ${r.path} | ${r.role} | ${r.mode} | ${r.body} | ${r.smallest} | ${r.smallestTarget ?? '—'} | ${r.axe} | ${r.splits} | ${r.cut} |`,
      ),
    ].join('\n')
    writeFileSync(join(root, 'artifacts', 'e2e', 'access.md'), `${table}\n`)
    console.log(`    ${rows.length} page views measured: artifacts/e2e/access.md`)
    expect(failures.length === 0, `${failures.length} page views fall short:\n    ${failures.join('\n    ')}`)
  },
}
