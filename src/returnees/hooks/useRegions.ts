import { useEffect, useState } from 'react'
import { messageOf } from '@/core/api'
import type { RegionItem } from '@/core/contract/returnees'
import { listRegions } from '../api'

/** Regions change once a year: keep each list for the life of the app. */
const cache = new Map<string, RegionItem[]>()

export interface RegionList {
  items: RegionItem[]
  status: 'idle' | 'loading' | 'error' | 'ready'
  message?: string
  retry: () => void
}

/** The children of `parent` ('' for the provinces); nothing while `parent` is null. */
export function useRegions(parent: string | null): RegionList {
  // Only what the cache cannot say is state: which parent last answered, and how it failed. A
  // cached list is read straight from the cache, so it renders once, with no effect to copy it in.
  const [answer, setAnswer] = useState<{ parent: string; message?: string } | null>(null)
  const [attempt, setAttempt] = useState(0)
  const retry = () => setAttempt((n) => n + 1)

  useEffect(() => {
    if (parent === null || cache.has(parent)) return
    let live = true
    setAnswer(null)
    listRegions(parent || undefined)
      .then((res) => {
        cache.set(parent, res.items)
        if (live) setAnswer({ parent })
      })
      .catch((e: unknown) => {
        if (live) setAnswer({ parent, message: messageOf(e) })
      })
    return () => {
      live = false
    }
  }, [parent, attempt])

  if (parent === null) return { items: [], status: 'idle', retry }
  const cached = cache.get(parent)
  if (cached) return { items: cached, status: 'ready', retry }
  if (answer?.parent === parent && answer.message !== undefined) return { items: [], status: 'error', message: answer.message, retry }
  return { items: [], status: 'loading', retry }
}
