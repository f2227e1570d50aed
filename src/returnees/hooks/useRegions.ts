import { useEffect, useState } from 'react'
import { messageOf } from '@/core/api'
import type { RegionItem } from '@/core/contract/returnees'
import { returneesApi } from '../api'

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
  const [state, setState] = useState<Omit<RegionList, 'retry'>>(() =>
    parent === null ? { items: [], status: 'idle' } : cache.has(parent) ? { items: cache.get(parent)!, status: 'ready' } : { items: [], status: 'loading' },
  )
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    if (parent === null) {
      setState({ items: [], status: 'idle' })
      return
    }
    const cached = cache.get(parent)
    if (cached) {
      setState({ items: cached, status: 'ready' })
      return
    }
    let live = true
    setState({ items: [], status: 'loading' })
    returneesApi
      .regions(parent || undefined)
      .then((res) => {
        cache.set(parent, res.items)
        if (live) setState({ items: res.items, status: 'ready' })
      })
      .catch((e) => {
        if (live) setState({ items: [], status: 'error', message: messageOf(e) })
      })
    return () => {
      live = false
    }
  }, [parent, attempt])

  return { ...state, retry: () => setAttempt((n) => n + 1) }
}

/** For tests: a fresh app has no cached regions. */
export function clearRegionCache(): void {
  cache.clear()
}
