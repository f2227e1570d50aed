import { pinnedSource, type RandomSource } from '@/mock/core/secrets'

/**
 * A pinned random stream that can be wound back: `mark()`, draw, `rewind()`, and the next draws
 * repeat the same bytes, so a test can make the source hand out a value it handed out before.
 */
export function rewindableRandom(): { source: RandomSource; mark: () => void; rewind: () => void } {
  const stream = pinnedSource('rewind')
  const tape: number[] = []
  let at = 0
  let marked = 0
  const source: RandomSource = (out) => {
    while (tape.length < at + out.length) {
      const more = new Uint8Array(64)
      stream(more)
      tape.push(...more)
    }
    out.set(tape.slice(at, at + out.length))
    at += out.length
  }
  return {
    source,
    mark: () => {
      marked = at
    },
    rewind: () => {
      at = marked
    },
  }
}
