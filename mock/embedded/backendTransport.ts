import type { Transport, TransportRequest } from '@/core/api/transport'
import type { Backend } from '../backend'

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

/**
 * The API client's transport answered by a backend in the same process: the embedded build's,
 * and the page tests'. `afterAnswer` sees each request once it is answered.
 */
export function backendTransport(backend: Backend, afterAnswer?: (req: TransportRequest) => void): Transport {
  return async (req) => {
    const { path, query } = splitUrl(req.url)
    const headers: Record<string, string> = {}
    for (const [k, val] of Object.entries(req.headers)) headers[k.toLowerCase()] = val
    const answer = backend.handle({ method: req.method, path, query, headers, rawBody: req.body })
    afterAnswer?.(req)
    // Hand the page a copy, as a network would, so nothing it does can touch the store.
    return { status: answer.status, data: answer.body === undefined ? '' : JSON.parse(JSON.stringify(answer.body)) }
  }
}
