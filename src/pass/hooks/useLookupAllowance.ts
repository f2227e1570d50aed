import { useCallback, useEffect, useState } from 'react'
import { PASS_LOOKUPS_PER_WINDOW, PASS_LOOKUP_WINDOW_MS } from '@/core/contract/passChecks'
import { PERSONAL_PREFIX, readJson, writeJson } from '@/core/storage/storage'

// Only the times of this device's lookups, never whom they were for; wiped at log-out with the rest.
const KEY = `${PERSONAL_PREFIX}pass-lookups`

function recent(now: number): number[] {
  const times = readJson<unknown>(KEY)
  return Array.isArray(times) ? times.filter((t): t is number => typeof t === 'number' && now - t < PASS_LOOKUP_WINDOW_MS) : []
}

/** How often the count is read again, so lookups leaving the hour give their places back. */
const RECOUNT_MS = 60_000

/**
 * How many lookups this checker has left in the hour, as far as this device knows (the server's
 * count is the one that holds; this one lets the page say so before the limit is reached).
 * `exhausted` is the server saying none are left (lookups made on another phone count too).
 */
export function useLookupAllowance(): { used: number; left: number; count: () => void; exhausted: () => void } {
  const [used, setUsed] = useState(() => recent(Date.now()).length)
  const [refused, setRefused] = useState(false)
  useEffect(() => {
    const timer = setInterval(() => setUsed(recent(Date.now()).length), RECOUNT_MS)
    return () => clearInterval(timer)
  }, [])
  const count = useCallback(() => {
    const at = Date.now()
    const times = [...recent(at), at]
    writeJson(KEY, times)
    setUsed(times.length)
    setRefused(false)
  }, [])
  // None left until the server answers a lookup again: its refusal said how long to wait.
  const exhausted = useCallback(() => setRefused(true), [])
  const left = refused ? 0 : Math.max(0, PASS_LOOKUPS_PER_WINDOW - used)
  return { used, left, count, exhausted }
}
