import { useDidHide, useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, messageOf } from '@/core/api'
import type { Pass } from '@/core/contract/core'
import { parseIso } from '@/core/time/shanghai'

/** A new token is asked for this long before the one shown stops being good. */
export const RENEW_AHEAD_MS = 15_000
/** After a failed refresh, the next try comes this much later. */
export const RETRY_MS = 5_000

/**
 * What the pass page may show. `live`: a pass whose token is still good by this phone's clock
 * (`validUntil`, measured from when it was asked for, so latency only shortens it). `stale`: no
 * pass that is good now, and since when refreshing has failed: the page shows no colour then, so
 * an old one is never taken for the current one.
 */
export type LivePass =
  | { phase: 'loading' }
  | { phase: 'live'; pass: Pass; validUntil: number; failingSince: number | null; message: string | null }
  | { phase: 'stale'; failingSince: number; message: string }

interface Held {
  pass: Pass | null
  validUntil: number
  failingSince: number | null
  message: string | null
}

/**
 * The person's pass, kept live: renewed RENEW_AHEAD_MS before its token runs out, retried every
 * RETRY_MS while that fails, renewed at once whenever the page is shown again, and idle while it
 * is hidden. `now` ticks every second, for the page's clock and for expiry.
 */
export function useLivePass(load: () => Promise<Pass>): { live: LivePass; now: number; refresh: () => void } {
  const [held, setHeld] = useState<Held>({ pass: null, validUntil: 0, failingSince: null, message: null })
  const [now, setNow] = useState(() => Date.now())
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const seq = useRef(0)
  const visible = useRef(true)

  const schedule = useCallback((fn: () => void, ms: number) => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = visible.current ? setTimeout(fn, Math.max(0, ms)) : null
  }, [])

  const refresh = useCallback(async () => {
    const mine = (seq.current += 1)
    const askedAt = Date.now()
    try {
      const pass = await load()
      if (mine !== seq.current) return
      const validUntil = askedAt + (parseIso(pass.expiresAt) - parseIso(pass.issuedAt))
      setHeld({ pass, validUntil, failingSince: null, message: null })
      schedule(() => void refresh(), validUntil - RENEW_AHEAD_MS - Date.now())
    } catch (e) {
      if (mine !== seq.current) return
      // The network's own words promise a kept form; this page has none, so it says what to do.
      const message = e instanceof ApiError && e.isNetwork ? '连不上网络，请检查手机的网络设置' : messageOf(e)
      setHeld((prev) => ({ ...prev, failingSince: prev.failingSince ?? askedAt, message }))
      schedule(() => void refresh(), RETRY_MS)
    }
  }, [load, schedule])

  useEffect(() => {
    void refresh()
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => {
      clearInterval(tick)
      if (timer.current) clearTimeout(timer.current)
      seq.current += 1
    }
  }, [refresh])

  // Renew on a show that follows a hide, not on "the second show": the page may mount after its
  // first show (behind the identity guard) and never hear that one.
  useDidShow(() => {
    const wasHidden = !visible.current
    visible.current = true
    setNow(Date.now())
    if (wasHidden) void refresh()
  })
  useDidHide(() => {
    visible.current = false
    if (timer.current) clearTimeout(timer.current)
  })

  const manual = useCallback(() => void refresh(), [refresh])
  let live: LivePass
  if (held.pass && now < held.validUntil) {
    live = { phase: 'live', pass: held.pass, validUntil: held.validUntil, failingSince: held.failingSince, message: held.message }
  } else if (held.failingSince !== null) {
    live = { phase: 'stale', failingSince: held.failingSince, message: held.message ?? '' }
  } else {
    live = { phase: 'loading' }
  }
  return { live, now, refresh: manual }
}
