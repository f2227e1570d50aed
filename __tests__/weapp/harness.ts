/**
 * Drives pages of the real weapp build (dist/weapp-test, made by scripts/build-weapp-for-tests.mjs)
 * in miniprogram-simulate, with WeChat's own template compiler. A small host stands in for the
 * WeChat client: it captures `App()`, turns `Page()` into `Component()`, runs the page lifecycle,
 * gives `wx` a storage and a `request` that reaches an in-process mock backend, and waits until
 * React's render has arrived through `setData`.
 */
import { join, resolve } from 'node:path'
import type { Backend } from '@/mock/backend'

// WEAPP_DIST: another weapp build to host (npm run bench hosts the build it measures).
export const WEAPP_DIST = resolve(process.env.WEAPP_DIST ?? resolve(__dirname, '../../dist/weapp-test'))
export const WEAPP_EMBEDDED_DIST = resolve(__dirname, '../../dist/weapp-embedded-test')

type Fn = (...args: unknown[]) => unknown
type Options = Record<string, unknown>

export interface SimNode {
  dom: HTMLElement
  dispatchEvent(name: string, detail?: Options): void
  querySelector(selector: string): SimNode | null
  querySelectorAll(selector: string): SimNode[]
}

export interface SimComponent extends SimNode {
  instance: { data: { root?: { cn?: unknown[] } }; setData: Fn } & Record<string, unknown>
  attach(parent: HTMLElement): void
  detach(): void
}

interface Simulate {
  load(path: string, options?: Options): string
  render(id: string, props?: Options): SimComponent
}

export interface HostedPage {
  page: SimComponent
  /** Every setData payload the page sent, in bytes of JSON, in order. */
  setDataSizes: number[]
  /** The page's rendered text (what a person would read). */
  text(): string
  /** Taps the first node with `className` whose text contains `text` (or the first with the class). */
  tap(className: string, text?: string): Promise<void>
  /** Types into the input with `name`. */
  input(name: string, value: string): Promise<void>
  waitForText(text: string, timeoutMs?: number): Promise<void>
  requests: { method: string; url: string }[]
  navigations: string[]
  unload(): void
}

const storage = new Map<string, unknown>()

function createWx(backend: Backend, requests: HostedPage['requests'], navigations: string[]) {
  const ok = (opts: Options, res: Options = {}) => {
    const result = { errMsg: 'ok', ...res }
    ;(opts.success as Fn | undefined)?.(result)
    ;(opts.complete as Fn | undefined)?.(result)
    return Promise.resolve(result)
  }
  return {
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    setStorage: (opts: Options) => {
      storage.set(String(opts.key), opts.data)
      return ok(opts)
    },
    getSystemInfoSync: () => ({
      platform: 'devtools',
      windowWidth: 375,
      windowHeight: 667,
      pixelRatio: 2,
      fontSizeSetting: 16,
      SDKVersion: '3.0.0',
      version: '8.0.0',
    }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, screenWidth: 375, screenHeight: 667 }),
    request(opts: Options) {
      const url = String(opts.url)
      requests.push({ method: String(opts.method ?? 'GET'), url })
      const [pathPart, queryPart = ''] = url.replace(/^https?:\/\/[^/]+/, '').split('?')
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries((opts.header as Record<string, string>) ?? {})) headers[k.toLowerCase()] = v
      const answer = backend.handle({
        method: String(opts.method ?? 'GET'),
        path: pathPart,
        query: Object.fromEntries(new URLSearchParams(queryPart)),
        headers,
        rawBody: typeof opts.data === 'string' ? opts.data : opts.data === undefined ? undefined : JSON.stringify(opts.data),
      })
      const data = answer.body === undefined ? '' : JSON.stringify(answer.body)
      setTimeout(() => ok(opts, { statusCode: answer.status, data, header: {} }), 0)
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} }
    },
    navigateTo: (opts: Options) => {
      navigations.push(String(opts.url))
      return ok(opts)
    },
    redirectTo: (opts: Options) => {
      navigations.push(String(opts.url))
      return ok(opts)
    },
    switchTab: (opts: Options) => {
      navigations.push(String(opts.url))
      return ok(opts)
    },
    showToast: (opts: Options) => ok(opts),
    showModal: (opts: Options) => ok(opts, { confirm: true, cancel: false }),
    showLoading: (opts: Options) => ok(opts),
    hideLoading: (opts: Options = {}) => ok(opts),
    nextTick: (fn: () => void) => setTimeout(fn, 0),
  }
}

interface RenderNode {
  uid?: string
  sid?: string
  cl?: string
  cn?: RenderNode[]
}

