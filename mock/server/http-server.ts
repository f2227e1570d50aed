import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { Backend } from '../backend'
import { MAX_BODY_BYTES, errorResponse, errorResponseOf, type MockResponse } from '../core/http'
import { decodeComponent, malformedEncoding, parseQuery } from '../core/uri'

export interface ServerOptions {
  backend: Backend
  /** Serve this folder too (the H5 build), with index.html for unknown paths. */
  staticDir?: string
  /** `GET /api/v1/health`: true when the storage answers (a database's `select 1`); absent: memory, always up. */
  health?: () => Promise<boolean>
  /** Hears of each answered API request, with no personal data: method, path, status and time. */
  onAnswer?: (line: { method: string; path: string; status: number; ms: number }) => void
}

// A Map: looked up by a file's extension, which a request names (`.constructor` is no type).
const TYPES = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.png', 'image/png'],
  ['.svg', 'image/svg+xml'],
  ['.ico', 'image/x-icon'],
  ['.woff2', 'font/woff2'],
])

function send(res: ServerResponse, answer: MockResponse): void {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', ...answer.headers }
  if (answer.status === 204 || answer.body === undefined) {
    res.writeHead(answer.status, headers)
    res.end()
    return
  }
  const text = JSON.stringify(answer.body)
  headers['Content-Type'] = 'application/json; charset=utf-8'
  res.writeHead(answer.status, headers)
  res.end(text)
}

/** Reads at most 64 KiB + 1 byte; the backend turns anything longer into a 400. */
function readBody(req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return
      size += chunk.length
      if (size > MAX_BODY_BYTES) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolveBody({ text: Buffer.concat(chunks).toString('utf8'), tooLarge }))
    req.on('error', reject)
  })
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(text)
}

function serveStatic(dir: string, urlPath: string, res: ServerResponse): void {
  const root = resolve(dir)
  const decoded = decodeComponent(urlPath)
  if (decoded === null) {
    sendText(res, 400, 'Bad Request: the path is not valid percent-encoding')
    return
  }
  let file = normalize(join(root, decoded))
  // `root + sep`: a bare prefix test would also let `dist/h5-other/…` through.
  const inside = file === root || file.startsWith(root + sep)
  if (!inside || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
  if (!existsSync(file)) {
    sendText(res, 404, 'H5 build not found: run `npm run build:h5` first')
    return
  }
  res.writeHead(200, { 'Content-Type': TYPES.get(extname(file)) ?? 'application/octet-stream' })
  createReadStream(file).pipe(res)
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
}

/** The request target as a URL, or null when it is none (`//[`): `new URL` throws on those. */
function targetOf(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1')
  } catch {
    return null
  }
}

export function createMockHttpServer(options: ServerOptions): Server {
  const server = createServer((req, res) => {
    // Whatever goes wrong, it must not become an unhandled rejection: that ends the process.
    serve(options, req, res).catch((e: unknown) => {
      console.error(`[mock] ${req.method} request failed: ${e instanceof Error ? e.name : 'unknown'}`)
      if (!res.headersSent) send(res, errorResponse(500, 'INTERNAL', '服务暂时出错，请稍后重试'))
      else res.destroy()
    })
  })
  // Node's parser refuses some requests before any handler sees them (headers over 16 KiB, a
  // broken request line) and would answer with no body: answer with the contract's error instead.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW'
    const answer = tooLarge
      ? errorResponse(431, 'HEADERS_TOO_LARGE', '请求头过大，请缩短后重试')
      : errorResponse(400, 'VALIDATION_FAILED', '请求格式不正确', { request: '无法解析的 HTTP 请求' })
    const body = JSON.stringify(answer.body)
    socket.end(
      `HTTP/1.1 ${answer.status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    )
  })
  return server
}

export const HEALTH_PATH = '/api/v1/health'

async function serve(options: ServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { backend, staticDir, health } = options
  const started = Date.now()
  for (const [k, val] of Object.entries(CORS)) res.setHeader(k, val)
  const url = targetOf(req)
  if (!url) {
    send(res, errorResponseOf(malformedEncoding('path')))
    return
  }
  // `/api/` covers the controls under `/api/v1/__mock`; `/__mock/` is their alias at the root.
  const isApi = url.pathname.startsWith('/api/') || url.pathname.startsWith('/__mock/')
  if (req.method === 'OPTIONS') {
    res.writeHead(204)
    res.end()
    return
  }
  if (url.pathname === HEALTH_PATH && req.method === 'GET') {
    const up = health ? await health().catch(() => false) : true
    send(res, up ? { status: 200, body: { status: 'ok' } } : errorResponse(503, 'UNAVAILABLE', '服务暂时不可用，请稍后重试'))
    return
  }
  if (!isApi) {
    if (staticDir) serveStatic(staticDir, url.pathname, res)
    else send(res, errorResponse(404, 'NOT_FOUND', '没有这个接口'))
    return
  }
  let body: { text: string; tooLarge: boolean }
  try {
    body = await readBody(req)
  } catch {
    return
  }
  const control = backend.isControl(url.pathname)
  const { faults } = backend
  if (!control && faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs))
  if (!control && faults.dropRate > 0 && Math.random() < faults.dropRate) {
    req.socket.destroy()
    return
  }
  if (!control && faults.failRate > 0 && Math.random() < faults.failRate) {
    send(res, errorResponse(500, 'INTERNAL', '服务暂时出错，请稍后重试'))
    return
  }
  // Read strictly, not through `url.searchParams`, which would patch bad encoding with U+FFFD.
  const query = parseQuery(url.search.slice(1))
  if (!query) {
    send(res, errorResponseOf(malformedEncoding('query')))
    return
  }
  const headers: Record<string, string | undefined> = {}
  for (const [k, val] of Object.entries(req.headers)) headers[k] = Array.isArray(val) ? val.join(', ') : val
  const answer = await backend.handle({
    method: req.method ?? 'GET',
    path: url.pathname,
    query,
    headers,
    // Over the limit: hand the backend a body it will refuse as too large.
    rawBody: body.tooLarge ? ' '.repeat(MAX_BODY_BYTES + 1) : body.text,
  })
  send(res, answer)
  // The path without its query (a search may hold a name); ids in a path name records, not people.
  options.onAnswer?.({ method: req.method ?? 'GET', path: url.pathname, status: answer.status, ms: Date.now() - started })
}
