// The one plain-text table `npm run bench` prints, and the goals checked on the figures: sizes,
// first content and throughput (the performance issue), setData and long lists (an earlier one).
import { ratio } from './util.mjs'

const KB = 1024
const kb = (b) => (typeof b === 'number' ? `${(b / KB).toFixed(1)} KB` : '—')
const ms = (x) => (typeof x === 'number' ? `${Math.round(x)} ms` : '—')
const x2 = (r) => (typeof r === 'number' ? `${r.toFixed(2)}×` : '—')
const int = (n) => (typeof n === 'number' ? Math.round(n).toLocaleString('en-US') : '—')
const pad = (s, n) => String(s).padEnd(n)
const lpad = (s, n) => String(s).padStart(n)

function rows(header, lines, widths) {
  const fmt = (cells) =>
    cells
      .map((c, i) => (i === 0 ? pad(c, widths[0]) : lpad(c, widths[i])))
      .join('  ')
      .trimEnd()
  return [fmt(header), ...lines.map(fmt)]
}

const mark = (met) => (met === null || met === undefined ? '' : met ? 'met' : 'MISSED')

export function evaluateGoals(r) {
  const goals = []
  const s = r.sizes ?? {}
  if (s.weapp && s.bareWeapp && !s.weapp.missing && !s.bareWeapp.missing) {
    const q = ratio(s.weapp.main, s.bareWeapp.main)
    goals.push({ goal: 'weapp main package ≤ 1.3× bare', value: q, limit: 1.3, met: q <= 1.3, by: q - 1.3 })
    for (const [name, sub] of Object.entries(s.weapp.subpackages)) {
      goals.push({
        goal: `subpackage ${name} ≤ 120 KB`,
        value: sub.bytes,
        limit: 120 * KB,
        met: sub.bytes <= 120 * KB,
        by: sub.bytes - 120 * KB,
      })
    }
  }
  const h = s.h5
  if (h && !h.missing) {
    goals.push({ goal: 'H5 total ≤ 1,000 KB', value: h.total, limit: 1000 * KB, met: h.total <= 1000 * KB, by: h.total - 1000 * KB })
    const d = h.duplicated?.modules ?? null
    goals.push({
      goal: 'H5: no module in two chunks',
      value: d === null ? null : `${d} modules`,
      met: d === null ? null : d === 0,
      note: d ? `${kb(h.duplicated.bytes)} copied` : undefined,
    })
  }
  const pages = r.render?.pages
  if (pages?.bare?.content) {
    for (const [name, p] of Object.entries(pages)) {
      if (name === 'bare') continue
      const goal = `H5 first content ${name} ≤ 1.25× bare`
      if (p.missing || p.content === null || p.content === undefined) {
        goals.push({ goal, value: null, limit: 1.25, met: null, note: p.missing ? 'page missing' : 'no figure' })
        continue
      }
      const q = ratio(p.content, pages.bare.content)
      goals.push({ goal, value: q, limit: 1.25, met: q <= 1.25, by: q - 1.25 })
    }
  }
  const b = r.backend
  if (b?.rows) {
    const at50 = (key) => b.rows[key]?.find((row) => row.connections === 50)
    for (const [key, base, limit, label] of [
      ['jobs', 'bareGet', 0.5, 'GET /jobs?q=… at 50 conns ≥ 0.5× bare'],
      ['masks', 'barePost', 0.7, 'reservations at 50 conns ≥ 0.7× bare'],
    ]) {
      const row = at50(key)
      const bare = at50(base)
      if (!row || !bare) continue
      const q = ratio(row.rps, bare.rps)
      const c = row.check
      const correct =
        !c || (c.outletsOversold === 0 && c.outletsNegative === 0 && c.outletsStockMismatch === 0 && c.documentsWithTwoLive === 0)
      goals.push({
        goal: label,
        value: q,
        limit,
        met: q >= limit && correct,
        by: q - limit,
        note: c ? (correct ? 'read back: nothing oversold' : 'read back: WRONG') : undefined,
      })
    }
  }
  const l = r.lists
  if (l?.sizes?.[1000] && l?.sizes?.[10000]) {
    const a = l.sizes[1000].renderedItems
    const b = l.sizes[10000].renderedItems
    goals.push({ goal: 'rendered list items flat 1,000 → 10,000', value: `${a} → ${b}`, met: b <= a, by: b - a })
  } else if (l) {
    goals.push({
      goal: 'rendered list items flat 1,000 → 10,000',
      value: null,
      met: null,
      note: l.missing ? 'page missing' : (l.error ?? 'no figure'),
    })
  }
  const sd = r.setdata?.pages
  if (sd) {
    const ok = sd.filter((p) => p.status === 'ok')
    const worst = ok.reduce((m, p) => (p.maxBytes > (m?.maxBytes ?? -1) ? p : m), null)
    if (worst) {
      goals.push({
        goal: 'every setData payload < 64 KB',
        value: worst.maxBytes,
        limit: 64 * KB,
        met: worst.maxBytes < 64 * KB && ok.length === sd.length,
        by: worst.maxBytes - 64 * KB,
        note: `largest: ${worst.page}${ok.length < sd.length ? `; ${sd.length - ok.length} page(s) not measured` : ''}`,
      })
    }
  }
  return goals
}

