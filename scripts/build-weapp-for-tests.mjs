// Builds the weapp output that the miniprogram-simulate layer drives (dist/weapp-test), the same
// production build WeChat DevTools would open, with the API pointed at the in-process mock.
import { taroBuild } from './lib/taro-build.mjs'

// The normal build, and an embedded one (the mock inside the app) to prove a phone needs no server.
const builds = [
  { out: 'dist/weapp-test', env: {} },
  { out: 'dist/weapp-embedded-test', env: { TARO_APP_EMBEDDED_MOCK: '1' } },
]
for (const { out, env } of builds) {
  const started = Date.now()
  if (!taroBuild('weapp', { ...env, TARO_OUTPUT_ROOT: out })) {
    console.error(`[weapp-test] ${out} failed`)
    process.exit(1)
  }
  console.log(`[weapp-test] built ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`)
}
