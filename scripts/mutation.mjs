// Mutation testing, folder by folder. One Stryker run over everything takes hours on two cores
// and writes its incremental file only at the very end, so a run cut short keeps nothing. Here
// each group is its own run with its own incremental file (mutation/incremental/<group>.json,
// committed) and its own tests: a mutant is tried only against the tests written for its folder,
// which keeps each mutant to seconds and makes the score a floor (the whole suite could only kill
// more). The table at the end is read from the committed files, so it covers every group ever run.
//
//   npm run test:mutation                    every group, incremental
//   npm run test:mutation -- --only mock-masks,mock-jobs
//   npm run test:mutation -- --force         ignore the incremental files
//   npm run test:mutation -- --report        print the table only
//   npm run test:mutation -- --typecheck     with the TypeScript checker (see mutation/README.md)
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname

/** mutate: Stryker globs; tests: folders under __tests__ whose tests may kill the group's mutants. */
const GROUPS = [
  { name: 'core-identity', mutate: ['src/core/identity/**/*.ts'], tests: ['core'] },
  {
    name: 'core-contract',
    mutate: ['src/core/contract/**/*.ts'],
    // The services' schemas are exercised where the services use them (the jobs search-index and
    // merge tests are left out: they cost each mutant seconds and parse only the list's query).
    tests: [
      'core',
      'mock/platform',
      'mock/session',
      'mock/returnees',
      'mock/masks/reservations.test.ts',
      'mock/masks/outlets.test.ts',
      'mock/masks/shapes.test.ts',
      'mock/jobs/list.test.ts',
      'mock/jobs/edges.test.ts',
      'mock/jobs/applications.test.ts',
    ],
  },
  // The api client is driven by the page tests alone (jsdom): its group runs that project.
  { name: 'core-api', mutate: ['src/core/api/**/*.ts'], tests: ['pages/core', 'pages/verify-faults.test.tsx'], project: 'pages' },
  {
    name: 'mock-session',
    mutate: ['mock/session/**/*.ts'],
    // The guards (401, 403 IDENTITY_REQUIRED, staff only) are tried where the services use them.
    tests: [
      'mock/session',
      'mock/platform',
      'mock/masks/reservations.test.ts',
      'mock/masks/pickups.test.ts',
      'mock/returnees/community.test.ts',
    ],
  },
  { name: 'mock-masks', mutate: ['mock/masks/**/*.ts', '!mock/masks/seed*.ts'], tests: ['mock/masks'] },
  {
    name: 'mock-returnees',
    mutate: ['mock/returnees/**/*.ts', '!mock/returnees/seed*.ts'],
    tests: ['mock/returnees'],
  },
  {
    name: 'mock-jobs',
    mutate: ['mock/jobs/**/*.ts', '!mock/jobs/seed*.ts', '!mock/jobs/vocabulary.ts'],
    tests: ['mock/jobs'],
  },
  {
    name: 'mock-core',
    mutate: ['mock/core/**/*.ts', 'mock/controls/**/*.ts', 'mock/backend.ts'],
    tests: [
      'mock/platform',
      'mock/session',
      'mock/masks/control.test.ts',
      'mock/masks/outlets.test.ts',
      'mock/masks/reservations.test.ts',
      // The regions route is the returnees service's; the table it reads is the core's.
      'mock/returnees/regions.test.ts',
    ],
  },
  {
    name: 'mock-server',
    mutate: ['mock/server/**/*.ts', '!mock/server/main.ts', 'mock/embedded/**/*.ts'],
    tests: ['mock/platform', 'mock/fuzz'],
  },
]

const args = process.argv.slice(2)
const flag = (name) => args.includes(`--${name}`)
const onlyArg = args[args.indexOf('--only') + 1]
const only = args.includes('--only') && onlyArg ? onlyArg.split(',') : null
const unknown = only?.filter((n) => !GROUPS.some((g) => g.name === n)) ?? []
if (unknown.length) {
  console.error(`unknown group(s): ${unknown.join(', ')}; groups: ${GROUPS.map((g) => g.name).join(', ')}`)
  process.exit(2)
}

