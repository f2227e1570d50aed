// Builds the weapp output that the miniprogram-simulate layer drives (dist/weapp-test), the same
// production build WeChat DevTools would open, with the API pointed at the in-process mock.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const started = Date.now()
const build = spawnSync(join(root, 'node_modules/.bin/taro'), ['build', '--type', 'weapp'], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, TARO_OUTPUT_ROOT: 'dist/weapp-test', NODE_ENV: 'production' },
})
if (build.status !== 0) {
  console.error(`${build.stdout}\n${build.stderr}`.split('\n').filter((l) => /rror/.test(l)).slice(0, 40).join('\n'))
  console.error('[weapp-test] build failed')
  process.exit(1)
}
console.log(`[weapp-test] built dist/weapp-test in ${((Date.now() - started) / 1000).toFixed(0)} s`)
