// `npm start`: builds the H5 app, then serves it and the mock backend together on
// http://127.0.0.1:10086 (one process, same origin, nothing else to set up).
import { spawn, spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const port = process.env.PORT || '10086'
const bin = (name) => join(root, 'node_modules', '.bin', name)

if (!process.argv.includes('--no-build')) {
  console.log('[start] building the H5 app (about half a minute)…')
  const build = spawnSync(bin('taro'), ['build', '--type', 'h5'], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } })
  if (build.status !== 0) {
    console.error(`${build.stdout}\n${build.stderr}`.split('\n').filter((l) => /error|Error/.test(l)).slice(0, 40).join('\n'))
    console.error('[start] the H5 build failed; run `npm run build:h5` to see the whole log')
    process.exit(build.status ?? 1)
  }
}

const server = spawn(bin('tsx'), ['mock/server/main.ts', '--port', port, '--static', 'dist/h5'], { cwd: root, stdio: 'inherit' })
const stop = () => server.kill('SIGTERM')
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
server.on('exit', (code) => process.exit(code ?? 0))
