import type { Declaration } from '@/core/contract/returnees'
import { useRemote, type Remote } from '@/core/hooks/useRemote'
import { getMyDeclarations } from '../api'

export interface Mine {
  today: string
  /** The person's own open declaration (observing or flagged), else their latest one, else null. */
  current: Declaration | null
  /** Each family member's declaration the same way, one a member, in the order the list first names them. */
  forMembers: Declaration[]
  all: Declaration[]
}

/**
 * One person's declaration to show: the open one, else the latest. `memberId` undefined is the
 * person themselves: the list also holds what they declared for family members (each with its
 * memberId), and those are never theirs to check in or to count as their own.
 */
export function pickCurrent(items: Declaration[], memberId?: string): Declaration | null {
  const theirs = items.filter((d) => d.memberId === memberId)
  return theirs.find((d) => d.status !== 'released') ?? theirs[0] ?? null
}

/** The members the list names, each once, in the order they first appear (newest first). */
function memberIds(items: Declaration[]): string[] {
  const ids: string[] = []
  for (const d of items) if (d.memberId !== undefined && !ids.includes(d.memberId)) ids.push(d.memberId)
  return ids
}

/** The person's declarations, those they made for members, and the server's day; `enabled` waits for the session guard. */
export function useMine(enabled: boolean, stamp = 0): Remote<Mine | null> {
  return useRemote<Mine | null>(async () => {
    if (!enabled) return null
    const res = await getMyDeclarations()
    const forMembers = memberIds(res.items).flatMap((id) => pickCurrent(res.items, id) ?? [])
    return { today: res.today, current: pickCurrent(res.items), forMembers, all: res.items }
  }, [enabled, stamp])
}
