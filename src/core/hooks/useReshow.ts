import { useDidShow } from '@tarojs/taro'
import { useRef } from 'react'

/** Runs `fn` when the page is shown again (coming back from another page), not on its first show. */
export function useReshow(fn: () => void): void {
  const shown = useRef(false)
  const latest = useRef(fn)
  latest.current = fn
  useDidShow(() => {
    if (shown.current) latest.current()
    shown.current = true
  })
}
