/**
 * A bad network for page tests, on demand: the in-process backend behind a transport that fails
 * the requests a rule picks, the three ways the mock's `/__mock/faults` and real networks do. It
 * records every request the page sent, so a test can read the keys, queries and bodies it used.
 */
import { screen, waitFor } from '@testing-library/react'
import { api, TransportFailure, type Transport, type TransportRequest } from '@/core/api'
import type { Backend } from '@/mock/backend'
import { splitUrl } from '@/mock/embedded/backendTransport'
import { tap } from '../helpers/drive'
import { inProcessTransport } from '../helpers/pages'

/**
 * `fail`: a 500 before the server did anything; `drop`: the request never arrives; `lose`: the
 * server acts on it and the answer is lost on the way back (the case idempotency keys exist for).
 */
export type Fault = 'fail' | 'drop' | 'lose'

export type FaultRule = (req: TransportRequest) => Fault | null

export interface Sent {
  method: TransportRequest['method']
  /** The path under /api/v1, without the query. */
  path: string
  query: Record<string, string>
  url: string
  key: string | undefined
}

export interface FaultyNet {
  /** Every request the page sent, in order, with what happened to it. */
  sent: Sent[]
  /** From now on, the requests `rule` picks fail its way; `null` lets everything through. */
  set(rule: FaultRule | null): void
  /** The Idempotency-Key of every request to a path ending so, in order (one per attempt). */
  keys(method: TransportRequest['method'], pathEnd: string): (string | undefined)[]
}

/** The path under /api/v1 and the decoded query, as the in-process backend reads them. */
function split(url: string): { path: string; query: Record<string, string> } {
  const { path, query } = splitUrl(url)
  return { path: path.replace(/^\/api\/v1/, ''), query: query ?? {} }
}

/** Plugs a faulty network over `backend` into the app's API client. */
export function faultyNet(backend: Backend): FaultyNet {
  const real = inProcessTransport(backend)
  let current: FaultRule | null = null
  const sent: Sent[] = []
  const transport: Transport = async (req) => {
    const fault = current ? current(req) : null
    const { path, query } = split(req.url)
    sent.push({ method: req.method, path, query, url: req.url, key: req.headers['Idempotency-Key'] })
    if (fault === 'fail') return { status: 500, data: { error: { code: 'INTERNAL', message: '服务暂时出错，请稍后重试' } } }
    if (fault === 'drop') throw new TransportFailure('request:fail', false)
    const answer = await real(req)
    if (fault === 'lose') throw new TransportFailure('request:fail timeout', true)
    return answer
  }
  api.setTransport(transport)
  return {
    sent,
    set(next) {
      current = next
    },
    keys(method, pathEnd) {
      return sent.filter((s) => s.method === method && s.path.endsWith(pathEnd)).map((s) => s.key)
    },
  }
}

/** Rules: the writes to a path ending so, and every read (a page reloading behind a failed write). */
export const writesTo =
  (pathEnd: string, fault: Fault): FaultRule =>
  (req) =>
    req.method !== 'GET' && req.url.split('?')[0].endsWith(pathEnd) ? fault : null
export const reads =
  (fault: Fault): FaultRule =>
  (req) =>
    req.method === 'GET' ? fault : null
export const both =
  (...rules: FaultRule[]): FaultRule =>
  (req) => {
    for (const r of rules) {
      const f = r(req)
      if (f) return f
    }
    return null
  }

/**
 * The message `text` is said beside the button `button`: both inside the same bottom bar or the
 * same card (or the box `within` names), so a person who just tapped reads it without scrolling.
 */
export function expectBesideButton(text: RegExp, button: string, within = '.screen__footer, .card'): void {
  const buttonEl = screen.getByText(button)
  const box = buttonEl.closest(within)
  if (!box) throw new Error(`"${button}" is in none of ${within}`)
  const said = Array.from(box.querySelectorAll('*')).filter((e) => e.children.length === 0 && text.test(e.textContent ?? ''))
  if (said.length === 0) {
    const elsewhere = screen.queryAllByText(text)
    throw new Error(
      `${String(text)} is not beside "${button}"${elsewhere.length ? ` (it is shown elsewhere: "${elsewhere[0].textContent}")` : ' (nor anywhere)'}`,
    )
  }
}

/**
 * The three faults as `it.each` rows, `[what, fault, said]`: `said` matches the reason the page
 * gives, then `then` after it when given (what the retry will and will not do). `lost` names what
 * the server did before its answer was lost; `only` keeps some of the faults.
 */
export function faultRows(opts: { then?: string; lost?: string; only?: Fault[] } = {}): [string, Fault, RegExp][] {
  const { then, lost = 'the server acted', only } = opts
  const rows: [string, Fault, RegExp][] = [
    ['a 500', 'fail', /服务暂时出错/],
    ['a dropped request', 'drop', /网络连接不畅/],
    [`an answer lost after ${lost}`, 'lose', /请求超时/],
  ]
  return rows
    .filter(([, fault]) => !only || only.includes(fault))
    .map(([what, fault, said]) => [what, fault, then ? new RegExp(`${said.source}.*${then}`) : said])
}

/** A 500, a dropped request, an answer lost after the server acted: how the page says each. */
export const FAULTS = faultRows()

/** The retries of one create carried one Idempotency-Key, a UUID. */
export function expectOneKey(keys: (string | undefined)[]): void {
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
  expect(new Set(keys).size).toBe(1)
}

/**
 * A submit on a bad network, then its retry: the writes to `path` fail `fault` and every read
 * behind them is dropped; the tap on `button` ends with `said` beside it (in `within`, as
 * `expectBesideButton` takes it); `kept` checks what is still on screen; then the network heals
 * and `button` is tapped again. The caller checks how the retry ended.
 */
export async function failThenRetry(
  net: FaultyNet,
  opts: { path: string; fault: Fault; said: RegExp; button: string; within?: string },
  kept: () => void,
): Promise<void> {
  net.set(both(writesTo(opts.path, opts.fault), reads('drop')))
  await tap(opts.button)
  await waitFor(() => expectBesideButton(opts.said, opts.button, opts.within))
  kept()
  net.set(null)
  await tap(opts.button)
}
