/** The one error type every API call throws: the server's code, message and field errors. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: Record<string, string>

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
  }

  /** A failure of the network rather than an answer from the server. */
  get isNetwork(): boolean {
    return this.status === 0
  }
}

export const NETWORK_MESSAGE = '网络连接不畅，请检查网络后重试，已填写的内容不会丢失'
export const TIMEOUT_MESSAGE = '请求超时，请稍后重试，已填写的内容不会丢失'
export const BAD_RESPONSE_MESSAGE = '服务返回的数据有误，请稍后重试'

/**
 * A failure that says nothing for good: no answer came (the request may or may not have reached the
 * server) or the server failed. The same request, with the same key, may be sent again.
 */
export function isTransient(e: unknown): boolean {
  return !(e instanceof ApiError) || e.isNetwork || e.status >= 500
}

/** What to tell a person about any failure, in Chinese. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message
  return '出了点问题，请稍后重试'
}

/**
 * What to say after a failed write: the reason, and for a transient failure `retryTail` too (what
 * another tap does, e.g. that it records nothing twice), after a 。.
 */
export function failureNote(e: unknown, retryTail: string): string {
  return isTransient(e) ? `${messageOf(e)}。${retryTail}` : messageOf(e)
}
