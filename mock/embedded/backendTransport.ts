import type { Transport, TransportRequest } from '@/core/api/transport'
import type { Backend } from '../backend'
import { errorResponseOf } from '../core/http'
import { malformedEncoding, parseQuery } from '../core/uri'

/**
 * `embedded://app/api/v1/jobs?q=x` → `/api/v1/jobs`, `{ q: 'x' }`. WeChat has no `URL` class. The path
 * stays encoded (the backend decodes its params); a query that does not decode is `null`.
 */
export function splitUrl(url: string): { path: string; query: Record<string, string> | null } {
  const withoutScheme = url.replace(/^[a-z]+:\/\/[^/]*/i, '')
  const q = withoutScheme.indexOf('?')
  const pathPart = q < 0 ? withoutScheme : withoutScheme.slice(0, q)
  const query = parseQuery(q < 0 ? '' : withoutScheme.slice(q + 1))
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
    const answer = query
      ? await backend.handle({ method: req.method, path, query, headers, rawBody: req.body })
      : errorResponseOf(malformedEncoding('query'))
    afterAnswer?.(req)
    // Hand the page a copy, as a network would, so nothing it does can touch the store.
    return { status: answer.status, data: answer.body === undefined ? '' : JSON.parse(JSON.stringify(answer.body)) }
  }
}
