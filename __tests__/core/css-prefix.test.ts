import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { SERVICES } from '@/core/services'

/**
 * Each service styles only classes that start with its folder's name (`masks-`, `jobs-`…), so two
 * subpackages can never restyle each other's pages, and a class says where it is defined. A
 * service uses the core's classes (`card`, `text-caption`…) as they are.
 */
const ROOT = join(__dirname, '..', '..')

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return files(path, ext)
    return ext.test(name) ? [path] : []
  })
}

/** The selectors written at the top level of a stylesheet (nested ones refine those). */
function topLevelSelectors(scss: string): string[] {
  const text = scss.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '')
  const selectors: string[] = []
  let depth = 0
  let pending = ''
  for (const ch of text) {
    if (ch === '{') {
      if (depth === 0 && !pending.trim().startsWith('@')) selectors.push(pending.trim())
      depth += 1
      pending = ''
    } else if (ch === '}') {
      depth -= 1
      pending = ''
    } else if (ch === ';' && depth === 0) {
      pending = ''
    } else if (depth === 0) {
      pending += ch
    }
  }
  return selectors
}

const classesIn = (selector: string) => [...selector.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1])

/** The core's classes: what the shared stylesheets define at their top level. */
const CORE_CLASSES = new Set(
  [...files(join(ROOT, 'src', 'core'), /\.scss$/), join(ROOT, 'src', 'app.scss')].flatMap((file) =>
    topLevelSelectors(readFileSync(file, 'utf8')).flatMap(classesIn),
  ),
)

/** The text of each `className={…}` expression, braces balanced. */
function classNameExpressions(tsx: string): string[] {
  const out: string[] = []
  for (let at = tsx.indexOf('className={'); at !== -1; at = tsx.indexOf('className={', at + 1)) {
    let depth = 0
    for (let i = at + 'className='.length; i < tsx.length; i += 1) {
      if (tsx[i] === '{') depth += 1
      else if (tsx[i] === '}' && --depth === 0) {
        out.push(tsx.slice(at + 'className={'.length, i))
        break
      }
    }
  }
  return out
}

/** Class names a component writes: `className="a b"`, and the quoted words a `className={…}` can yield. */
function classNamesWritten(tsx: string): string[] {
  const names: string[] = []
  for (const m of tsx.matchAll(/className="([^"]*)"/g)) names.push(...m[1].split(/\s+/))
  for (const expression of classNameExpressions(tsx)) {
    // A word compared with (`r.state === 'reserved'`) is a value, not a class.
    const yielded = expression.replace(/[!=]==\s*'[^']*'|'[^']*'\s*[!=]==/g, ' ')
    for (const quoted of yielded.matchAll(/'([^']*)'/g)) names.push(...quoted[1].split(/\s+/))
    for (const template of yielded.matchAll(/`([^`]*)`/g)) names.push(...template[1].replace(/\$\{[^}]*\}/g, ' ').split(/\s+/))
  }
  return names.filter(Boolean)
}

describe('CSS prefixes', () => {
  it('finds the core classes it compares with', () => {
    for (const name of ['card', 'screen', 'btn', 'text-caption', 'tag']) expect(CORE_CLASSES).toContain(name)
  })

  it.each(SERVICES.map((s) => s.key))('%s styles only classes that start with its name', (service) => {
    const stray: string[] = []
    const sheets = files(join(ROOT, 'src', service), /\.scss$/)
    expect(sheets.length).toBeGreaterThan(0)
    for (const file of sheets) {
      for (const selector of topLevelSelectors(readFileSync(file, 'utf8'))) {
        const classes = classesIn(selector)
        if (classes.length === 0 || !classes[0].startsWith(`${service}-`)) stray.push(`${relative(ROOT, file)}: ${selector}`)
      }
    }
    expect(stray).toEqual([])
  })

  it.each(SERVICES.map((s) => s.key))("%s's components use its own classes or the core's", (service) => {
    const stray: string[] = []
    for (const file of files(join(ROOT, 'src', service), /\.tsx$/)) {
      for (const name of classNamesWritten(readFileSync(file, 'utf8'))) {
        if (!name.startsWith(`${service}-`) && !CORE_CLASSES.has(name)) stray.push(`${relative(ROOT, file)}: ${name}`)
      }
    }
    expect(stray).toEqual([])
  })
})
