import type { Compilation, Compiler } from 'webpack'

const PLUGIN = 'RoutePreloadPlugin'

/**
 * H5 loads a page's chunks only once the entry has run and the router has asked for them: a
 * round trip after the entry, then its `shared` and service chunks. This writes into index.html a
 * few bytes that read the route from the address before the entry runs and preload that route's
 * chunks (scripts and styles) beside it, so a cold start, or a link into a service, spends one
 * round trip instead of two. Only the route being opened is fetched; nothing changes for the weapp.
 */
export class RoutePreloadPlugin {
  constructor(private readonly opts: { pages: string[]; publicPath: string; html?: string }) {}

  apply(compiler: Compiler): void {
    const { webpack } = compiler
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      compilation.hooks.processAssets.tap({ name: PLUGIN, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE }, () => {
        const html = this.opts.html ?? 'index.html'
        const asset = compilation.getAsset(html)
        if (!asset) return
        const manifest = this.manifest(compilation)
        const script = `<script>${preloadScript(JSON.stringify(manifest), JSON.stringify(this.opts.pages[0]))}</script>`
        const source = asset.source.source().toString()
        // Before the entry's own <script> tags, so the preloads start first.
        const at = source.indexOf('<script')
        const out = at < 0 ? source.replace('</head>', `${script}</head>`) : `${source.slice(0, at)}${script}${source.slice(at)}`
        compilation.updateAsset(html, new webpack.sources.RawSource(out))
      })
    })
  }

  /** Each page's route → the files of the chunks its `import()` loads, in load order. */
  private manifest(compilation: Compilation): Record<string, string[]> {
    const out: Record<string, string[]> = {}
    for (const group of compilation.chunkGroups) {
      for (const origin of group.origins) {
        const page = this.pageOf(origin.request)
        if (!page || out[page]) continue
        const files = group.getFiles().filter((f) => /\.(js|css)$/.test(f) && !/hot-update/.test(f))
        out[page] = files.map((f) => `${this.opts.publicPath}${f}`)
      }
    }
    return out
  }

  private pageOf(request: string | undefined): string | null {
    if (!request) return null
    const path = request.replace(/\\/g, '/')
    return this.opts.pages.find((p) => path.endsWith(`/${p}`) || path === p) ?? null
  }
}

/**
 * The inline script: ES5, no dependencies. Taro's hash router reads `#/<page>?query`; an empty
 * hash opens the first page.
 */
export function preloadScript(manifest: string, firstPage: string): string {
  return (
    `!function(m,d){var r=location.hash.replace(/^#\\/?/,'').split('?')[0]||${firstPage};` +
    `var f=m[r]||[];for(var i=0;i<f.length;i++){var l=d.createElement('link'),c=/\\.css$/.test(f[i]);` +
    `l.rel='preload';l.as=c?'style':'script';l.href=f[i];d.head.appendChild(l)}}(${manifest},document)`
  )
}
