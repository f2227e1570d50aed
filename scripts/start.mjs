// `npm start`: builds the H5 app, then serves it and the mock backend together on
// http://127.0.0.1:10086 (one process, same origin, nothing else to set up). The records live in
// PGlite under .data/pglite and survive a restart; `npm start -- --memory` keeps them in memory
// only, and a DATABASE_URL that is set wins over both.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { root, taroBuild } from './lib/taro-build.mjs'

const port = process.env.PORT || '10086'
const bin = (name) => join(root, 'node_modules', '.bin', name)

if (!process.argv.includes('--no-build')) {
  console.log('[start] building the H5 app (about half a minute)…')
  if (!taroBuild('h5')) {
    console.error('[start] the H5 build failed; run `npm run build:h5` to see the whole log')
    process.exit(1)
  }
}

const memory = process.argv.includes('--memory')
const DATABASE_URL = process.env.DATABASE_URL || (memory ? '' : 'pglite:.data/pglite')
const server = spawn(bin('tsx'), ['mock/server/main.ts', '--port', port, '--static', 'dist/h5'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL },
})
const stop = () => server.kill('SIGTERM')
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
server.on('exit', (code) => process.exit(code ?? 0))
