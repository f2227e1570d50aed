// `npm run test:e2e`: builds H5, serves it with the mock on a free port, and drives every flow in
// e2e/*.flow.mjs in headless Chromium at 375×667, saving screenshots to artifacts/e2e/.
// `--no-build` reuses dist/h5; `--only name` runs one flow.
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
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

/** A QR code's text, read by zbarimg. No zbarimg is a failure, never a skipped check (CI installs zbar-tools). */
function decodeQr(png) {
  const probe = spawnSync('zbarimg', ['--version'], { encoding: 'utf8' })
  if (probe.error) throw new Error(`zbarimg is needed to read QR codes (apt-get install zbar-tools): ${probe.error.message}`)
  const file = join(mkdtempSync(join(tmpdir(), 'e2e-qr-')), 'qr.png')
  writeFileSync(file, png)
  const res = spawnSync('zbarimg', ['--quiet', '--raw', file], { encoding: 'utf8' })
  if (res.error) throw new Error(`zbarimg failed: ${res.error.message}`)
  // zbarimg exits 4 when it finds no symbol: an empty reading, which the flow's check then fails.
  return (res.stdout ?? '').trim()
}

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
  /** Opens a page of the app by its path, e.g. '/pages/verify/index'. */
  const open = async (path) => {
    await page.goto(`${base}/#${path}`)
    await page.waitForLoadState('networkidle')
  }
  // Pages left behind stay in the DOM, hidden, with the same words and fields: every step acts on
  // what shows.
  /** Types into the Taro Input or Textarea whose `name` is given. */
  const fill = async (name, value) => {
    const input = page.locator(`input[name="${name}"]:visible, textarea[name="${name}"]:visible`).first()
    await input.fill('')
    await input.fill(value)
  }
  const tap = (text) => page.getByText(text, { exact: true }).filter({ visible: true }).first().click()
  const see = (text, timeout = 8000) => page.getByText(text).filter({ visible: true }).first().waitFor({ timeout })
  /** Opens the picker of a form field and confirms its first (or current) choice. */
  const pick = async (field) => {
    await page.locator(`#field-${field} .field__picker-value`).first().click()
    // Every picker keeps its own (hidden) sheet in the page: confirm the one that is open.
    await page.locator('.weui-picker__action:visible, .taro-picker__action:visible', { hasText: '确定' }).last().click()
    // Closing, a sheet still covers the page (the web-component picker fades out for 350 ms):
    // wait until no sheet is showing, so the next tap reaches the page and the next "确定" is
    // that of the picker it opens.
    await page.locator('.weui-picker__overlay:visible, .taro-picker__overlay:visible').first().waitFor({ state: 'hidden', timeout: 4000 })
    // And the choice is in the field.
    await page.locator(`#field-${field} .field__picker-value .field__placeholder`).first().waitFor({ state: 'detached', timeout: 4000 })
  }
  return {
    page,
    base,
    mock,
    open,
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
    fill,
    tap,
    see,
    pick,
    /**
     * On the declaration form: a return from 杭州 by train, to 云南中路居委会 at a normal
     * temperature, every picker on its first choice (the flows' shared person, whoever it is for).
     */
    fillDeclaration: async (number = 'G7501') => {
      await pick('originProvince')
      await pick('originCity')
      await pick('transport-mode')
      await fill('transport-number', number)
      await pick('arrivalDate')
      await pick('departureDate')
      await pick('district')
      await pick('street')
      await pick('residence-communityId')
      await fill('residence-address', '云南中路 18 弄 3 号 201 室')
      await fill('temperature', '36.5')
      await tap('没有接触')
    },
    /** Logs this device in: with a demo login code (`worker:…`, `staff:…`), or as its own person. */
    loginAs: async (code) => {
      await open('/pages/login/index')
      await see('演示账号')
      if (code) {
        await tap('演示账号')
        await fill('demoCode', code)
        await tap('用登录码登录')
      } else {
        await page.locator('.btn--primary', { hasText: '登录' }).first().click()
      }
      await see('办事服务')
    },
    /** On the verification form: asks for a code and returns the one the mock shows. */
    demoSmsCode: async () => {
      await tap('获取验证码')
      await see('演示环境不发真实短信')
      const hint = page
        .getByText(/验证码是 \d{6}/)
        .filter({ visible: true })
        .first()
      await hint.waitFor({ timeout: 8000 })
      return /(\d{6})/.exec((await hint.textContent()) ?? '')?.[1] ?? ''
    },
    decodeQr,
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
