import { useEffect, useRef, useState } from 'react'
import type { Round } from '@/core/contract/masks'
import { useRemote, type Remote } from '@/core/hooks/useRemote'
import { parseIso } from '@/core/time/shanghai'
import { getCurrentRound } from '../api'

export interface RoundNow {
  round: Round
  /** Server time minus phone time when the answer came: countdowns use the server's clock. */
  offsetMs: number
}

export function useCurrentRound(): Remote<RoundNow> {
  return useRemote(async () => {
    const res = await getCurrentRound()
    return { round: res.round, offsetMs: parseIso(res.serverTime) - Date.now() }
  }, [])
}

/** The server's "now", moving once a second while the page is open. */
export function useServerNow(offsetMs: number): number {
  const [, setTick] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 1000)
    return () => clearInterval(timer)
  }, [])
  return Date.now() + offsetMs
}

/** Calls `fn` once when the server's clock reaches `atMs` (to reload a round that changed state). */
export function useWhenReached(atMs: number | null, nowMs: number, fn: () => void): void {
  const fired = useRef<number | null>(null)
  useEffect(() => {
    if (atMs === null || nowMs < atMs || fired.current === atMs) return
    fired.current = atMs
    fn()
  }, [atMs, nowMs, fn])
}
