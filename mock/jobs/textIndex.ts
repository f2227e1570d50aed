import type { Posting } from './state'

/**
 * Which seed postings may hold a text, without reading them all. Chinese has no spaces to split
 * words at, so the index is by character: every single character and every pair of neighbours
 * of a posting's `hay` (title and employer) points at the postings holding it. A query is looked
 * up by its rarest pair (its one character when it has one); the search then checks each
 * candidate with `includes`, so the answer is exactly the scan's, only faster.
 */
/** gram → the postings holding it, in `base.postings` order, each once. */
export type TextIndex = Map<string, Posting[]>

function gramsOf(text: string): string[] {
  const out = new Set<string>()
  for (let i = 0; i < text.length; i += 1) {
    out.add(text[i])
    if (i + 1 < text.length) out.add(text.slice(i, i + 2))
  }
  return [...out]
}

export function buildTextIndex(postings: readonly Posting[]): TextIndex {
  const index: TextIndex = new Map()
  for (const p of postings) {
    for (const g of gramsOf(p.hay)) {
      const list = index.get(g)
      if (list) list.push(p)
      else index.set(g, [p])
    }
  }
  return index
}

/**
 * The postings of the index that may hold `q` (lower-cased, not empty): every one that does, and
 * for a query of three characters or more, some that hold each of its pairs but not all of it.
 */
export function candidates(index: TextIndex, q: string): readonly Posting[] {
  const keys = q.length === 1 ? [q] : Array.from({ length: q.length - 1 }, (_, i) => q.slice(i, i + 2))
  let rarest: Posting[] | undefined
  for (const k of keys) {
    const list = index.get(k)
    if (!list) return []
    if (!rarest || list.length < rarest.length) rarest = list
  }
  return rarest ?? []
}
