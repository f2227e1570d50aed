/** What the backend sees of a request, however it arrived (HTTP, in-app, a test). */
export interface MockRequest {
  method: string
  /** Full path without the query: `/api/v1/auth/login`, `/__mock/reset`. */
  path: string
  query: Record<string, string>
  /** Lower-case header names. */
  headers: Record<string, string | undefined>
  /** The body exactly as sent (JSON text), if any. */
  rawBody?: string
}

export interface MockResponse {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

/** Thrown by handlers; the router turns it into the contract's error body. */
export class HttpError extends Error {
  readonly status: number
  readonly code: string
  readonly fields?: Record<string, string>
  readonly headers?: Record<string, string>
  /**
   * A refusal undoes what its request wrote on the way (a stock taken before the place was found
   * held) unless it says otherwise: the count of wrong SMS codes is kept, because it stops guessing.
   */
  keepsWrites = false

  constructor(status: number, code: string, message: string, fields?: Record<string, string>, headers?: Record<string, string>) {
    super(message)
    this.status = status
    this.code = code
    this.fields = fields
    this.headers = headers
  }
}

export const MAX_BODY_BYTES = 64 * 1024

export function errorResponse(
  status: number,
  code: string,
  message: string,
  fields?: Record<string, string>,
  headers?: Record<string, string>,
): MockResponse {
  return {
    status,
    headers,
    body: { error: fields && Object.keys(fields).length ? { code, message, fields } : { code, message } },
  }
}

/** The contract's error answer for a thrown `HttpError`. */
export function errorResponseOf(e: HttpError): MockResponse {
  return errorResponse(e.status, e.code, e.message, e.fields, e.headers)
}

/** `e`, keeping what its request wrote although it refuses. */
export function keepingWrites(e: HttpError): HttpError {
  e.keepsWrites = true
  return e
}

export function validationFailed(fields: Record<string, string>, message = '提交的内容有误，请按提示修改'): HttpError {
  return new HttpError(400, 'VALIDATION_FAILED', message, fields)
}

export const notFound = (message: string) => new HttpError(404, 'NOT_FOUND', message)
export const forbidden = (message: string) => new HttpError(403, 'FORBIDDEN', message)
export const conflict = (code: string, message: string) => new HttpError(409, code, message)

/** UTF-8 byte length without Node's Buffer, so the handlers run inside the app too. */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4
      i += 1
    } else bytes += 3
  }
  return bytes
}
