import { useEffect, useRef } from 'react'
import { useReshow } from './useReshow'

/**
 * Runs `fn` when the page first mounts and each time it is shown again (coming back from another
 * page), so what a person sees is never stale after they act elsewhere. A page whose data hook
 * already loads on mount wants `useReshow` alone.
 */
export function usePageShow(fn: () => void): void {
  const latest = useRef(fn)
  latest.current = fn
  useEffect(() => {
    latest.current()
  }, [])
  useReshow(() => latest.current())
}
