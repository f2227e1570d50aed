// One production Taro build, quiet unless it fails (then only its error lines).
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Builds `type` ('weapp' | 'h5') with extra env; returns true when it succeeded. */
export function taroBuild(type, env = {}) {
  const build = spawnSync(join(root, 'node_modules/.bin/taro'), ['build', '--type', type], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production', ...env },
  })
  if (build.status === 0) return true
  console.error(
    `${build.stdout}\n${build.stderr}`
      .split('\n')
      .filter((l) => /rror/.test(l))
      .slice(0, 40)
      .join('\n'),
  )
  return false
}
