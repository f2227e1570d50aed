import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'
import type { Backend } from '../backend'
import { MAX_BODY_BYTES, errorResponse, type MockResponse } from '../core/http'

export interface ServerOptions {
  backend: Backend
  /** Serve this folder too (the H5 build), with index.html for unknown paths. */
  staticDir?: string
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

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

function serveStatic(dir: string, urlPath: string, res: ServerResponse): void {
  const root = resolve(dir)
  let file = normalize(join(root, decodeURIComponent(urlPath)))
  if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
  if (!existsSync(file)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('H5 build not found: run `npm run build:h5` first')
    return
  }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
  createReadStream(file).pipe(res)
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
}

export function createMockHttpServer({ backend, staticDir }: ServerOptions): Server {
  return createServer(async (req, res) => {
    for (const [k, val] of Object.entries(CORS)) res.setHeader(k, val)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const isApi = url.pathname.startsWith('/api/') || url.pathname.startsWith('/__mock/')
    if (req.method === 'OPTIONS') {
      res.writeHead(204)
      res.end()
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
    const headers: Record<string, string | undefined> = {}
    for (const [k, val] of Object.entries(req.headers)) headers[k] = Array.isArray(val) ? val.join(', ') : val
    const answer = backend.handle({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      // Over the limit: hand the backend a body it will refuse as too large.
      rawBody: body.tooLarge ? ' '.repeat(MAX_BODY_BYTES + 1) : body.text,
    })
    send(res, answer)
  })
}
