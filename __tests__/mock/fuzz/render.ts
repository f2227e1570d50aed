import type { MockRequest } from '@/mock/core/http'
import { TOKEN_KEYS, type FixtureValues } from './fixture'
import type { BodySpec, FuzzCase, JsonNode, Val } from './hostile'
import type { FuzzRoute } from './routes'

/** A request as bytes on the wire, and what an in-process transport hands the backend instead. */
export interface WireRequest {
  method: string
  /** The request line's target: path and query exactly as sent. */
  target: string
  /** In order; a name may repeat (a duplicated header). */
  headers: [string, string][]
  /** The body over HTTP. */
  bytes?: Buffer
  /** The body in-process: may hold lone surrogates, which no UTF-8 byte sequence can. */
  text?: string
}

/** `encodeURIComponent`, except that a lone surrogate is written as its (invalid) 3-byte form instead of throwing. */
function encodeLoose(s: string): string {
  let out = ''
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += `%ED%${(0x80 | ((cp >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (cp & 0x3f)).toString(16).toUpperCase()}`
    } else out += encodeURIComponent(ch)
  }
  return out
}

function renderVal(v: Val, f: FixtureValues, mode: 'uri' | 'raw'): string {
  if ('text' in v) return mode === 'uri' ? encodeLoose(v.text) : v.text
  if ('wire' in v) return v.wire
  if ('ref' in v) return mode === 'uri' ? encodeURIComponent(f[v.ref]) : f[v.ref]
  if ('rep' in v) return mode === 'uri' ? encodeLoose(v.rep.repeat(v.n)) : v.rep.repeat(v.n)
  return v.cat.map((p) => renderVal(p, f, mode)).join('')
}

const OPEN = { array: ['[', ']'], object: ['{"a":', '}'], proto: ['{"__proto__":', '}'] } as const

function renderJson(node: JsonNode, f: FixtureValues): string {
  if ('lit' in node) return JSON.stringify(node.lit)
  if ('num' in node) return node.num
  if ('arr' in node) return `[${node.arr.map((x) => renderJson(x, f)).join(',')}]`
  if ('obj' in node) return `{${node.obj.map(([k, x]) => `${JSON.stringify(k)}:${renderJson(x, f)}`).join(',')}}`
  if ('val' in node) return JSON.stringify(renderVal(node.val, f, 'raw'))
  const [open, close] = OPEN[node.open]
  return `${open.repeat(node.deep)}${renderJson(node.leaf, f)}${close.repeat(node.deep)}`
}

/** `{"pad":"…", …}` of exactly `bytes` UTF-8 bytes: the filler is `unit` as far as it fits, then ASCII. */
function sizedBody(spec: Extract<BodySpec, { kind: 'sized' }>, f: FixtureValues): string {
  const rest = renderJson(spec.node, f)
  const tail = rest === '{}' ? '"}' : `",${rest.slice(1)}`
  const head = '{"pad":"'
  const room = spec.bytes - Buffer.byteLength(head + tail)
  if (room <= 0) return rest
  const unitBytes = Buffer.byteLength(spec.unit)
  const filler = spec.unit.repeat(Math.floor(room / unitBytes)) + 'a'.repeat(room % unitBytes)
  return head + filler + tail
}

function renderBody(body: BodySpec, f: FixtureValues): { bytes?: Buffer; text?: string } {
  switch (body.kind) {
    case 'none':
      return {}
    case 'json': {
      const text = renderJson(body.node, f)
      return { text, bytes: Buffer.from(text, 'utf8') }
    }
    case 'text':
      return { text: body.text, bytes: Buffer.from(body.text, 'utf8') }
    case 'bytes': {
      const bytes = Buffer.concat([Buffer.from(body.prefix), Buffer.from(body.hex, 'hex'), Buffer.from(body.suffix)])
      // What the HTTP server hands the backend for these bytes: the same text in-process.
      return { bytes, text: bytes.toString('utf8') }
    }
    case 'sized': {
      const text = sizedBody(body, f)
      return { text, bytes: Buffer.from(text, 'utf8') }
    }
  }
}