// The mock project's store tests run PGlite, which needs the flag `npm run test:mock` sets; the
// pages project's ESM dependencies break under it, so each project gets what its npm script gives.
const projectEnv = (project) =>
  project === 'mock'
    ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --disable-warning=ExperimentalWarning`.trim() }
    : {}

const incrementalFile = (g) => join('mutation', 'incremental', `${g.name}.json`)

function runGroup(g) {
  const base = JSON.parse(readFileSync(join(root, 'stryker.config.json'), 'utf8'))
  delete base.$schema
  const config = {
    ...base,
    mutate: g.mutate,
    incrementalFile: incrementalFile(g),
    force: flag('force'),
    htmlReporter: { fileName: `reports/mutation/${g.name}/index.html` },
    jsonReporter: { fileName: `reports/mutation/${g.name}/mutation.json` },
    tempDirName: `.stryker-tmp/${g.name}`,
    ...(flag('typecheck') ? {} : { checkers: [] }),
  }
  mkdirSync(join(root, 'reports', 'mutation', g.name), { recursive: true })
  mkdirSync(join(root, 'mutation', 'incremental'), { recursive: true })
  const configPath = join('reports', 'mutation', g.name, 'stryker.config.json')
  writeFileSync(join(root, configPath), JSON.stringify(config, null, 2))
  const started = Date.now()
  console.log(`\n== ${g.name}: ${g.mutate.join(' ')}  (tests: ${g.tests.join(', ')})`)
  const run = spawnSync('npx', ['stryker', 'run', configPath], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...projectEnv(g.project ?? 'mock'), STRYKER_TESTS: g.tests.join(','), STRYKER_PROJECT: g.project ?? 'mock' },
  })
  console.log(`== ${g.name}: ${((Date.now() - started) / 60000).toFixed(1)} min, exit ${run.status}`)
  return run.status === 0
}

/** Score per folder (two path segments, e.g. mock/masks), from every group's incremental file. */
function report() {
  const folders = new Map()
  const add = (folder, status) => {
    const row = folders.get(folder) ?? {}
    row[status] = (row[status] ?? 0) + 1
    folders.set(folder, row)
  }
  for (const g of GROUPS) {
    const file = join(root, incrementalFile(g))
    if (!existsSync(file)) continue
    const { files } = JSON.parse(readFileSync(file, 'utf8'))
    for (const [path, { mutants }] of Object.entries(files)) {
      const parts = path.split('/')
      const folder = parts.length > 2 ? parts.slice(0, parts[0] === 'src' ? 3 : 2).join('/') : parts[0]
      for (const m of mutants) {
        add(folder, m.status)
        add(parts[0] === 'mock' ? 'mock (all)' : 'src/core (all)', m.status)
      }
    }
  }
  const detected = (r) => (r.Killed ?? 0) + (r.Timeout ?? 0)
  const undetected = (r) => (r.Survived ?? 0) + (r.NoCoverage ?? 0)
  const rows = [...folders.entries()].sort(([a], [b]) => a.localeCompare(b))
  console.log('\nfolder               killed  survived  no cover  score')
  for (const [folder, r] of rows) {
    const total = detected(r) + undetected(r)
    const score = total ? ((100 * detected(r)) / total).toFixed(2) : '—'
    console.log(
      `${folder.padEnd(20)} ${String(detected(r)).padStart(6)}  ${String(r.Survived ?? 0).padStart(8)}  ${String(r.NoCoverage ?? 0).padStart(8)}  ${score.padStart(6)} %`,
    )
  }
}

let ok = true
if (!flag('report')) {
  for (const g of GROUPS) if (!only || only.includes(g.name)) ok = runGroup(g) && ok
}
report()
process.exit(ok ? 0 : 1)
