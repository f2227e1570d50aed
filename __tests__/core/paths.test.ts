import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { SERVICES } from '@/core/services'
import { call, login, testBackend, verifiedCitizen } from '../helpers/backend'
import { declarationBody, declare, worker } from '../helpers/returnees'
import { firstComeRound, startRound } from '../helpers/masks'
import { publish, subscribe } from '../helpers/jobs'

/**
 * Every page path anyone uses — a service's paths.ts, the core's service list, a link in any file
 * of src/ or mock/, an attention item the mock sends — must be a page of app.config.ts. A path
 * that is not is a blank screen on a phone, and only WeChat would say so.
 */
const ROOT = join(__dirname, '..', '..')

type AppConfig = { pages: string[]; subPackages: { root: string; pages: string[] }[]; tabBar: { list: { pagePath: string }[] } }

function appConfig(): AppConfig {
  // app.config.ts calls Taro's build-time global; here it only needs to hand back its argument.
  const g = globalThis as { defineAppConfig?: (c: AppConfig) => AppConfig }
  g.defineAppConfig = (c) => c
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the global above must exist before the file runs
  return (require('@/app.config') as { default: AppConfig }).default
}

const config = appConfig()
const PAGES = new Set(
  [...config.pages, ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))].map((p) => `/${p}`),
)

/** The page of a link: without its query. */
const pageOf = (url: string) => url.split('?')[0]

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx)$/.test(name) ? [path] : []
  })
}

/** `'/masks/pages/mine/index'`, `` `/returnees/pages/person/index?id=…` `` and the like, wherever they are written. */
const PAGE_LITERAL = /['"`](\/(?:[a-z]+\/)?pages\/[a-z-]+\/index)(?=[?'"`$])/g

describe('page paths', () => {
  it('app.config.ts lists each service as a subpackage, and the tab bar points at main-package pages', () => {
    expect(config.subPackages.map((p) => p.root).sort()).toEqual(SERVICES.map((s) => s.key).sort())
    for (const tab of config.tabBar.list) expect(config.pages).toContain(tab.pagePath)
  })

  it("the core's service list links only to pages of app.config.ts, each in its own service", () => {
    for (const s of SERVICES) {
      const links = [s.entry, s.mine.path, ...(s.work ?? []).map((w) => w.path)].map(pageOf)
      for (const link of links) {
        expect(PAGES).toContain(link)
        expect(link.startsWith(`/${s.key}/`)).toBe(true)
      }
    }
  })

  it("every service's paths.ts names pages of app.config.ts only", () => {
    for (const { root } of config.subPackages) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- one module per subpackage, found by its root
      const paths = require(`@/${root}/paths`) as Record<string, unknown>
      const constants = Object.entries(paths).filter(([, value]) => typeof value === 'string')
      expect(constants.length).toBeGreaterThan(0)
      for (const [name, value] of constants) {
        expect({ name, page: pageOf(value as string), known: PAGES.has(pageOf(value as string)) }).toEqual({
          name,
          page: pageOf(value as string),
          known: true,
        })
      }
    }
  })

  it('every page path written in src/ or mock/ is a page of app.config.ts', () => {
    const found: { file: string; page: string }[] = []
    for (const file of [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'mock'))]) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(PAGE_LITERAL)) found.push({ file: relative(ROOT, file), page: m[1] })
    }
    // The scan must see the links of every service and of the mock, or it proves nothing.
    for (const where of ['src/masks/', 'src/returnees/', 'src/jobs/', 'src/core/', 'mock/']) {
      expect(found.some((f) => f.file.startsWith(where))).toBe(true)
    }
    const unknown = found.filter((f) => !PAGES.has(f.page))
    expect(unknown).toEqual([])
  })

  it('every attention item the mock sends links to a page of app.config.ts', async () => {
    const backend = testBackend()
    const seen = new Set<string>()
    const collect = async (token: string) => {
      const res = await call(backend, 'GET', '/me/attention', { token })
      expect(res.status).toBe(200)
      for (const item of res.body.items as { path?: string }[]) if (item.path) seen.add(pageOf(item.path))
    }
    // Someone who has not verified yet is sent to verification.
    await collect((await login(backend, 'paths-new')).token)
    // A citizen with a reservation, a declaration, an application and a saved search with news.
    const person = await verifiedCitizen(backend, 'paths-citizen')
    const round = await startRound(backend, firstComeRound())
    const outletId = (await call(backend, 'GET', '/masks/outlets', { query: { limit: '1' } })).body.items[0].id
    expect(
      (
        await call(backend, 'POST', '/masks/reservations', {
          token: person.token,
          body: { roundId: round.round.id, outletId, quantity: 1 },
        })
      ).status,
    ).toBe(201)
    expect((await declare(backend, person.token, declarationBody(backend))).status).toBe(201)
    const jobId = (await call(backend, 'GET', '/jobs', { query: { limit: '1' } })).body.items[0].id
    expect((await call(backend, 'POST', `/jobs/${jobId}/applications`, { token: person.token, body: {} })).status).toBe(201)
    expect((await subscribe(backend, person.token, { industry: 'logistics' })).status).toBe(201)
    await publish(backend, 50)
    await collect(person.token)
    // A worker with a community to look after.
    await collect(await worker(backend))
    expect(seen.size).toBeGreaterThanOrEqual(5)
    expect([...seen].filter((page) => !PAGES.has(page))).toEqual([])
  })
})
