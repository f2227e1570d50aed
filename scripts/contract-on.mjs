// `npm run test:contract:pglite` / `test:contract:postgres`: the HTTP contract files again, with
// every test backend on that store (TEST_STORE, see __tests__/helpers/store-under-test.ts).
// PostgreSQL needs DATABASE_URL (scripts/with-postgres.sh makes a throw-away database); its
// backends share that one database, a schema each, so the files run one at a time.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const CONTRACT_FILES = [
  '__tests__/mock/platform/http.test.ts',
  '__tests__/mock/platform/contract-auth.test.ts',
  '__tests__/mock/masks/http.test.ts',
  '__tests__/mock/returnees/http.test.ts',
  '__tests__/mock/jobs/http.test.ts',
  '__tests__/mock/pass/pass.test.ts',
  '__tests__/mock/family/family.test.ts',
]

const store = process.argv[2]
if (store !== 'pglite' && store !== 'postgres') {
  console.error('usage: node scripts/contract-on.mjs pglite|postgres')
  process.exit(2)
}
const root = join(import.meta.dirname, '..')
const args = ['--config', 'jest.config.js', '--selectProjects', 'mock', '--testTimeout', '60000', '--forceExit']
if (store === 'postgres') args.push('--runInBand')
const run = spawnSync(join(root, 'node_modules', '.bin', 'jest'), [...args, '--runTestsByPath', ...CONTRACT_FILES], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TEST_STORE: store, NODE_OPTIONS: '--experimental-vm-modules --disable-warning=ExperimentalWarning' },
})
process.exit(run.status ?? 1)
