// The jobs list in an H5 build at 100, 1,000 and 5,000 loaded postings: rendered rows and DOM
// nodes, read in headless Chromium. The same measurement as `npm run bench -- --only lists`
// (bench/lib/lists.mjs: the page pages through GET /jobs by being scrolled, nothing injected), on
// one build and without the rest of the benchmark.
//
//   node bench/jobs-list-scale.mjs [--dist dist/tmp-jobs-h5] [--sizes 100,1000,5000] [--json]
//
// Needs an H5 build in --dist (e.g. `TARO_OUTPUT_ROOT=dist/tmp-jobs-h5 npx taro build --type h5`).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { listsBench } from './lib/lists.mjs'
import { CHROMIUM_ARGS, ROOT, startMock } from './lib/util.mjs'

const args = process.argv.slice(2)
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback)
const dist = option('dist', 'dist/tmp-jobs-h5')
const sizes = option('sizes', '100,1000,5000').split(',').map(Number)

if (!existsSync(join(ROOT, dist, 'index.html'))) {
  console.error(`no H5 build in ${dist}: build one first (TARO_OUTPUT_ROOT=${dist} npx taro build --type h5)`)
  process.exit(1)
}

const mock = await startMock({ staticDir: dist })
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS })
let result
try {
  result = await listsBench(browser, mock.base, { sizes, scrolls: 3 })
} finally {
  await browser.close()
  await mock.stop()
}

if (args.includes('--json')) {
  console.log(JSON.stringify(result, null, 2))
} else {
  const pad = (v, n) => String(v ?? '–').padStart(n)
  console.log(`jobs list, H5 (${dist}), 375×667, Chromium; postings on the server: ${result.postingsOnServer}`)
  console.log(
    `${'loaded'.padStart(8)} ${'held'.padStart(6)} ${'rows@top'.padStart(9)} ${'nodes@top'.padStart(10)} ${'rows@end'.padStart(9)} ${'nodes@end'.padStart(10)} ${'append ms'.padStart(10)}`,
  )
  for (const size of sizes) {
    const s = result.sizes[size]
    if (!s) continue
    console.log(
      `${pad(size, 8)} ${pad(s.heldAtTop, 6)} ${pad(s.renderedItems, 9)} ${pad(s.domNodes, 10)} ${pad(s.renderedItemsAtEnd, 9)} ${pad(s.domNodesAtEnd, 10)} ${pad(s.appendMs === null || s.appendMs === undefined ? null : Math.round(s.appendMs), 10)}`,
    )
  }
  if (result.error) console.log(`error: ${result.error}`)
  if (result.pageErrors?.length) console.log(`page errors: ${result.pageErrors.join(' | ')}`)
}
process.exit(result.error ? 1 : 0)
