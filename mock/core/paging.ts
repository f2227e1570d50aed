import { DEFAULT_LIMIT, type ListPage } from '@/core/contract/common'
import { sha256Hex } from './random'
import { validationFailed } from './http'
import type { Ctx } from './router'

/**
 * Cursor paging of API.md. A cursor names the list, its filters and sort (a fingerprint) and the
 * last item handed out (its sort key and id), and is signed with the backend's secret: any other
 * cursor is a 400. Keyset positions keep paging stable while items are added.
 */
export interface PageRequest {
  cursor?: string
  limit?: number
}

/** What signing a cursor needs of a request: the world's cursor key, nothing else. */
export type CursorKey = { env: Pick<Ctx['env'], 'secret'> }

interface CursorBody {
  /** fingerprint of list + filters + sort */
  f: string
  /** the last item's sort key */
  k: string | number
  /** the last item's id */
  i: string
}

function toBase64Url(text: string): string {
  const bytes = unescape(encodeURIComponent(text))
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes.charCodeAt(i) << 16) | ((bytes.charCodeAt(i + 1) || 0) << 8) | (bytes.charCodeAt(i + 2) || 0)
    const chars = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63].map((c) => alphabet[c])
    out += chars.slice(0, bytes.length - i >= 3 ? 4 : bytes.length - i + 1).join('')
  }
  return out
}

function fromBase64Url(text: string): string | null {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null
  let bits = 0
  let value = 0
  let bytes = ''
  for (const ch of text) {
    value = (value << 6) | alphabet.indexOf(ch)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes += String.fromCharCode((value >> bits) & 0xff)
    }
  }
  try {
    return decodeURIComponent(escape(bytes))
  } catch {
    return null
  }
}

/** A list position: an item's sort key and id. */
export interface Position {
  k: string | number
  i: string
}

function cmp(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const x = String(a)
  const y = String(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * The order most lists use: by key, ties broken by id, both the same way. Sort with it and pass it
 * to `paginate` as `compare`, so the list and its cursors cannot disagree.
 */
export function keyThenId(order: 'asc' | 'desc'): (a: Position, b: Position) => number {
  const sign = order === 'asc' ? 1 : -1
  return (a, b) => sign * (cmp(a.k, b.k) || cmp(a.i, b.i))
}

export function fingerprint(list: string, filters: Record<string, unknown>): string {
  const keys = Object.keys(filters)
    .filter((k) => filters[k] !== undefined && filters[k] !== '')
    .sort()
  return sha256Hex(`${list}|${keys.map((k) => `${k}=${String(filters[k])}`).join('&')}`).slice(0, 16)
}

function sign(ctx: CursorKey, payload: string): string {
  return sha256Hex(`${ctx.env.secret}:cursor:${payload}`).slice(0, 16)
}

export function encodeCursor(ctx: CursorKey, body: CursorBody): string {
  const payload = toBase64Url(JSON.stringify(body))
  return `${payload}.${sign(ctx, payload)}`
}

function invalidCursor(): Error {
  return validationFailed({ cursor: '分页参数无效，请从第一页重新加载' }, '分页参数无效')
}

export function decodeCursor(ctx: CursorKey, cursor: string, expectedFingerprint: string): CursorBody {
  const [payload, signature, extra] = cursor.split('.')
  if (!payload || !signature || extra !== undefined || sign(ctx, payload) !== signature) throw invalidCursor()
  const json = fromBase64Url(payload)
  if (!json) throw invalidCursor()
  let body: CursorBody
  try {
    body = JSON.parse(json) as CursorBody
  } catch {
    throw invalidCursor()
  }
  // Only a holder of the key could sign a cursor of another shape; still a 400, never a crash.
  if (typeof body !== 'object' || body === null || body.f !== expectedFingerprint) throw invalidCursor()
  if (typeof body.i !== 'string' || (typeof body.k !== 'string' && typeof body.k !== 'number')) throw invalidCursor()
  return body
}

/**
 * One page of `sorted` (already filtered and ordered by `compare`, ties broken by id). The
 * cursor's position is found by comparison, not by index, so items added before it do not
 * shift what comes next.
 */
export function paginate<T>(
  ctx: CursorKey,
  sorted: readonly T[],
  opts: {
    list: string
    filters: Record<string, unknown>
    page: PageRequest
    keyOf: (item: T) => string | number
    idOf: (item: T) => string
    /** Negative when `a` comes before `b`. Must agree with the order of `sorted`. */
    compare: (a: { k: string | number; i: string }, b: { k: string | number; i: string }) => number
  },
): ListPage<T> {
  const fp = fingerprint(opts.list, opts.filters)
  const limit = opts.page.limit ?? DEFAULT_LIMIT
  let start = 0
  if (opts.page.cursor) {
    const after = decodeCursor(ctx, opts.page.cursor, fp)
    // First item strictly after the cursor's position (binary search over the sorted list).
    let lo = 0
    let hi = sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const item = sorted[mid]
      if (opts.compare({ k: opts.keyOf(item), i: opts.idOf(item) }, { k: after.k, i: after.i }) <= 0) lo = mid + 1
      else hi = mid
    }
    start = lo
  }
  const items = sorted.slice(start, start + limit)
  const last = items[items.length - 1]
  const more = start + limit < sorted.length
  return {
    items,
    nextCursor: more && last ? encodeCursor(ctx, { f: fp, k: opts.keyOf(last), i: opts.idOf(last) }) : null,
    total: sorted.length,
  }
}
