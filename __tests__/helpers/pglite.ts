import { PGlite } from '@electric-sql/pglite'
import { migrate } from '@/mock/store/migrate'

/**
 * A migrated in-process database for a store test file. PGlite loads node's built-ins with a
 * dynamic import, which jest allows only under --experimental-vm-modules (`npm run test:mock`
 * sets it); without it every test would fail with a vm error instead of this one.
 */
export async function migratedPglite(): Promise<PGlite> {
  const flags = process.execArgv.concat(process.env.NODE_OPTIONS ?? '').join(' ')
  if (!flags.includes('--experimental-vm-modules')) {
    throw new Error('The PGlite store tests need node --experimental-vm-modules: run them with `npm run test:mock`.')
  }
  const pglite = new PGlite()
  await migrate(pglite)
  return pglite
}
