import { Agent, maxHeaderSize, request, type ClientRequest, type OutgoingHttpHeaders } from 'node:http'
import type { Backend } from '@/mock/backend'
import type { JsonBody } from '../../helpers/backend'
import { toMockRequest, type WireRequest } from './render'

/** Why there was no answer at all. */
export type FailureKind = 'thrown' | 'timeout' | 'reset' | 'server-threw' | 'not-json'

export interface Answer {
  /** 0 when there was no answer (`failure` says why). */
  status: number
  headers: Record<string, string | undefined>
  body: JsonBody
  failure?: { kind: FailureKind; detail: string }
}

/** Node's HTTP parser's limit on a request line and headers (`--max-http-header-size`): 16 KiB. */
export const NODE_MAX_HEADER_BYTES = maxHeaderSize

export interface Transport {
  readonly name: 'in-process' | 'http'
  /**
   * Node's HTTP parser answers a request line and headers over `NODE_MAX_HEADER_BYTES` with a bare 431 before any
   * code of the project runs; random cases that long are skipped over HTTP (that edge has its own
   * test in contract.test.ts), and kept in-process, where no such limit exists.
   */
  readonly maxHeaderBytes?: number
  send(w: WireRequest): Promise<Answer>
  close(): Promise<void>
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e)
}

/** Straight into `backend.handle`: anything thrown out of it is a crash of the backend. */
export function inProcess(backend: () => Backend): Transport {
  return {
    name: 'in-process',
    async send(w) {
      let res
      try {
        res = await backend().handle(toMockRequest(w))
      } catch (e) {
        return { status: 0, headers: {}, body: undefined, failure: { kind: 'thrown', detail: `thrown out of handle: ${describe(e)}` } }
      }
      const headers: Record<string, string | undefined> = {}
      for (const [k, v] of Object.entries(res.headers ?? {})) headers[k.toLowerCase()] = v
      let body: JsonBody
      try {
        // The answer as a client would read it: what cannot go through JSON would not arrive.
        body = res.body === undefined ? undefined : JSON.parse(JSON.stringify(res.body))
      } catch (e) {
        return { status: res.status, headers, body: undefined, failure: { kind: 'not-json', detail: `answer is not JSON: ${describe(e)}` } }
      }
      return { status: res.status, headers, body }
    },
    close: async () => undefined,
  }
}

export interface HttpTransport extends Transport {
  /** The server's handler failed outside any answer (an unhandled rejection): every request in flight ends now. */
  serverFailed(reason: unknown): void
}

/**
 * Real loopback HTTP with node:http rather than fetch: fetch would normalise the path and could
 * not send a duplicated header. Every request has a deadline, so a hang is a finding, not a stuck
 * test run.
 */
export function overHttp(base: string, timeoutMs = 3000): HttpTransport {
  const { hostname, port } = new URL(base)
  const agent = new Agent({ keepAlive: true, maxSockets: 4 })
  const inflight = new Set<ClientRequest>()
  let serverError: string | undefined
  return {
    name: 'http',
    maxHeaderBytes: NODE_MAX_HEADER_BYTES,
    send(w) {
      return new Promise<Answer>((resolve) => {
        const headers: OutgoingHttpHeaders = Object.create(null)
        for (const [k, v] of w.headers) {
          const previous = headers[k]
          headers[k] = previous === undefined ? v : Array.isArray(previous) ? [...previous, v] : [String(previous), v]
        }
        if (w.bytes) headers['Content-Length'] = String(w.bytes.length)
        let settled = false
        const finish = (a: Answer): void => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          inflight.delete(req)
          resolve(a)
        }
        const fail = (kind: FailureKind, detail: string): void =>
          finish({ status: 0, headers: {}, body: undefined, failure: { kind, detail } })
        const req = request({ host: hostname, port: Number(port), method: w.method, path: w.target, headers, agent }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('error', (e) => fail('reset', describe(e)))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            const h: Record<string, string | undefined> = {}
            for (const [k, v] of Object.entries(res.headers)) h[k] = Array.isArray(v) ? v.join(', ') : v
            let body: JsonBody
            try {
              body = text ? JSON.parse(text) : undefined
            } catch {
              const status = res.statusCode ?? 0
              finish({
                status,
                headers: h,
                body: undefined,
                failure: { kind: 'not-json', detail: `answer ${status} is not JSON: ${text.slice(0, 120)}` },
              })
              return
            }
            finish({ status: res.statusCode ?? 0, headers: h, body })
          })
        })
        inflight.add(req)
        const timer = setTimeout(() => {
          fail('timeout', `no answer within ${timeoutMs} ms`)
          req.destroy()
        }, timeoutMs)
        req.on('error', (e) => {
          if (serverError) fail('server-threw', `no answer: the server's handler threw ${serverError}`)
          else fail('reset', describe(e))
        })
        req.end(w.bytes)
      })
    },
    serverFailed(reason) {
      serverError = describe(reason)
      // The handler threw before the server read the next request: the ones in flight are its victims.
      setImmediate(() => {
        for (const req of inflight) req.destroy(new Error('server failed'))
        setImmediate(() => {
          serverError = undefined
        })
      })
    },
    close: async () => {
      agent.destroy()
    },
  }
}