/** Header values must be Latin-1 without control characters, or Node refuses to send them: the same value goes in-process. */
const headerSafe = (s: string): string => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?')

export function render(route: FuzzRoute, c: FuzzCase, f: FixtureValues): WireRequest {
  let i = 0
  const path = route.path.replace(/:([a-zA-Z]+)/g, () => renderVal(c.params[i++] ?? { text: '' }, f, 'uri')) + c.suffix
  const query = c.query.map(([k, v]) => `${renderVal(k, f, 'uri')}=${renderVal(v, f, 'uri')}`).join('&')
  const headers: [string, string][] = []
  if (c.auth.kind === 'token') headers.push(['Authorization', `Bearer ${f[TOKEN_KEYS[c.auth.who]]}`])
  if (c.auth.kind === 'raw') headers.push(['Authorization', headerSafe(renderVal(c.auth.value, f, 'raw'))])
  if (c.idem.kind === 'one') headers.push(['Idempotency-Key', headerSafe(renderVal(c.idem.value, f, 'raw'))])
  if (c.idem.kind === 'dup') for (const v of c.idem.values) headers.push(['Idempotency-Key', headerSafe(renderVal(v, f, 'raw'))])
  if (c.contentType !== null) headers.push(['Content-Type', c.contentType])
  for (const [name, v] of c.headers) headers.push([name, headerSafe(renderVal(v, f, 'raw'))])
  return { method: c.method, target: query ? `${path}?${query}` : path, headers, ...renderBody(c.body, f) }
}

/** Headers whose duplicates Node drops (the first one counts); the others it joins with `, `. */
const FIRST_WINS = new Set([
  'authorization',
  'content-type',
  'content-length',
  'user-agent',
  'referer',
  'host',
  'from',
  'location',
  'max-forwards',
  'retry-after',
  'etag',
  'last-modified',
  'server',
  'age',
  'expires',
  'if-modified-since',
  'if-unmodified-since',
  'proxy-authorization',
])

/**
 * The header bag as the HTTP server builds it, so both transports ask the backend the same thing.
 * `trim`: Node's parser drops the whitespace around each value (it is not part of the value in
 * HTTP), which an in-process caller need not do.
 */
function headerBag(headers: [string, string][], trim = false): Record<string, string | undefined> {
  const bag: Record<string, string | undefined> = {}
  for (const [rawName, raw] of headers) {
    const name = rawName.toLowerCase()
    const value = trim ? raw.trim() : raw
    const previous = Object.prototype.hasOwnProperty.call(bag, name) ? bag[name] : undefined
    const next = previous === undefined ? value : FIRST_WINS.has(name) ? previous : `${previous}, ${value}`
    // defineProperty, not `bag[name] =`: a header named `__proto__` arrives as an own key, the most hostile reading.
    Object.defineProperty(bag, name, { value: next, enumerable: true, writable: true, configurable: true })
  }
  return bag
}

/** What the backend receives in-process: the raw path (no URL normalisation) and the query as the server parses it. */
export function toMockRequest(w: WireRequest): MockRequest {
  const q = w.target.indexOf('?')
  const path = q < 0 ? w.target : w.target.slice(0, q)
  const query = q < 0 ? {} : Object.fromEntries(new URLSearchParams(w.target.slice(q + 1)))
  return { method: w.method, path, query, headers: headerBag(w.headers), rawBody: w.text }
}

/** The Idempotency-Key as the backend will read it (duplicates joined; over HTTP, trimmed), for the db check's one exclusion. */
export function idempotencyKeyOf(w: WireRequest, overHttp: boolean): string | undefined {
  return headerBag(w.headers, overHttp)['idempotency-key']
}
