import { sha256Hex } from '../core/random'

export interface DrawEntry {
  id: string
  quantity: number
}

/** An entry's place in the draw: the hex SHA-256 of `<drawSeed>:<entry id>`, lower first. */
export function drawRank(drawSeed: string, entryId: string): string {
  return sha256Hex(`${drawSeed}:${entryId}`)
}

/**
 * The published rule of a lottery round, for one outlet: rank the entries by `drawRank`,
 * ascending; walking that ranking, an entry wins when its quantity still fits in the stock left,
 * otherwise it loses and the walk goes on. Nothing about when an entry came in takes part.
 * Returns the winners in the order the walk took them.
 */
export function drawOutlet(drawSeed: string, entries: readonly DrawEntry[], stock: number): string[] {
  const ranked = entries
    .map((e) => ({ ...e, rank: drawRank(drawSeed, e.id) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
  const winners: string[] = []
  let left = stock
  for (const e of ranked) {
    if (e.quantity <= left) {
      winners.push(e.id)
      left -= e.quantity
    }
  }
  return winners
}
