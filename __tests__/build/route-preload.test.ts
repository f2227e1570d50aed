/**
 * The H5 build's route preload: a real webpack build of a two-page app shows which files each
 * route's chunks need, and the inline script it writes into the HTML, run against an address,
 * preloads exactly those files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import webpack from 'webpack'
import { RoutePreloadPlugin } from '../../config/routePreload'

const PAGES = ['pages/home/index', 'masks/pages/round/index', 'masks/pages/mine/index']

let dir: string
let html: string

/** A plugin standing in for the HTML plugin: an index.html naming the entry's scripts. */
class HtmlStub {
  apply(compiler: webpack.Compiler) {
    compiler.hooks.thisCompilation.tap('HtmlStub', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'HtmlStub', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE }, () => {
        const entry = [...(compilation.entrypoints.get('app')?.getFiles() ?? [])]
        const tags = entry.map((f) => `<script defer src="/${f}"></script>`).join('')
        compilation.emitAsset('index.html', new webpack.sources.RawSource(`<html><head><title>t</title>${tags}</head><body></body></html>`))
      })
    })
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'route-preload-'))
  const file = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  file('src/app.js', PAGES.map((p) => `export const r${PAGES.indexOf(p)} = () => import('./${p}')`).join('\n'))
  file('src/pages/home/index.js', `export default 'home'`)
  file('src/masks/shared.js', `export const shared = 'masks-shared'.repeat(200)`)
  file('src/masks/pages/round/index.js', `import { shared } from '../../shared'\nexport default shared + 'round'`)
  file('src/masks/pages/mine/index.js', `import { shared } from '../../shared'\nexport default shared + 'mine'`)
  const compiler = webpack({
    mode: 'production',
    context: dir,
    entry: { app: './src/app.js' },
    output: { path: join(dir, 'dist'), publicPath: '/', filename: 'js/[name].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
    optimization: { splitChunks: { cacheGroups: { masks: { chunks: 'async', minChunks: 2, minSize: 0, name: 'masks-shared' } } } },
    plugins: [new HtmlStub(), new RoutePreloadPlugin({ pages: PAGES, publicPath: '/' })],
  })
  await new Promise<void>((resolve, reject) =>
    compiler.run((err, stats) => (err || stats?.hasErrors() ? reject(err ?? new Error(stats?.toString())) : resolve())),
  )
  html = readFileSync(join(dir, 'dist/index.html'), 'utf8')
}, 60_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the HTML's inline script at `hash`; returns the links it added, as `as href`. */
function preloadsAt(hash: string): string[] {
  const script = /<script>(.*?)<\/script>/.exec(html)?.[1]
  if (!script) throw new Error(`no inline script in ${html}`)
  const added: { rel: string; as: string; href: string }[] = []
  const document = { createElement: () => ({ rel: '', as: '', href: '' }), head: { appendChild: (l: (typeof added)[0]) => added.push(l) } }
  runInNewContext(script, { location: { hash }, document })
  for (const l of added) expect(l.rel).toBe('preload')
  return added.map((l) => `${l.as} ${l.href}`)
}

describe('the route preload in index.html', () => {
  it('stands before the entry scripts', () => {
    expect(html.indexOf('<script>')).toBeLessThan(html.indexOf('<script defer'))
  })

  it('preloads a service page’s own chunk and the chunk it shares with the service’s other pages', () => {
    const links = preloadsAt('#/masks/pages/round/index?roundId=r1')
    expect(links).toHaveLength(2)
    expect(links[0]).toMatch(/^script \/js\/masks-shared\.[0-9a-f]{8}\.js$/)
    expect(links[1]).toMatch(/^script \/js\/\d+\.[0-9a-f]{8}\.js$/)
    for (const l of links) expect(existsSync(join(dir, 'dist', l.split(' ')[1]))).toBe(true)
    const mine = preloadsAt('#/masks/pages/mine/index')
    expect(mine[0]).toBe(links[0])
    expect(mine[1]).not.toBe(links[1])
  })

  it('opens the first page for an empty address, and preloads nothing for one it does not know', () => {
    const home = preloadsAt('')
    expect(home).toHaveLength(1)
    expect(preloadsAt('#/')).toEqual(home)
    expect(preloadsAt('#/pages/home/index')).toEqual(home)
    expect(preloadsAt('#/pages/nowhere/index')).toEqual([])
  })
})
