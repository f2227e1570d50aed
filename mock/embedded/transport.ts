import Taro from '@tarojs/taro'
import type { Transport } from '@/core/api/transport'
import { createBackend, type BackendSnapshot } from '../backend'
import { MockClock } from '../core/clock'

/** `embedded://api/v1/jobs?q=x` → `/api/v1/jobs`, `{ q: 'x' }`. WeChat has no `URL` class. */
export function splitUrl(url: string): { path: string; query: Record<string, string> } {
  const withoutScheme = url.replace(/^[a-z]+:\/\/[^/]*/i, '')
  const [pathPart, queryPart = ''] = withoutScheme.split('?')
  const query: Record<string, string> = {}
  for (const pair of queryPart.split('&')) {
    if (!pair) continue
    const [k, val = ''] = pair.split('=')
    query[decodeURIComponent(k.replace(/\+/g, ' '))] = decodeURIComponent(val.replace(/\+/g, ' '))
  }
  return { path: pathPart.startsWith('/') ? pathPart : `/${pathPart}`, query }
}

const STORAGE_KEY = 'mock:embedded-state'

/**
 * The mock living inside the app (embedded builds only): requests never leave the phone, and
 * the backend's state is kept in Taro storage so a relaunch finds the same accounts and records.
 * The app entry plugs this into the API client's transport seam; nothing else imports it.
 */
export function createEmbeddedTransport(): Transport {
  const saved = Taro.getStorageSync(STORAGE_KEY) as string | ''
  let restore: BackendSnapshot | undefined
  try {
    restore = saved ? (JSON.parse(saved) as BackendSnapshot) : undefined
  } catch {
    restore = undefined
  }
  const backend = createBackend({
    controls: false,
    restore,
    clock: restore ? new MockClock(restore.clockMs) : undefined,
  })
  let saveTimer: ReturnType<typeof setTimeout> | null = null
  const persist = () => {
    if (saveTimer) return
    saveTimer = setTimeout(() => {
      saveTimer = null
      Taro.setStorage({ key: STORAGE_KEY, data: JSON.stringify(backend.snapshot()) })
    }, 300)
  }

  return async (req) => {
    const { path, query } = splitUrl(req.url)
    const headers: Record<string, string> = {}
    for (const [k, val] of Object.entries(req.headers)) headers[k.toLowerCase()] = val
    const answer = backend.handle({
      method: req.method,
      path,
      query,
      headers,
      rawBody: req.body,
    })
    if (req.method !== 'GET') persist()
    // Hand the page a copy, as a network would, so nothing it does can touch the store.
    return { status: answer.status, data: answer.body === undefined ? '' : JSON.parse(JSON.stringify(answer.body)) }
  }
}
