// `npm run bench`: sizes, render times, setData, list scale and backend throughput of the app, each
// beside a bare baseline measured in the same run. Prints one plain-text table and writes the same
// figures to artifacts/bench/latest.json. Not part of `npm test`.
//
//   npm run bench                    everything (about 6–10 minutes on 2 cores)
//   npm run bench -- --no-build      reuse the dist/bench-* builds of the last run
//   npm run bench -- --only render,lists   some steps (sizes setdata render lists backend)
//   npm run bench -- --loads 9       cold loads per page (default 9, at least 5)
//   npm run bench -- --rtt 150       render over an emulated phone network: 150 ms round trips, 16 Mbit/s
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { backendBench } from './lib/backend.mjs'
import { listsBench } from './lib/lists.mjs'
import { renderBench, returningCitizen } from './lib/render.mjs'
import { h5Sizes, weappSizes } from './lib/sizes.mjs'
import { formatTable, evaluateGoals } from './lib/table.mjs'
import { BIN, CHROMIUM_ARGS, ROOT, log, pool, run, startMock } from './lib/util.mjs'

const args = process.argv.slice(2)
const flag = (name) => args.includes(`--${name}`)
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback)
const steps = new Set(option('only', 'sizes,setdata,render,lists,backend').split(','))
const loads = Math.max(5, Number(option('loads', 9)))
// Loopback has no round trips, so what a page waits for over the air (chunks after the entry,
// requests after the page) barely shows; --rtt puts a phone's network between browser and server.
const rtt = Number(option('rtt', 0))
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const OUT_DIR = join(ROOT, 'artifacts', 'bench')
mkdirSync(join(OUT_DIR, 'shots'), { recursive: true })

const DIST = {
  weapp: 'dist/bench-weapp',
  h5: 'dist/bench-h5',
  bareWeapp: 'dist/bench-bare-weapp',
  bareH5: 'dist/bench-bare-h5',
  embeddedWeapp: 'dist/bench-weapp-embedded',
}

/**
 * Production builds, never into dist/weapp or dist/h5. The fixture builds from its own folder.
 * Two at a time, the longest (the app's H5) first, so the others fit beside it.
 */
const BUILDS = [
  { name: 'h5', type: 'h5', out: DIST.h5 },
  { name: 'weapp', type: 'weapp', out: DIST.weapp },
  { name: 'bareWeapp', type: 'weapp', out: DIST.bareWeapp, fixture: true },
  { name: 'bareH5', type: 'h5', out: DIST.bareH5, fixture: true },
  { name: 'embeddedWeapp', type: 'weapp', out: DIST.embeddedWeapp, env: { TARO_APP_EMBEDDED_MOCK: '1' } },
]

function machine() {
  let chromiumVersion = null
  try {
    chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    // reported as unknown
  }
  let commit = null
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
  } catch {
    // not a checkout
  }
  return {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium: chromiumVersion,
    commit,
    loadavgStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  }
}

async function build(b) {
  const started = Date.now()
  const cwd = b.fixture ? join(ROOT, 'bench', 'fixture') : ROOT
  const out = b.fixture ? join('..', '..', b.out) : b.out
  const res = await run(BIN('taro'), ['build', '--type', b.type], {
    cwd,
    env: { NODE_ENV: 'production', TARO_OUTPUT_ROOT: out, ...(b.env ?? {}) },
  })
  const seconds = Math.round((Date.now() - started) / 100) / 10
  if (res.code !== 0 || /Compiled with some errors|Failed to compile/.test(res.out)) {
    const lines = res.out
      .split('\n')
      .filter((l) => /rror/.test(l))
      .slice(0, 20)
      .join('\n')
    throw new Error(`build ${b.name} failed (${seconds} s):\n${lines}`)
  }
  log(`built ${b.name} in ${seconds} s`)
  return seconds
}

async function setData() {
  const out = join(OUT_DIR, 'setdata.json')
  const res = await run(BIN('jest'), ['--config', 'bench/jest.setdata.config.js', '--silent'], {
    env: { WEAPP_DIST: join(ROOT, DIST.weapp), BENCH_SETDATA_OUT: out },
  })
  if (!existsSync(out))
    return {
      error: `jest exited with ${res.code}: ${res.out
        .split('\n')
        .filter((l) => /●|rror/.test(l))
        .slice(0, 5)
        .join(' | ')}`,
    }
  return JSON.parse(readFileSync(out, 'utf8'))
}

