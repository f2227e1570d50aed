// `npm run test:e2e`: builds H5, serves it with the mock on a free port, and drives every flow in
// e2e/*.flow.mjs in headless Chromium at 375×667, saving screenshots to artifacts/e2e/.
// `--no-build` reuses dist/h5; `--only name` runs one flow.
import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS } from '../bench/lib/util.mjs'
import { root, taroBuild } from './lib/taro-build.mjs'

const shotsDir = join(root, 'artifacts', 'e2e')
const args = process.argv.slice(2)
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

if (!args.includes('--no-build')) {
  console.log('[e2e] building H5…')
  if (!taroBuild('h5')) process.exit(1)
}

const port = await freePort()
const base = `http://127.0.0.1:${port}`
// On memory whatever the shell has set: the flows reset the world, which would wipe a database.
const server = spawn(join(root, 'node_modules/.bin/tsx'), ['mock/server/main.ts', '--port', String(port), '--static', 'dist/h5'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, DATABASE_URL: '' },
})
await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('mock server did not start in 30 s')), 30_000)
  server.stdout.on('data', (d) => {
    if (String(d).includes('ready')) {
      clearTimeout(timer)
      resolve()
    }
  })
})

rmSync(shotsDir, { recursive: true, force: true })
mkdirSync(shotsDir, { recursive: true })

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
})

/** Helpers every flow gets. */
function kit(page, flowName) {
  let n = 0
  const mock = async (path, body) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    })
    if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`)
    return res.json()
  }
  return {
    page,
    base,
    mock,
    /** Opens a page of the app by its path, e.g. '/pages/verify/index'. */
    open: async (path) => {
      await page.goto(`${base}/#${path}`)
      await page.waitForLoadState('networkidle')
    },
    shot: async (label) => {
      // Pages slide in: wait until no animation or transition is running, so the picture is the
      // page a person would see, not a frame of the slide.
      await page
        .waitForFunction(
          // An endless animation (the pass's moving band) is part of the page, not a slide.
          () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
          null,
          { timeout: 3000 },
        )
        .catch(() => {})
      n += 1
      const file = join(shotsDir, `${flowName}-${String(n).padStart(2, '0')}-${label}.png`)
      await page.screenshot({ path: file, fullPage: false })
      return file
    },
    /** Types into the Taro Input whose `name` is given. */
    fill: async (name, value) => {
      const input = page.locator(`input[name="${name}"]`).first()
      await input.fill('')
      await input.fill(value)
    },
    tap: async (text) => {
      await page.getByText(text, { exact: true }).first().click()
    },
    see: async (text, timeout = 8000) => {
      await page.getByText(text).first().waitFor({ state: 'visible', timeout })
    },
    expect(cond, message) {
      if (!cond) throw new Error(`expectation failed: ${message}`)
    },
  }
}

const flows = readdirSync(join(root, 'e2e'))
  .filter((f) => f.endsWith('.flow.mjs'))
  .sort((a, b) => (a.startsWith('foundation') ? -1 : b.startsWith('foundation') ? 1 : a.localeCompare(b)))
  .filter((f) => !only || f.startsWith(only))

let passed = 0
let failed = 0
for (const file of flows) {
  const flow = (await import(pathToFileURL(join(root, 'e2e', file)).href)).default
  await fetch(`${base}/__mock/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"seed":1}' })
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, locale: 'zh-CN' })
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  const started = Date.now()
  try {
    await flow.run(kit(page, flow.name))
    if (errors.length) throw new Error(`page errors: ${errors.join(' | ')}`)
    passed += 1
    console.log(`  ✓ ${flow.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  } catch (e) {
    failed += 1
    await page.screenshot({ path: join(shotsDir, `${flow.name}-FAILED.png`) }).catch(() => {})
    console.log(`  ✗ ${flow.name}: ${e.message}`)
  }
  await context.close()
}

await browser.close()
server.kill('SIGTERM')
console.log(`\ne2e: screenshots in ${shotsDir}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
