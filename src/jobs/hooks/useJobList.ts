import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, messageOf } from '@/core/api'
import type { JobFilters, JobSummary } from '@/core/contract/jobs'
import { listJobs } from '../api'

export const PAGE_SIZE = 50

export type ListPhase = 'loading' | 'ready' | 'error' | 'more' | 'more-error'

export interface JobListState {
  items: JobSummary[]
  total: number
  nextCursor: string | null
  phase: ListPhase
  message?: string
}

const INITIAL: JobListState = { items: [], total: 0, nextCursor: null, phase: 'loading' }

/**
 * The postings for a set of filters, page after page. A change of filters starts again from the
 * first page, and an answer for filters no longer shown is dropped.
 */
export function useJobList(filters: JobFilters): JobListState & { refresh: () => Promise<void>; loadMore: () => Promise<void> } {
  const [state, setState] = useState<JobListState>(INITIAL)
  const current = useRef(state)
  current.current = state
  const generation = useRef(0)
  const busy = useRef(false)
  const key = JSON.stringify(filters)

  /** The first page again; `keep` leaves what is shown in place until it arrives (pull to refresh). */
  const reload = useCallback(
    async (keep: boolean) => {
      const mine = (generation.current += 1)
      busy.current = true
      setState((prev) => (keep ? { ...prev, phase: 'loading', message: undefined } : INITIAL))
      try {
        const page = await listJobs(filters, { limit: PAGE_SIZE })
        if (mine !== generation.current) return
        setState({ items: page.items, total: page.total, nextCursor: page.nextCursor, phase: 'ready' })
      } catch (e) {
        if (mine === generation.current) setState((prev) => ({ ...prev, phase: 'error', message: messageOf(e) }))
      } finally {
        if (mine === generation.current) busy.current = false
      }
    },
    // `key` is the filters' text: a new object with the same filters must not reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  )

  const loadMore = useCallback(async () => {
    const { nextCursor, phase } = current.current
    if (busy.current || !nextCursor || (phase !== 'ready' && phase !== 'more-error')) return
    const mine = generation.current
    busy.current = true
    setState((prev) => ({ ...prev, phase: 'more', message: undefined }))
    try {
      const page = await listJobs(filters, { cursor: nextCursor, limit: PAGE_SIZE })
      if (mine !== generation.current) return
      setState((prev) => ({ items: prev.items.concat(page.items), total: page.total, nextCursor: page.nextCursor, phase: 'ready' }))
    } catch (e) {
      if (mine !== generation.current) return
      // A cursor the server no longer takes (the data was reset): start again from the top.
      if (e instanceof ApiError && e.fields.cursor) {
        busy.current = false
        void reload(false)
        return
      }
      setState((prev) => ({ ...prev, phase: 'more-error', message: messageOf(e) }))
    } finally {
      if (mine === generation.current) busy.current = false
    }
    // `key` is the filters' text: a new object with the same filters must not reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, reload])

  useEffect(() => {
    void reload(false)
  }, [reload])

  const refresh = useCallback(() => reload(true), [reload])

  return { ...state, refresh, loadMore }
}