/** Depth-first search of Taro's render data (`root.cn[…]`). */
function findNode(node: unknown, match: (n: RenderNode) => boolean): RenderNode | undefined {
  if (!node || typeof node !== 'object') return undefined
  const n = node as RenderNode
  if (match(n)) return n
  for (const child of n.cn ?? []) {
    const found = findNode(child, match)
    if (found) return found
  }
  return undefined
}

function visibleText(node: Node): string {
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim()
}

async function waitUntil(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now()
  while (!cond()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** Loads `pagePath` (e.g. 'pages/home/index') of the weapp build and renders it. */
export async function hostPage(
  pagePath: string,
  backend: Backend,
  query: Record<string, string> = {},
  dist = WEAPP_DIST,
): Promise<HostedPage> {
  const requests: HostedPage['requests'] = []
  const navigations: string[] = []
  const g = globalThis as unknown as Record<string, unknown>
  g.wx = createWx(backend, requests, navigations)
  delete (g.wx as Record<string, unknown>).webpackJsonp
  let appConfig: Options = {}
  g.App = (config: Options) => {
    appConfig = config
  }
  g.getApp = () => appConfig
  g.requirePlugin = () => ({})
  g.__wxConfig = { envVersion: 'develop', global: { window: {} } }

  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the globals above are set, as it reads them when it loads
  const simulate = require('miniprogram-simulate') as Simulate
  const setDataSizes: number[] = []
  let pageInstance: Options | null = null
  g.getCurrentPages = () => (pageInstance ? [pageInstance] : [])

  // A Page's options become a Component: its functions as methods, its lifecycle on attach.
  g.Page = (options: Options) => {
    const methods: Record<string, Fn> = {}
    for (const [key, value] of Object.entries(options)) if (typeof value === 'function') methods[key] = value as Fn
    ;(g.Component as Fn)({
      data: options.data ?? {},
      methods,
      lifetimes: {
        created(this: Options) {
          this.route = pagePath
          this.__route__ = pagePath
          this.options = query
          // eslint-disable-next-line @typescript-eslint/no-this-alias -- getCurrentPages() must answer with the page instance itself
          pageInstance = this
          const original = this.setData as Fn
          this.setData = (payload: Options, cb?: Fn) => {
            setDataSizes.push(JSON.stringify(payload).length)
            return original.call(this, payload, cb)
          }
        },
        attached(this: Record<string, Fn>) {
          this.onLoad?.call(this, query)
          this.onShow?.call(this)
        },
        ready(this: Record<string, Fn>) {
          this.onReady?.call(this)
        },
        detached(this: Record<string, Fn>) {
          this.onUnload?.call(this)
        },
      },
    })
  }

  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built app.js is CommonJS and registers App() when run
  require(join(dist, 'app.js'))
  ;(appConfig.onLaunch as Fn | undefined)?.call(appConfig, { path: pagePath, query, scene: 1001 })
  ;(appConfig.onShow as Fn | undefined)?.call(appConfig, { path: pagePath, query, scene: 1001 })

  const id = simulate.load(join(dist, pagePath), { rootPath: dist })
  const page = simulate.render(id)
  const parent = document.createElement('div')
  document.body.appendChild(parent)
  page.attach(parent)
  await waitUntil(() => (page.instance.data.root?.cn?.length ?? 0) > 0, 5000, 'the first render to arrive through setData')

  const hosted: HostedPage = {
    page,
    setDataSizes,
    requests,
    navigations,
    text: () => visibleText(page.dom),
    async waitForText(text, timeoutMs = 5000) {
      await waitUntil(() => visibleText(page.dom).includes(text), timeoutMs, `"${text}" on the page`)
    },
    async tap(className, text) {
      const nodes = page.querySelectorAll(`.${className}`)
      const target = text ? nodes.find((n) => visibleText(n.dom).includes(text)) : nodes[0]
      if (!target) throw new Error(`nothing with class ${className}${text ? ` and text ${text}` : ''}`)
      target.dispatchEvent('tap')
      await new Promise((r) => setTimeout(r, 20))
    },
    async input(name, value) {
      // WeChat's input template drops `name`: find the field by the id its wrapper carries in
      // Taro's render data, then its input by the `sid` that both the data and the DOM carry.
      const field = findNode(page.instance.data.root, (n) => n.uid === `field-${name}`)
      const input = field && findNode(field, (n) => typeof n.cl === 'string' && n.cl.includes('field__input'))
      const target = input && page.querySelectorAll('.field__input').find((n) => n.dom.getAttribute('data-sid') === input.sid)
      if (!target) throw new Error(`no input named ${name}`)
      target.dispatchEvent('input', { detail: { value } })
      await new Promise((r) => setTimeout(r, 20))
    },
    unload() {
      page.detach()
      parent.remove()
    },
  }
  return hosted
}

export function clearWeappStorage(): void {
  storage.clear()
}
