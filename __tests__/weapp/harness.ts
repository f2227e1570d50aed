/**
 * Drives pages of the real weapp build (dist/weapp-test, made by scripts/build-weapp-for-tests.mjs)
 * in miniprogram-simulate, with WeChat's own template compiler. A small host stands in for the
 * WeChat client: it captures `App()`, turns `Page()` into `Component()`, runs the page lifecycle,
 * gives `wx` a storage and a `request` that reaches an in-process mock backend, and waits until
 * React's render has arrived through `setData`.
 *
 * Tests never sleep: they wait for the thing itself with `waitUntil` (a predicate polled every
 * few ms up to a deadline, failing with what it waited for). The drivers wait too: `input` and
 * `pick` until the page shows the value, `tap` until the page has settled after it.
 */
import { join, resolve } from 'node:path'
import type { Backend } from '@/mock/backend'

// WEAPP_DIST: another weapp build to host (npm run bench hosts the build it measures).
export const WEAPP_DIST = resolve(process.env.WEAPP_DIST ?? resolve(__dirname, '../../dist/weapp-test'))
export const WEAPP_EMBEDDED_DIST = resolve(__dirname, '../../dist/weapp-embedded-test')

type Fn = (...args: unknown[]) => unknown
type Options = Record<string, unknown>

/** How often `waitUntil` looks again: far below a person's reaction, far above a render's cost. */
const POLL_MS = 10
/** What `waitUntil` waits by default; a test that hosts big pages on a busy machine asks for more. */
const DEFAULT_TIMEOUT_MS = 5000
/**
 * Polls in a row with nothing new (no setData, request or navigation, no answer outstanding) after
 * which a page counts as settled. React schedules its render, Taro its setData and this host its
 * answers on zero-delay timers, which run before the next poll; three quiet polls in a row leave
 * room for a chain of them.
 */
const QUIET_POLLS = 3

/**
 * Resolves once `predicate()` holds, looking every POLL_MS; after `timeoutMs` fails with
 * "timed out waiting for <what>", and what `context()` adds (the page's text, say).
 */
