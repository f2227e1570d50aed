import { useCallback, useEffect, useRef, useState } from 'react'
import { messageOf } from '../api/errors'
import type { ListPage } from '../contract/core'

export interface Paged<T> {
  items: T[]
  total: number | null
  /** First load or a reload in progress. */
  loading: boolean
  loadingMore: boolean
  error: string | null
  hasMore: boolean
  loadMore: () => void
  reload: () => void
  /** Repeats whichever request failed last: the first page or the next one. */
  retry: () => void
  /** Replace one item in place (after a cancel), keeping the rest of the list. */
  update: (match: (item: T) => boolean, next: T) => void
  /** Drop items in place (after an unfavourite or a delete). */
  remove: (match: (item: T) => boolean) => void
}

/**
 * A cursor-paged list for a page: the first page on `key` change, more on demand. A stale answer
 * (the filter changed meanwhile) is dropped.
 */
export function usePaged<T>(key: string | null, fetchPage: (cursor: string | null) => Promise<ListPage<T>>): Paged<T> {
  const [items, setItems] = useState<T[]>([])
  const [total, setTotal] = useState<number | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const failed = useRef<'first' | 'more'>('first')
  const generation = useRef(0)
  const fetcher = useRef(fetchPage)
  fetcher.current = fetchPage

  const reload = useCallback(() => {
    if (key === null) return
    const mine = (generation.current += 1)
    setLoading(true)
    setError(null)
    fetcher
      .current(null)
      .then((page) => {
        if (mine !== generation.current) return
        setItems(page.items)
        setTotal(page.total)
        setCursor(page.nextCursor)
      })
      .catch((e: unknown) => {
        if (mine !== generation.current) return
        failed.current = 'first'
        setError(messageOf(e))
      })
      .finally(() => {
        if (mine === generation.current) setLoading(false)
      })
  }, [key])

  useEffect(() => {
    setItems([])
    setTotal(null)
    setCursor(null)
    reload()
  }, [reload])

  const loadMore = useCallback(() => {
    if (!cursor || loading || loadingMore) return
    const mine = generation.current
    setLoadingMore(true)
    setError(null)
    fetcher
      .current(cursor)
      .then((page) => {
        if (mine !== generation.current) return
        setItems((prev) => [...prev, ...page.items])
        setTotal(page.total)
        setCursor(page.nextCursor)
      })
      .catch((e: unknown) => {
        if (mine !== generation.current) return
        failed.current = 'more'
        setError(messageOf(e))
      })
      .finally(() => setLoadingMore(false))
  }, [cursor, loading, loadingMore])

  const update = useCallback((match: (item: T) => boolean, next: T) => {
    setItems((prev) => prev.map((item) => (match(item) ? next : item)))
  }, [])

  const remove = useCallback(
    (match: (item: T) => boolean) => {
      const gone = items.filter(match).length
      setItems((prev) => prev.filter((item) => !match(item)))
      setTotal((prev) => (prev === null ? prev : Math.max(prev - gone, 0)))
    },
    [items],
  )

  const retry = useCallback(() => (failed.current === 'more' ? loadMore() : reload()), [loadMore, reload])

  return { items, total, loading, loadingMore, error, hasMore: Boolean(cursor), loadMore, reload, retry, update, remove }
}
