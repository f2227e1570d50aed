/**
 * Calendar arithmetic in Asia/Shanghai. China has kept UTC+8 without daylight saving since 1991,
 * so a fixed offset is exact for every date this app handles, and it works on every runtime
 * (WeChat's JS engines do not all ship full Intl time-zone data, which dayjs' tz plugin needs).
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000
const DAY_MS = 24 * 3600 * 1000

/** `YYYY-MM-DD` of the instant in Shanghai. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** ISO 8601 with the +08:00 offset, as the contract writes times. */
export function toIsoShanghai(ms: number): string {
  const local = new Date(ms + SHANGHAI_OFFSET_MS).toISOString() // 2020-02-03T12:00:00.000Z
  return `${local.slice(0, 19)}+08:00`
}

/** Milliseconds of an ISO string with an offset (or Z); NaN when it is not one. */
export function parseIso(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)) return NaN
  return Date.parse(iso)
}

/** True when `s` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from `a` to `b` (b − a), both `YYYY-MM-DD`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS)
}

/** The instant a Shanghai calendar day starts. */
export function startOfShanghaiDay(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`)
}

/** `2月11日 09:00` of an instant, in Shanghai whatever the phone's zone. */
export function shanghaiDateTime(ms: number): string {
  const local = toIsoShanghai(ms)
  return `${Number(local.slice(5, 7))}月${Number(local.slice(8, 10))}日 ${local.slice(11, 16)}`
}

/** `09:24` of an instant, in Shanghai. */
export function shanghaiClock(ms: number): string {
  return toIsoShanghai(ms).slice(11, 16)
}
