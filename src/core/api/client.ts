import * as v from 'valibot'
import { ApiErrorBodySchema } from '../contract/common'
import { ApiError, BAD_RESPONSE_MESSAGE, NETWORK_MESSAGE, TIMEOUT_MESSAGE } from './errors'
import { TransportFailure, type Transport, type TransportResponse } from './transport'

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'
export type QueryValue = string | number | boolean | undefined | null

export interface CallOptions<S extends v.GenericSchema | undefined> {
  method?: Method
  path: string
  query?: Record<string, QueryValue>
  body?: unknown
  /** Validates what comes back; the call's result is typed by it. */
  schema?: S
  /** Sent as `Idempotency-Key`; makes a create safe to retry. */
  idempotencyKey?: string
  /** A write that is safe to repeat by its nature (cancelling twice answers the same): retry it. */
  repeatable?: boolean
  /** `none`: never send a token (login, public lists). Default: send one, logging in if needed. */
  auth?: 'required' | 'none' | 'optional'
  timeoutMs?: number
  /** Send exactly this token, with no log-in and no renewal (log-out uses it). */
  bearer?: string
}

export interface AuthHooks {
  /** The token to send, logging in silently first when there is none; null when logged out. */
  getToken(): Promise<string | null>
  /** The current token without side effects, for optional-auth calls. */
  peekToken(): string | null
  /** Called on a 401: drop the token and log in again; resolves to the new token or null. */
  renew(rejectedToken: string): Promise<string | null>
}

export interface ClientConfig {
  baseUrl: string
  transport: Transport
  auth?: AuthHooks
  timeoutMs?: number
  /** Extra attempts for retryable calls after a network failure, timeout or 5xx. */
  retries?: number
  backoffMs?: number
  sleep?: (ms: number) => Promise<void>
}

type Result<S> = S extends v.GenericSchema ? v.InferOutput<S> : unknown

// Answers worth sending again at once, unasked. Narrower than `isTransient` (errors.ts) on purpose:
// any 5xx leaves a write's outcome unknown for the person, but a 501 or 505 will not change on a resend.
const RETRYABLE_STATUS = new Set([500, 502, 503, 504])

export function newIdempotencyKey(): string {
  // A v4 UUID. Uniqueness, not secrecy, is what an idempotency key needs.
  const hex = '0123456789abcdef'
  let out = ''
  for (let i = 0; i < 36; i += 1) {
    if (i === 8 || i === 13 || i === 18 || i === 23) out += '-'
    else if (i === 14) out += '4'
    else if (i === 19) out += hex[(Math.random() * 4) | 8]
    else out += hex[(Math.random() * 16) | 0]
  }
  return out
}

export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return ''
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

export class ApiClient {
  private config: Required<Omit<ClientConfig, 'auth'>> & { auth?: AuthHooks }

  constructor(config: ClientConfig) {
    this.config = {
      timeoutMs: 10_000,
      retries: 2,
      backoffMs: 400,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      ...config,
    }
  }

  /** The transport seam: an embedded build plugs the in-app mock in here. */
  setTransport(transport: Transport): void {
    this.config.transport = transport
  }

  setAuth(auth: AuthHooks): void {
    this.config.auth = auth
  }

  get baseUrl(): string {
    return this.config.baseUrl
  }

  async call<S extends v.GenericSchema | undefined = undefined>(opts: CallOptions<S>): Promise<Result<S>> {
    const method = opts.method ?? 'GET'
    const authMode = opts.auth ?? 'required'
    const auth = this.config.auth
    let token: string | null = opts.bearer ?? null
    if (opts.bearer) {
      // explicit token: nothing to look up
    } else if (auth && authMode === 'required') {
      token = await auth.getToken()
      if (!token) throw new ApiError(401, 'UNAUTHENTICATED', '请先登录')
    } else if (auth && authMode === 'optional') {
      token = auth.peekToken()
    }

    // One call talks to one backend: its retries and its resend after a renewal go where it started,
    // even if the transport is swapped meanwhile (the embedded build choosing, a test starting over).
    const transport = this.config.transport
    let res = await this.send(transport, method, opts, token)
    if (res.status === 401 && token && auth && !opts.bearer) {
      // One silent re-login and one retry: the token expired or the server forgot it.
      const renewed = await auth.renew(token)
      if (renewed) res = await this.send(transport, method, opts, renewed)
    }
    return this.interpret(res, opts.schema)
  }

  private async send<S extends v.GenericSchema | undefined>(
    transport: Transport,
    method: Method,
    opts: CallOptions<S>,
    token: string | null,
  ): Promise<TransportResponse> {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
    if (token) headers.Authorization = `Bearer ${token}`
    if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey
    const request = {
      method,
      url: `${this.config.baseUrl}${opts.path}${buildQuery(opts.query)}`,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      timeoutMs: opts.timeoutMs ?? this.config.timeoutMs,
    }
    // A read, or a create the server can recognise by its key, is safe to send again.
    const retryable = method === 'GET' || Boolean(opts.idempotencyKey) || Boolean(opts.repeatable)
    const attempts = retryable ? this.config.retries + 1 : 1
    // What the last attempt ended with decides: a 5xx worth resending is the answer after the last one.
    let lastAnswer: TransportResponse | null = null
    let lastError: unknown = null
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      if (attempt > 0) {
        const jitter = Math.random() * this.config.backoffMs * 0.5
        await this.config.sleep(this.config.backoffMs * 2 ** (attempt - 1) + jitter)
      }
      try {
        const res = await transport(request)
        if (!RETRYABLE_STATUS.has(res.status)) return res
        lastAnswer = res
        lastError = null
      } catch (e) {
        lastAnswer = null
        lastError = e
      }
    }
    if (lastAnswer) return lastAnswer
    if (lastError instanceof TransportFailure) {
      throw lastError.timedOut ? new ApiError(0, 'TIMEOUT', TIMEOUT_MESSAGE) : new ApiError(0, 'NETWORK_ERROR', NETWORK_MESSAGE)
    }
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_MESSAGE)
  }

  private interpret<S extends v.GenericSchema | undefined>(res: TransportResponse, schema: S | undefined): Result<S> {
    if (res.status >= 200 && res.status < 300) {
      if (!schema) return res.data as Result<S>
      const parsed = v.safeParse(schema, res.data)
      if (!parsed.success) throw new ApiError(res.status, 'BAD_RESPONSE', BAD_RESPONSE_MESSAGE)
      return parsed.output as Result<S>
    }
    const body = v.safeParse(ApiErrorBodySchema, res.data)
    if (body.success) {
      const { code, message, fields } = body.output.error
      throw new ApiError(res.status, code, message, fields ?? {})
    }
    if (res.status >= 500) throw new ApiError(res.status, 'INTERNAL', '服务暂时不可用，请稍后重试')
    throw new ApiError(res.status, 'BAD_RESPONSE', BAD_RESPONSE_MESSAGE)
  }
}
