import * as v from 'valibot'
import { textCharacterError } from './characters'

export { TEXT_LIMITS } from './limits'

/** Every schema's fallback message is Chinese; schemas name their own where a field needs more. */
v.setGlobalMessage('格式不正确')

export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> }
}

export const ApiErrorBodySchema = v.object({
  error: v.object({
    code: v.string(),
    message: v.string(),
    fields: v.optional(v.record(v.string(), v.string())),
  }),
})

export const IsoTime = v.pipe(v.string(), v.isoTimestamp())
export const CalendarDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))

export interface ListPage<T> {
  items: T[]
  nextCursor: string | null
  total: number
}

export function listSchema<T extends v.GenericSchema>(item: T) {
  return v.object({ items: v.array(item), nextCursor: v.nullable(v.string()), total: v.number() })
}

/** `?cursor=&limit=` of every list; query values arrive as strings. */
export const ListQuery = v.object({
  cursor: v.optional(v.pipe(v.string(), v.maxLength(512, '分页参数无效'))),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, '每页条数应为 1–50 的整数'),
      v.transform(Number),
      v.minValue(1, '每页条数应为 1–50 的整数'),
      v.maxValue(50, '每页条数应为 1–50 的整数'),
    ),
  ),
})
export const DEFAULT_LIMIT = 20

/** Field-level messages of a failed parse, keyed by dotted path (`transport.number`). */
export function issuesToFields(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of issues) {
    const key = issue.path?.map((item) => String(item.key)).join('.') || 'body'
    if (!(key in fields)) fields[key] = issue.message
  }
  return fields
}

/**
 * valibot reports a missing key with the object schema's message, not the field's: give an object
 * schema this as its message to name the missing field instead (`v.object(entries, missingFields({...}))`).
 */
export function missingFields(messages: Record<string, string>) {
  return (issue: v.BaseIssue<unknown>): string => {
    const key = issue.path?.[issue.path.length - 1]?.key
    return (typeof key === 'string' && messages[key]) || '提交的内容格式不正确'
  }
}

/**
 * The characters rule of every text field: control characters, bidi controls and zero-width
 * characters are refused (see `./characters`), never stored and shown back. One action, placed in
 * a pipe by name: a spread inside `v.pipe(...)` compiles to a call with `v` as a value, which
 * keeps all of valibot in the main package.
 */
export function textCharacterCheck(label: string) {
  return v.check(
    (s: string) => textCharacterError(label, s) === null,
    (issue: v.CheckIssue<string>) => textCharacterError(label, issue.input) ?? '',
  )
}

/**
 * A trimmed free-text field of at most `max` characters (the contract's `TEXT_LIMITS`); one more
 * is refused, never cut, and so are the characters `textCharacterCheck` refuses.
 */
export function text(label: string, max: number, opts: { min?: number } = {}) {
  const min = opts.min ?? 1
  return v.pipe(
    v.string(`请填写${label}`),
    v.trim(),
    v.minLength(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`),
    v.maxLength(max, `${label}不能超过 ${max} 个字`),
    textCharacterCheck(label),
  )
}

/** An optional trimmed query text (a search, a district): may be empty, else like `text`. */
export function queryText(label: string, max: number) {
  return v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max, `${label}不能超过 ${max} 个字`), textCharacterCheck(label)))
}
