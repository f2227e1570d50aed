import { useMemo, useRef } from 'react'
import { newIdempotencyKey } from '../api/client'

export interface AttemptKey {
  /** The `Idempotency-Key` for sending `content`: the same while the content is unchanged, a new one otherwise. */
  keyFor(content: string): string
  /** Whether a key is held for exactly this content: the last try of it got no final answer. */
  holds(content: string): boolean
  /** Forget the key: the next try is a new attempt (after a success, or a refusal that is final). */
  drop(): void
}

/**
 * One key per attempt at a write: a retry after a lost answer carries the same key, so the server
 * answers the first answer again instead of recording twice (or saying "already done"). Other
 * content is another attempt with another key. The page decides when an attempt is over: `drop()`.
 */
export function useAttemptKey(): AttemptKey {
  const held = useRef<{ content: string; key: string } | null>(null)
  return useMemo(
    () => ({
      keyFor(content) {
        if (held.current?.content !== content) held.current = { content, key: newIdempotencyKey() }
        return held.current.key
      },
      holds: (content) => held.current?.content === content,
      drop() {
        held.current = null
      },
    }),
    [],
  )
}
