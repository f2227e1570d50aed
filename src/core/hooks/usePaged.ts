import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, messageOf } from '../api/errors'
import type { ListPage } from '../contract/core'

/**
 * Where a paged list is: `idle` while its key is null; `loading` for the first page (a reload keeps
 * the shown items meanwhile); `more` for the next one; `error` and `more-error` say which failed.
 */
export type PagedPhase = 'idle' | 'loading' | 'ready' | 'error' | 'more' | 'more-error'

export interface Paged<T> {
  items: T[]
  /** The server's count for the whole list; null until the first page answers. */
  total: number | null
  phase: PagedPhase
  /** The cursor of the next page, null at the end. */
  nextCursor: string | null
  /** First load or a reload in progress. */
  loading: boolean
  loadingMore: boolean
  error: string | null
  hasMore: boolean
  /** The next page, unless a request is already out or the list is at its end: safe to call on every scroll. */
  loadMore: () => void
  /** The first page again, the shown items kept until it arrives; settles when it has (never rejects). */
  reload: () => Promise<void>
  /** Repeats whichever request failed last: the first page or the next one. */
  retry: () => void
  /** Replace one item in place (after a cancel), keeping the rest of the list. */
  update: (match: (item: T) => boolean, next: T) => void
  /** Drop items in place (after an unfavourite or a delete). */
  remove: (match: (item: T) => boolean) => void
}

interface Shown<T> {
  /** The list these items belong to. */
  key: string | null
  items: T[]
  total: number | null
  nextCursor: string | null
  phase: PagedPhase
  error: string | null
}

/** A list before its first answer: waiting for a key, or loading its first page. */
function fresh(key: string | null): Shown<never> {
  return { key, items: [], total: null, nextCursor: null, phase: key === null ? 'idle' : 'loading', error: null }
}

/** A cursor the server no longer takes (its data changed under it): it asks for the first page again. */
function refusesCursor(e: unknown): boolean {
  return e instanceof ApiError && Boolean(e.fields.cursor)
}

/**
 * A cursor-paged list for a page: the first page whenever `key` changes (null waits), the next on
 * demand. `key` names what is listed (the filters as text), so a new `fetchPage` closure for the
 * same list starts nothing. An answer for a list no longer shown (the key changed, or a reload
 * started meanwhile) is dropped: the one place every list gets that from.
 */
export function usePaged<T>(key: string | null, fetchPage: (cursor: string | null) => Promise<ListPage<T>>): Paged<T> {
  const [shown, setShown] = useState<Shown<T>>(() => fresh(key))
  const fetcher = useRef(fetchPage)
  fetcher.current = fetchPage
  // Bumped by every first-page request: an answer from an older one is for a list no longer shown.
  const generation = useRef(0)
  // Whether a page is out, and where the next one starts, known at once: scroll events come faster than renders.
  const inFlight = useRef(false)
  const cursor = useRef<string | null>(null)

  const start = useCallback(
    (keep: boolean): Promise<void> => {
      const mine = (generation.current += 1)
      inFlight.current = key !== null
      if (!keep) cursor.current = null
      // Already a first load of this list (as at mount): setting it again would only render again.
      const untouched = (prev: Shown<T>) => prev.key === key && prev.total === null && prev.phase === fresh(key).phase
      setShown((prev) => (keep ? { ...prev, phase: 'loading', error: null } : untouched(prev) ? prev : fresh(key)))
      if (key === null) return Promise.resolve()
      return fetcher.current(null).then(
        (page) => {
          if (mine !== generation.current) return
          inFlight.current = false
          cursor.current = page.nextCursor
          setShown({ key, items: page.items, total: page.total, nextCursor: page.nextCursor, phase: 'ready', error: null })
        },
        (e: unknown) => {
          if (mine !== generation.current) return
          inFlight.current = false
          setShown((prev) => ({ ...prev, phase: 'error', error: messageOf(e) }))
        },
      )
    },
    [key],
  )

  useEffect(() => {
    void start(false)
  }, [start])

  const reload = useCallback(() => (key === null ? Promise.resolve() : start(true)), [key, start])

  const loadMore = useCallback(() => {
    const from = cursor.current
    if (key === null || !from || inFlight.current) return
    const mine = generation.current
    inFlight.current = true
    setShown((prev) => ({ ...prev, phase: 'more', error: null }))
    fetcher.current(from).then(
      (page) => {
        if (mine !== generation.current) return
        inFlight.current = false
        cursor.current = page.nextCursor
        setShown((prev) => ({
          ...prev,
          items: prev.items.concat(page.items),
          total: page.total,
          nextCursor: page.nextCursor,
          phase: 'ready',
          error: null,
        }))
      },
      (e: unknown) => {
        if (mine !== generation.current) return
        inFlight.current = false
        if (refusesCursor(e)) void start(false)
        else setShown((prev) => ({ ...prev, phase: 'more-error', error: messageOf(e) }))
      },
    )
  }, [key, start])

  // The render in which the key changes comes before the effect that starts the new list: it
  // already shows that list's first load, never the old list's items under the new key.
  const view: Shown<T> = shown.key === key ? shown : fresh(key)

  const retry = useCallback(() => (view.phase === 'more-error' ? loadMore() : void reload()), [view.phase, loadMore, reload])

  const update = useCallback((match: (item: T) => boolean, next: T) => {
    setShown((prev) => ({ ...prev, items: prev.items.map((item) => (match(item) ? next : item)) }))
  }, [])

  const remove = useCallback((match: (item: T) => boolean) => {
    setShown((prev) => {
      const items = prev.items.filter((item) => !match(item))
      const gone = prev.items.length - items.length
      return { ...prev, items, total: prev.total === null ? null : Math.max(prev.total - gone, 0) }
    })
  }, [])

  return {
    items: view.items,
    total: view.total,
    phase: view.phase,
    nextCursor: view.nextCursor,
    error: view.error,
    loading: view.phase === 'loading',
    loadingMore: view.phase === 'more',
    hasMore: Boolean(view.nextCursor),
    loadMore,
    reload,
    retry,
    update,
    remove,
  }
}