export async function waitUntil(
  predicate: () => boolean,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  context?: () => string,
): Promise<void> {
  const started = Date.now()
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${context ? `; ${context()}` : ''}`)
    }
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}

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
  /**
   * Taps the first node with `className` whose text contains `text` (or the first with the class),
   * then waits until the page has settled (see `settle`).
   */
  tap(className: string, text?: string): Promise<void>
  /** Types into the input with `name`; resolves once the page renders the input with `value`. */
  input(name: string, value: string): Promise<void>
  /**
   * Chooses in the picker of the field `name` as WeChat's picker reports a choice: option `value`
   * of a selector, or a date `YYYY-MM-DD`. Resolves once the field shows the choice.
   */
  pick(name: string, value?: number | string): Promise<void>
  /** `waitUntil` that adds the page's text to its failure. */
  waitUntil(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>
  waitForText(text: string, timeoutMs?: number): Promise<void>
  /**
   * Waits until the page has stopped reacting: no answer outstanding, and no setData, request or
   * navigation for QUIET_POLLS polls. For what has no sign of its own: an event the page should
   * ignore (was nothing sent?), or one in a stream that must land before the next.
   */
  settle(what: string): Promise<void>
  requests: { method: string; url: string }[]
  navigations: string[]
  unload(): void
}

const storage = new Map<string, unknown>()

/** What the host still owes the page, for `settle`. */
interface Traffic {
  /** Requests sent whose answer has not been delivered yet. */
  unanswered: number
}

function createWx(backend: Backend, requests: HostedPage['requests'], navigations: string[], traffic: Traffic) {
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
    async request(opts: Options) {
      const url = String(opts.url)
      requests.push({ method: String(opts.method ?? 'GET'), url })
      const [pathPart, queryPart = ''] = url.replace(/^https?:\/\/[^/]+/, '').split('?')
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries((opts.header as Record<string, string>) ?? {})) headers[k.toLowerCase()] = v
      const answer = await backend.handle({
        method: String(opts.method ?? 'GET'),
        path: pathPart,
        query: Object.fromEntries(new URLSearchParams(queryPart)),
        headers,
        rawBody: typeof opts.data === 'string' ? opts.data : opts.data === undefined ? undefined : JSON.stringify(opts.data),
      })
      const data = answer.body === undefined ? '' : JSON.stringify(answer.body)
      // Answered on a later task, as a real request is: never inside the call that sent it.
      traffic.unanswered += 1
      setTimeout(() => {
        traffic.unanswered -= 1
        void ok(opts, { statusCode: answer.status, data, header: {} })
      }, 0)
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

/** A node of Taro's render data: its ids, class, text (`v`), children, and its props (short keys). */
interface RenderNode {
  uid?: string
  sid?: string
  cl?: string
  v?: string
  cn?: RenderNode[]
  [prop: string]: unknown
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

const hasClass = (n: RenderNode, className: string) => typeof n.cl === 'string' && n.cl.split(/\s+/).includes(className)

/** The text of a render-data subtree, as the page shows it. */
function renderedText(node: RenderNode): string {
  return [node.v ?? '', ...(node.cn ?? []).map(renderedText)].join('')
}

function visibleText(node: Node): string {
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim()
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
  const traffic: Traffic = { unanswered: 0 }
  const g = globalThis as unknown as Record<string, unknown>
  g.wx = createWx(backend, requests, navigations, traffic)
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
  await waitUntil(() => (page.instance.data.root?.cn?.length ?? 0) > 0, 'the first render to arrive through setData')

  /** The render-data node of the field `name` (its wrapper carries `id="field-<name>"`), now. */
  const fieldNode = (name: string) => findNode(page.instance.data.root, (n) => n.uid === `field-${name}`)
  /** The node with `className` in the field `name`, and its element in the DOM (by the shared `sid`). */
  const inField = (name: string, className: string) => {
    const field = fieldNode(name)
    const node = field && findNode(field, (n) => hasClass(n, className))
    const element = node && page.querySelectorAll(`.${className}`).find((n) => n.dom.getAttribute('data-sid') === node.sid)
    return node && element ? { node, element } : undefined
  }

  const hosted: HostedPage = {
    page,
    setDataSizes,
    requests,
    navigations,
    text: () => visibleText(page.dom),
    waitUntil: (predicate, what, timeoutMs) => waitUntil(predicate, what, timeoutMs, () => `the page says: ${hosted.text().slice(0, 600)}`),
    async waitForText(text, timeoutMs) {
      await hosted.waitUntil(() => visibleText(page.dom).includes(text), `"${text}" on the page`, timeoutMs)
    },
    async settle(what) {
      const activity = () => setDataSizes.length + requests.length + navigations.length
      let seen = -1
      let quiet = 0
      await hosted.waitUntil(() => {
        const now = activity()
        quiet = now === seen && traffic.unanswered === 0 ? quiet + 1 : 0
        seen = now
        return quiet >= QUIET_POLLS
      }, `the page to settle after ${what}`)
    },
    async tap(className, text) {
      const nodes = page.querySelectorAll(`.${className}`)
      const target = text ? nodes.find((n) => visibleText(n.dom).includes(text)) : nodes[0]
      if (!target) throw new Error(`nothing with class ${className}${text ? ` and text ${text}` : ''}`)
      target.dispatchEvent('tap')
      await hosted.settle(`the tap on .${className}${text ? ` "${text}"` : ''}`)
    },
    async input(name, value) {
      // WeChat's input template drops `name`: find the field by the id its wrapper carries in
      // Taro's render data, then its input by the `sid` that both the data and the DOM carry.
      const input = inField(name, 'field__input')
      if (!input) throw new Error(`no input named ${name}`)
      input.element.dispatchEvent('input', { detail: { value } })
      // The input is controlled: the typed value comes back in its props once React has taken it.
      await hosted.waitUntil(() => {
        const now = inField(name, 'field__input')
        return Boolean(now && Object.values(now.node).includes(value))
      }, `the input ${name} to show "${value}"`)
    },
    async pick(name, value = 0) {
      // The picker (not its value box, `field__picker-value`), found as `input` finds an input.
      const picker = inField(name, 'field__picker')
      if (!picker) throw new Error(`no picker ${name}`)
      // A selector's options are its one prop that is a list of strings; a date is itself.
      const options = Object.entries(picker.node).find(
        (entry): entry is [string, string[]] =>
          entry[0] !== 'cn' && Array.isArray(entry[1]) && entry[1].every((o) => typeof o === 'string'),
      )?.[1]
      const shown = typeof value === 'number' ? options?.[value] : value
      if (shown === undefined) throw new Error(`picker ${name} has no option ${value}`)
      picker.element.dispatchEvent('change', { detail: { value } })
      await hosted.waitUntil(() => {
        const box = inField(name, 'field__picker-value')?.node
        return Boolean(box && !findNode(box, (n) => hasClass(n, 'field__placeholder')) && renderedText(box).includes(shown))
      }, `the field ${name} to show "${shown}"`)
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
