import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef } from 'react'

/**
 * Runs `fn` when the page first mounts and each time it is shown again (coming back from another
 * page), so what a person sees is never stale after they act elsewhere.
 */
export function usePageShow(fn: () => void): void {
  const mounted = useRef(false)
  const latest = useRef(fn)
  const shownOnce = useRef(false)
  latest.current = fn
  useEffect(() => {
    mounted.current = true
    latest.current()
  }, [])
  useDidShow(() => {
    // The first show coincides with mounting, which already ran it.
    if (mounted.current && shownOnce.current) latest.current()
    shownOnce.current = true
  })
}
