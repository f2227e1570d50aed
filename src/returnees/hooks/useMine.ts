import type { Declaration } from '@/core/contract/returnees'
import { useRemote, type Remote } from '@/core/hooks/useRemote'
import { getMyDeclarations } from '../api'

export interface Mine {
  today: string
  /** The open declaration (observing or flagged), else the latest one, else null. */
  current: Declaration | null
  all: Declaration[]
}

export function pickCurrent(items: Declaration[]): Declaration | null {
  return items.find((d) => d.status !== 'released') ?? items[0] ?? null
}

/** The person's own declarations and the server's day; `enabled` waits for the session guard. */
export function useMine(enabled: boolean, stamp = 0): Remote<Mine | null> {
  return useRemote<Mine | null>(async () => {
    if (!enabled) return null
    const res = await getMyDeclarations()
    return { today: res.today, current: pickCurrent(res.items), all: res.items }
  }, [enabled, stamp])
}
