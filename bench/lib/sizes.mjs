// Bytes of the builds, read from the files on disk.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

/**
 * Files that are not part of what ships: the DevTools project file, the license comments webpack
 * extracts beside minified code, and source maps. Everything else in the output counts.
 */
const NOT_SHIPPED = [/(^|\/)project(\.private)?\.config\.json$/, /\.LICENSE\.txt$/, /\.map$/]

function listFiles(dir) {
  const out = []
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else {
        const rel = relative(dir, p).split('\\').join('/')
        if (!NOT_SHIPPED.some((re) => re.test(rel))) out.push({ rel, bytes: statSync(p).size })
      }
    }
  }
  walk(dir)
  return out
}

const sum = (files) => files.reduce((n, f) => n + f.bytes, 0)

/** A weapp build: main package, each subpackage, and the named runtime files. */
export function weappSizes(dir) {
  if (!existsSync(join(dir, 'app.json'))) return { missing: true, dir }
  const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8'))
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'))
  const files = listFiles(dir)
  const inRoot = (f, root) => f.rel.startsWith(root)
  const main = files.filter((f) => !roots.some((r) => inRoot(f, r)))
  const named = {}
  for (const name of ['taro.js', 'app.js', 'vendors.js', 'common.js', 'app.wxss', 'base.wxml']) {
    const f = files.find((x) => x.rel === name)
    named[name] = f ? f.bytes : null
  }
  const pages = {}
  for (const page of app.pages ?? []) pages[page] = sum(main.filter((f) => f.rel.startsWith(`${page}.`)))
  return {
    dir,
    total: sum(files),
    main: sum(main),
    files: main.length,
    named,
    pages,
    subpackages: Object.fromEntries(
      roots.map((r) => {
        const fs = files.filter((f) => inRoot(f, r))
        return [r.replace(/\/$/, ''), { bytes: sum(fs), files: fs.length }]
      }),
    ),
    largest: [...main].sort((a, b) => b.bytes - a.bytes).slice(0, 8),
  }
}

/**
 * An H5 build: everything, what index.html loads before any page, and for each route the chunks
 * its `load()` fetches (read from the route table webpack writes into the app entry).
 */
export function h5Sizes(dir) {
  const indexPath = join(dir, 'index.html')
  if (!existsSync(indexPath)) return { missing: true, dir }
  const files = listFiles(dir)
  const byRel = new Map(files.map((f) => [f.rel, f.bytes]))
  const html = readFileSync(indexPath, 'utf8')
  const initialFiles = ['index.html']
  for (const m of html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)) initialFiles.push(m[1])
  const initial = initialFiles.reduce((n, rel) => n + (byRel.get(rel) ?? 0), 0)

  const entry = initialFiles.find((rel) => /(^|\/)app\.[^/]*\.js$/.test(rel))
  const source = entry ? readFileSync(join(dir, entry), 'utf8') : ''
  // Route objects look like {"path":"pages/home/index","load":function load(a,u){return[x.e(123)…]}}.
  const routeMarks = [...source.matchAll(/\{"path":"([^"]+)","load":/g)]
  // Chunks with a name (the shared ones, config/index.ts) are files named after it, not the id:
  // the runtime maps one to the other, `"js/"+({"804":"shared",…}[id]||id)+…`.
  const names = JSON.parse(source.match(/"js\/"\+\((\{[^}]*\})\[/)?.[1] ?? '{}')
  const chunkFiles = (id) => {
    const stem = names[id] ?? id
    return files.filter((f) => new RegExp(`^(js|css)/${stem}\\.[0-9a-f]+\\.(js|css)$`).test(f.rel))
  }
  const pages = {}
  routeMarks.forEach((m, i) => {
    const end = i + 1 < routeMarks.length ? routeMarks[i + 1].index : m.index + 4000
    const body = source.slice(m.index, end)
    const loadBody = body.slice(0, body.indexOf('}}') + 2)
    const ids = [...new Set([...loadBody.matchAll(/\.e\((\d+)\)/g)].map((x) => x[1]))]
    const chunks = ids.flatMap((id) => chunkFiles(id))
    pages[m[1]] = { bytes: sum(chunks), chunks: chunks.map((c) => c.rel), unmapped: ids.filter((id) => chunkFiles(id).length === 0) }
  })
  return {
    dir,
    total: sum(files),
    duplicated: duplicatedModules(
      dir,
      files.filter((f) => f.rel.endsWith('.js') && !initialFiles.includes(f.rel)),
    ),
    initial,
    initialFiles,
    pages,
    routes: Object.keys(pages),
    largest: [...files].sort((a, b) => b.bytes - a.bytes).slice(0, 10),
  }
}

/**
 * Webpack modules found in more than one lazily loaded chunk: bytes a person downloads again for
 * every page they open. Module boundaries are read from the minified chunk (`"123":function(`).
 */
function duplicatedModules(dir, chunks) {
  const seen = new Map()
  for (const c of chunks) {
    const text = readFileSync(join(dir, c.rel), 'utf8')
    const marks = [...text.matchAll(/[{,]"?(\d+)"?:function\(/g)]
    marks.forEach((m, i) => {
      const end = i + 1 < marks.length ? marks[i + 1].index : text.length
      const entry = seen.get(m[1]) ?? { copies: 0, bytes: end - m.index }
      entry.copies += 1
      seen.set(m[1], entry)
    })
  }
  let bytes = 0
  let modules = 0
  for (const e of seen.values()) {
    if (e.copies < 2) continue
    modules += 1
    bytes += (e.copies - 1) * e.bytes
  }
  return { modules, bytes }
}
