/**
 * What a text box says about its length, from the contract's limit (`TEXT_LIMITS`): a counter
 * ("38/50") near the limit, "最多 50 个字" once the box has stopped at it, and by how much a longer
 * value (a restored draft, a query from a link) is over. The box stops typing at the limit by its
 * own `maxlength`; this is the word that goes with it, so nothing is cut in silence. Pure, so every
 * field counts the same way and a test can read it without a page.
 */
export type CounterMode = 'near' | 'always' | 'never'

export interface LengthNote {
  /** `38/50`, or null while the counter has nothing useful to say. */
  count: string | null
  /** `最多 50 个字` at the limit (and how much over past it), else null. */
  limit: string | null
  over: boolean
}

/** The counter appears from this share of the limit on: early enough to plan the last words. */
const NEAR = 0.7

/**
 * `value.length` counts UTF-16 code units, as the box's `maxlength` and the server's check do
 * (see `TEXT_LIMITS`), so the counter never says there is room the box will not give.
 */
export function lengthNote(value: string, max: number, mode: CounterMode = 'near'): LengthNote {
  const length = value.length
  if (mode === 'never') return { count: null, limit: null, over: false }
  const shown = mode === 'always' || length >= Math.ceil(max * NEAR)
  const count = shown ? `${length}/${max}` : null
  if (length > max) return { count, limit: `最多 ${max} 个字，已超出 ${length - max} 个字`, over: true }
  if (length === max) return { count, limit: `最多 ${max} 个字`, over: false }
  return { count, limit: null, over: false }
}
