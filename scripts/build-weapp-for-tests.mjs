// Builds the weapp output that the miniprogram-simulate layer drives (dist/weapp-test), the same
// production build WeChat DevTools would open, with the API pointed at the in-process mock.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// The normal build, and an embedded one (the mock inside the app) to prove a phone needs no server.
const builds = [
  { out: 'dist/weapp-test', env: {} },
  { out: 'dist/weapp-embedded-test', env: { TARO_APP_EMBEDDED_MOCK: '1' } },
]
for (const { out, env } of builds) {
  const started = Date.now()
  const build = spawnSync(join(root, 'node_modules/.bin/taro'), ['build', '--type', 'weapp'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env, TARO_OUTPUT_ROOT: out, NODE_ENV: 'production' },
  })
  if (build.status !== 0) {
    console.error(`${build.stdout}\n${build.stderr}`.split('\n').filter((l) => /rror/.test(l)).slice(0, 40).join('\n'))
    console.error(`[weapp-test] ${out} failed`)
    process.exit(1)
  }
  console.log(`[weapp-test] built ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`)
}