function sizesSection(s) {
  const out = ['SIZE (production builds; 1 KB = 1,024 bytes)']
  const w = s.weapp
  const b = s.bareWeapp
  if (w.missing || b.missing) return [...out, '  weapp build missing']
  const lines = [
    ['weapp main package', kb(w.main), kb(b.main), x2(ratio(w.main, b.main)), '≤ 1.30× bare'],
    ...['taro.js', 'app.js', 'vendors.js', 'common.js', 'base.wxml', 'app.wxss'].map((f) => [
      `  ${f}`,
      kb(w.named[f]),
      kb(b.named[f]),
      x2(ratio(w.named[f], b.named[f])),
      '',
    ]),
    ['  everything else in main', kb(w.main - sumNamed(w)), kb(b.main - sumNamed(b)), '', ''],
    ...Object.entries(w.subpackages).map(([name, sub]) => [`weapp subpackage ${name}/`, kb(sub.bytes), '', '', '≤ 120 KB']),
    ['weapp all packages', kb(w.total), kb(b.total), x2(ratio(w.total, b.total)), ''],
  ]
  const e = s.embeddedWeapp
  if (e && !e.missing) lines.push(['weapp main, embedded-mock build', kb(e.main), '', x2(ratio(e.main, b.main)), 'carries the mock'])
  const h = s.h5
  const hb = s.bareH5
  if (!h.missing && !hb.missing) {
    const barePage = Object.values(hb.pages)[0]
    lines.push(['H5 total', kb(h.total), kb(hb.total), x2(ratio(h.total, hb.total)), '≤ 1,000 KB'])
    lines.push(['H5 first load (html + entry js/css)', kb(h.initial), kb(hb.initial), x2(ratio(h.initial, hb.initial)), ''])
    for (const [route, p] of Object.entries(h.pages)) {
      lines.push([`  H5 page ${route}`, kb(p.bytes), kb(barePage?.bytes), x2(ratio(p.bytes, barePage?.bytes)), ''])
    }
    if (h.duplicated)
      lines.push([
        '  same modules copied into page chunks',
        kb(h.duplicated.bytes),
        kb(hb.duplicated?.bytes ?? 0),
        '',
        `${h.duplicated.modules} modules; goal 0`,
      ])
  }
  return [...out, ...rows(['', 'app', 'bare', 'ratio', 'goal'], lines, [40, 10, 10, 7, 16])]
}

function sumNamed(w) {
  return Object.values(w.named).reduce((n, v) => n + (v ?? 0), 0)
}

