import { validationFailed, type HttpError } from './http'

/**
 * Percent-decoding that cannot throw. `decodeURIComponent` throws a URIError on `%`, `%ff`, a cut
 * sequence (`%E0%A4%A`) or an overlong one (`%C0%AF`); thrown outside a handler's try, that killed
 * the HTTP server's process. Every path or query the mock reads is first decoded through here.
 */
export function decodeComponent(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}

/**
 * A query string (without `?`) read as `URLSearchParams` reads it (`&` between pairs, the first `=`
 * splits, `+` is a space, the last of a repeated name wins), except that bad percent-encoding is
 * null instead of being patched with U+FFFD: the caller answers 400.
 */
export function parseQuery(raw: string): Record<string, string> | null {
  const pairs = new Map<string, string>()
  for (const pair of raw.split('&')) {
    if (!pair) continue
    const eq = pair.indexOf('=')
    const name = decodeComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '))
    const value = decodeComponent((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '))
    if (name === null || value === null) return null
    pairs.set(name, value)
  }
  // fromEntries defines own properties, so a name like `__proto__` is an ordinary key.
  return Object.fromEntries(pairs)
}

const MESSAGES = { path: '地址中有无效的百分号编码', query: '查询参数中有无效的百分号编码' } as const

/** The 400 for a path or query that does not decode: `VALIDATION_FAILED`, `fields.path` / `fields.query`. */
export function malformedEncoding(part: keyof typeof MESSAGES): HttpError {
  return validationFailed({ [part]: MESSAGES[part] }, '请求地址格式不正确')
}
