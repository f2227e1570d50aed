/**
 * A page's query parameter, decoded. Links are built with `encodeURIComponent`, but a link shared
 * in a chat, typed by hand or cut short can carry half an escape (`%E0%A4%A`), on which
 * `decodeURIComponent` throws and the page would crash. A parameter that does not decode is a
 * link to nothing: `undefined`, as if absent, so the page shows its not-found or full state.
 */
export function decodeParam(raw: string | undefined | null): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined
  try {
    return decodeURIComponent(raw)
  } catch {
    return undefined
  }
}