function renderSection(r) {
  const network = r.rtt ? `, over an emulated ${r.rtt} ms / 16 Mbit/s network` : ', loopback'
  const out = [`RENDER (H5, headless Chromium 375×667, median of ${r.loads} cold loads, fresh context each${network})`]
  const bare = r.pages.bare
  const lines = Object.entries(r.pages).map(([name, p]) => {
    if (p.missing) return [name, 'missing', '', '', '', '', '', '']
    return [
      name + (p.failed ? ` (${p.failed} failed)` : ''),
      ms(p.fcp),
      p.fcpIqr ? `${Math.round(p.fcpIqr[0])}–${Math.round(p.fcpIqr[1])}` : '',
      name === 'bare' ? '' : x2(ratio(p.fcp, bare.fcp)),
      ms(p.content),
      name === 'bare' ? '' : x2(ratio(p.content, bare.content)),
      kb(p.bytes),
      name === 'bare' ? '' : 'content ≤ 1.25×',
    ]
  })
  const waited = Object.entries(r.pages)
    .filter(([, p]) => !p.missing)
    .map(([name, p]) => `${name} ${p.selector}`)
    .join(', ')
  return [
    ...out,
    ...rows(['page', 'FCP', 'FCP IQR', 'ratio', 'content', 'ratio', 'fetched', 'goal'], lines, [22, 8, 11, 7, 9, 7, 10, 12]),
    `  content = first frame with the element on screen: ${waited}`,
    '  app pages open as a returning verified citizen (session in storage); FCP of a tab page can be the tab bar',
  ]
}

function setDataSection(sd) {
  const out = ['SETDATA (weapp build in miniprogram-simulate, from load until 1 s without a setData)']
  if (sd.error) return [...out, `  not measured: ${sd.error}`]
  const lines = sd.pages.map((p) =>
    p.status === 'ok'
      ? [
          p.page + (p.as !== 'citizen' ? ` (${p.as})` : ''),
          int(p.calls),
          kb(p.maxBytes),
          kb(p.totalBytes),
          p.otherCalls ? `${p.otherCalls} / ${kb(p.otherMaxBytes)}` : '',
        ]
      : [p.page, 'failed', '', '', p.error ?? ''],
  )
  return [
    ...out,
    ...rows(['page', 'calls', 'largest', 'total', 'other comps'], lines, [42, 6, 10, 10, 14]),
    '  goal: every payload < 64 KB',
  ]
}

function listsSection(l) {
  const out = ['LISTS (jobs list, H5; postings paged in by scrolling, 50 a page)']
  if (l.missing) return [...out, `  missing: ${l.reason}`]
  if (l.error && !Object.keys(l.sizes ?? {}).length) return [...out, `  failed: ${l.error}`]
  const lines = Object.entries(l.sizes).map(([size, v]) => [
    int(Number(size)),
    int(v.heldAtTop),
    int(v.renderedItems),
    int(v.domNodes),
    ms(v.appendMs),
    ms(v.scrollToEndMs),
    ms(v.scrollToTopMs),
  ])
  const t = rows(['postings', 'held', 'rows in DOM', 'DOM nodes', 'next page', 'to end', 'to top'], lines, [10, 7, 12, 10, 10, 8, 8])
  const stalls = l.stalls ? `; ${l.stalls} time(s) the list sat at its end 2 s without loading more until swiped again` : ''
  return [
    ...out,
    ...t,
    `  first rows after navigation: ${ms(l.firstRowsMs)}; server held ${int(l.postingsOnServer)} postings${stalls}${l.error ? `; stopped: ${l.error}` : ''}`,
  ]
}