/** The page each figure of the render step waits for: the one thing a person came to see. */
function renderTargets(appBase, bareBase, routes) {
  const t = [
    { name: 'bare', url: `${bareBase}/#/pages/index/index`, route: 'pages/index/index', selector: '.bare__title', bare: true },
    { name: 'home', url: `${appBase}/#/pages/home/index`, route: 'pages/home/index', selector: '.home__service', asReturning: true },
    {
      name: 'masks',
      url: `${appBase}/#/masks/pages/round/index`,
      route: 'masks/pages/round/index',
      selector: '.masks-round__product',
      asReturning: true,
    },
    {
      name: 'returnees',
      url: `${appBase}/#/returnees/pages/status/index`,
      route: 'returnees/pages/status/index',
      selector: '.returnees-status__day',
      asReturning: true,
    },
    {
      name: 'jobs',
      url: `${appBase}/#/jobs/pages/list/index`,
      route: 'jobs/pages/list/index',
      selector: '.jobs-card__title',
      asReturning: true,
    },
  ]
  return t.map((x) => (x.bare || routes.includes(x.route) ? x : { ...x, missing: `${x.route} is not in the H5 build yet` }))
}

const results = { machine: machine(), builds: {}, phases: {}, sizes: null, setdata: null, render: null, lists: null, backend: null }
const wallStart = Date.now()
let phaseStart = Date.now()
/** Seconds each step took, so a slow run shows where its time went. */
function phase(name) {
  results.phases[name] = Math.round((Date.now() - phaseStart) / 1000)
  phaseStart = Date.now()
}

// 1. Builds: two at a time; the setData step needs only the weapp build, and counts bytes and
// calls (not time), so it runs beside the remaining builds. Nothing timed runs during builds.
let setDataJob = null
if (!flag('no-build')) {
  log('building (production): app and bare fixture for weapp and H5, and the embedded weapp…')
  await pool(BUILDS, 2, async (b) => {
    results.builds[b.name] = await build(b)
    if (b.name === 'weapp' && steps.has('setdata')) setDataJob = setData()
  })
} else {
  for (const d of Object.values(DIST)) if (!existsSync(join(ROOT, d))) throw new Error(`${d} is missing: run without --no-build`)
}
if (steps.has('setdata') && !setDataJob) setDataJob = setData()
phase('builds')

// 2. Sizes.
const sizes = {
  weapp: weappSizes(join(ROOT, DIST.weapp)),
  bareWeapp: weappSizes(join(ROOT, DIST.bareWeapp)),
  embeddedWeapp: weappSizes(join(ROOT, DIST.embeddedWeapp)),
  h5: h5Sizes(join(ROOT, DIST.h5)),
  bareH5: h5Sizes(join(ROOT, DIST.bareH5)),
}
results.sizes = sizes

if (setDataJob) {
  log('setData: hosting every weapp page in miniprogram-simulate…')
  results.setdata = await setDataJob
  phase('setdataAfterBuilds')
}

// 3–5. Browser steps, one after another on a quiet machine.
if (steps.has('render') || steps.has('lists')) {
  const app = await startMock({ staticDir: DIST.h5 })
  const bare = await startMock({ staticDir: DIST.bareH5 })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  try {
    results.machine.chromiumBrowser = browser.version()
    if (steps.has('render')) {
      const session = await returningCitizen(app.base)
      const targets = renderTargets(app.base, bare.base, sizes.h5.routes ?? [])
      log(
        `render: ${loads} cold loads of ${targets
          .filter((t) => !t.missing)
          .map((t) => t.name)
          .join(', ')}`,
      )
      results.render = {
        loads,
        rtt,
        session: { declared: session.declared },
        pages: await renderBench(browser, targets, { loads, session, rtt }),
      }
      phase('render')
    }
    if (steps.has('lists')) {
      const routes = sizes.h5.routes ?? []
      const missing = routes.includes('jobs/pages/list/index') ? undefined : 'jobs/pages/list/index is not in the H5 build yet'
      log('lists: paging the jobs list to 100, 1,000 and 10,000 postings…')
      results.lists = await listsBench(browser, app.base, { missing })
      phase('lists')
    }
  } finally {
    await browser.close()
    await app.stop()
    await bare.stop()
  }
}

// 6. Backend.
if (steps.has('backend')) {
  results.backend = await backendBench({ levels: [1, 50, 500], durationSec: 5 })
  phase('backend')
}

results.machine.loadavgEnd = os.loadavg().map((x) => Math.round(x * 100) / 100)
results.machine.wallSeconds = Math.round((Date.now() - wallStart) / 1000)
results.goals = evaluateGoals(results)
writeFileSync(join(OUT_DIR, 'latest.json'), JSON.stringify(results, null, 2))
console.log(formatTable(results))
log(`figures written to artifacts/bench/latest.json (${results.machine.wallSeconds} s)`)
