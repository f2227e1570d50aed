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
  /** Whose pass this is (a member's id, or undefined for the person): never shown for anyone else. */
  whose: string | undefined
  pass: Pass | null
  validUntil: number
  failingSince: number | null
  message: string | null
}

export interface LivePassOptions {
  /** A family member's pass instead of the person's own (代亮码); a change starts over at loading. */
  memberId?: string
  /** The member is no longer held (404): nothing to retry, the page goes back to the person's own. */
  onGone?: () => void
}

/**
 * The person's pass (or a member's), kept live: renewed RENEW_AHEAD_MS before its token runs out,
 * retried every RETRY_MS while that fails, renewed at once whenever the page is shown again, and
 * idle while it is hidden. `now` ticks every second, for the page's clock and for expiry.
 */
export function useLivePass(
  load: (memberId: string | undefined) => Promise<Pass>,
  { memberId, onGone }: LivePassOptions = {},
): { live: LivePass; now: number; refresh: () => void } {
  const [held, setHeld] = useState<Held>({ whose: memberId, pass: null, validUntil: 0, failingSince: null, message: null })
  const [now, setNow] = useState(() => Date.now())
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const seq = useRef(0)
  const visible = useRef(true)
  const gone = useRef(onGone)
  gone.current = onGone

  const schedule = useCallback((fn: () => void, ms: number) => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = visible.current ? setTimeout(fn, Math.max(0, ms)) : null
  }, [])

  const refresh = useCallback(async () => {
    const mine = (seq.current += 1)
    const whose = memberId
    const askedAt = Date.now()
    try {
      const pass = await load(whose)
      // A later ask, or a switch to another person (the effect's cleanup bumps seq), wins.
      if (mine !== seq.current) return
      const validUntil = askedAt + (parseIso(pass.expiresAt) - parseIso(pass.issuedAt))
      setHeld({ whose, pass, validUntil, failingSince: null, message: null })
      schedule(() => void refresh(), validUntil - RENEW_AHEAD_MS - Date.now())
    } catch (e) {
      if (mine !== seq.current) return
      if (whose !== undefined && e instanceof ApiError && e.status === 404 && gone.current) {
        // Removed from the family (by either side): asking again would only be refused again.
        gone.current()
        return
      }
      // The network's own words promise a kept form; this page has none, so it says what to do.
      const message = e instanceof ApiError && e.isNetwork ? '连不上网络，请检查手机的网络设置' : messageOf(e)
      setHeld((prev) =>
        prev.whose === whose
          ? { ...prev, failingSince: prev.failingSince ?? askedAt, message }
          : { whose, pass: null, validUntil: 0, failingSince: askedAt, message },
      )
      schedule(() => void refresh(), RETRY_MS)
    }
  }, [load, memberId, schedule])

  useEffect(() => {
    // A switch of person starts from nothing: coming back to someone shows no pass kept from before.
    setHeld((prev) => (prev.whose === memberId ? prev : { whose: memberId, pass: null, validUntil: 0, failingSince: null, message: null }))
    void refresh()
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => {
      clearInterval(tick)
      if (timer.current) clearTimeout(timer.current)
      seq.current += 1
    }
  }, [memberId, refresh])

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
  if (held.whose !== memberId) {
    // The render that switches person, before the effect asks for their pass: the previous
    // person's colour, code or holder must not show for the new one even for a frame.
    live = { phase: 'loading' }
  } else if (held.pass && now < held.validUntil) {
    live = { phase: 'live', pass: held.pass, validUntil: held.validUntil, failingSince: held.failingSince, message: held.message }
  } else if (held.failingSince !== null) {
    live = { phase: 'stale', failingSince: held.failingSince, message: held.message ?? '' }
  } else {
    live = { phase: 'loading' }
  }
  return { live, now, refresh: manual }
}