function backendSection(b) {
  const out = [
    `BACKEND (HTTP on loopback, autocannon ${b.rows.jobs[0]?.durationSec ? Math.round(b.rows.jobs[0].durationSec) : 5} s per row)`,
  ]
  const lines = []
  const kinds = [
    ['bare GET (fixed JSON)', 'bareGet', null],
    ['GET /jobs?q=…', 'jobs', 'bareGet'],
    ['bare POST (fixed JSON)', 'barePost', null],
    ['POST /masks/reservations', 'masks', 'barePost'],
  ]
  const kindRows = kinds.map(([label, key, base]) => [label, b.rows[key], base ? b.rows[base] : null, key])
  for (const store of b.stores ?? []) {
    kindRows.push([`GET /jobs?q=… · ${store.name}`, store.jobs, b.rows.bareGet, 'jobs'])
    kindRows.push([`POST reservations · ${store.name}`, store.masks, b.rows.barePost, 'masks'])
  }
  for (const [label, list, baseList, key] of kindRows) {
    list.forEach((row, i) => {
      const baseRow = baseList ? baseList[i] : null
      lines.push([
        i === 0 ? label : '',
        int(row.connections),
        int(row.rps),
        baseRow ? x2(ratio(row.rps, baseRow.rps)) : '',
        ms(row.p50),
        ms(row.p99),
        int(row.non2xx + row.errors + row.timeouts) + (key === 'masks' ? '' : ''),
      ])
    })
  }
  const t = rows(['', 'conns', 'req/s', 'vs bare', 'p50', 'p99', 'non-2xx/err'], lines, [44, 6, 8, 8, 8, 8, 11])
  const checked = [['memory', b.rows.masks], ...(b.stores ?? []).map((store) => [store.name, store.masks])]
  const checks = checked
    .flatMap(([name, list]) => list.map((m) => ({ name, m })))
    .map(({ name, m }) => {
      const c = m.check
      const outcome = Object.entries(m.outcomes)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')
      return `  ${name}, ${m.connections} conns: ${outcome}; live ${c.liveReservations} (${c.unitsTaken} of ${c.outlets * c.stockPerOutlet} units, ${c.outletsSoldOut} outlets sold out); oversold outlets ${c.outletsOversold}, negative stock ${c.outletsNegative}, stock ≠ taken+remaining ${c.outletsStockMismatch}, documents with two live ${c.documentsWithTwoLive}${c.stable ? '' : ' (stock still moving during the check)'}`
    })
  return [
    ...out,
    ...t,
    `reservations: ${b.accounts} verified people, a fresh first-come round per row with ${b.stockPerOutlet} masks at each outlet, 1–2 per request`,
    ...(b.stores
      ? [
          `stores: memory (the rows without a name), ${b.stores.map((st) => st.name).join(', ')}; each database row's server wipes and reseeds it first; two processes split the connections and add their req/s (p50/p99: the slower one's)` +
            (b.postgres ? '' : '; no PostgreSQL rows: run `scripts/with-postgres.sh npm run bench -- --only backend` for them'),
        ]
      : []),
    ...checks,
  ]
}

export function formatTable(r) {
  const m = r.machine
  const lines = [
    `npm run bench · ${m.date.slice(0, 16).replace('T', ' ')} UTC · commit ${m.commit ?? '?'}`,
    `machine: ${m.cpus} × ${m.cpuModel ?? 'cpu'}, ${m.memGiB} GiB, node ${m.node}, ${m.chromium ?? 'chromium ?'}; load average ${m.loadavgStart?.[0]} at start, ${m.loadavgEnd?.[0]} at end`,
    `time: ${m.wallSeconds ?? '?'} s (${Object.entries(r.phases ?? {})
      .map(([k, v]) => `${k} ${v} s`)
      .join(', ')})`,
    '',
  ]
  if (r.sizes) lines.push(...sizesSection(r.sizes), '')
  if (r.render) lines.push(...renderSection(r.render), '')
  if (r.setdata) lines.push(...setDataSection(r.setdata), '')
  if (r.lists) lines.push(...listsSection(r.lists), '')
  if (r.backend) lines.push(...backendSection(r.backend), '')
  if (r.goals?.length) {
    lines.push('GOALS')
    for (const g of r.goals) {
      let value = g.value
      if (typeof g.value === 'number' && g.limit > 100) value = kb(g.value)
      else if (typeof g.value === 'number') value = `${g.value.toFixed(3)}×`
      const word = g.by < 0 ? 'short by' : 'over by'
      const by =
        g.met === false && typeof g.by === 'number'
          ? ` (${word} ${g.limit > 100 ? kb(Math.abs(g.by)) : Math.abs(g.by).toFixed(3) + '×'})`
          : ''
      lines.push(`  ${pad(mark(g.met) || 'n/a', 7)} ${pad(g.goal, 42)} ${value ?? ''}${by}${g.note ? ` — ${g.note}` : ''}`)
    }
  }
  return lines.join('\n')
}
