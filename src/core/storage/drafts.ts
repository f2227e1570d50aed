import { useCallback, useEffect, useRef, useState } from 'react'
import { PERSONAL_PREFIX, readJson, removeKey, writeJson } from './storage'

const DRAFT_PREFIX = `${PERSONAL_PREFIX}draft:`
const SAVE_DELAY_MS = 250

export function draftKey(name: string): string {
  return `${DRAFT_PREFIX}${name}`
}

export function readDraft<T>(name: string): T | undefined {
  return readJson<T>(draftKey(name))
}

export function clearDraft(name: string): void {
  removeKey(draftKey(name))
}

/**
 * A form's state, kept in storage until the server confirms it: a failed submit, a killed app or
 * a re-login loses nothing. `clear()` after success; `flush()` writes a pending change now (before
 * sending a create whose key must survive the app closing); log-out wipes every draft (`p:` keys).
 */
export function useDraft<T extends object>(
  name: string,
  initial: T,
): [T, (patch: Partial<T> | ((prev: T) => T)) => void, () => void, () => void] {
  const [value, setValue] = useState<T>(() => ({ ...initial, ...(readDraft<Partial<T>>(name) ?? {}) }))
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const latest = useRef(value)
  const cleared = useRef(false)

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (!cleared.current) writeJson(draftKey(name), latest.current)
  }, [name])

  const update = useCallback(
    (patch: Partial<T> | ((prev: T) => T)) => {
      cleared.current = false
      // Computed here, not in a state updater, so `flush()` right after sees it.
      const next = typeof patch === 'function' ? patch(latest.current) : { ...latest.current, ...patch }
      latest.current = next
      setValue(next)
      if (timer.current) clearTimeout(timer.current)
      timer.current = setTimeout(flush, SAVE_DELAY_MS)
    },
    [flush],
  )

  const clear = useCallback(() => {
    cleared.current = true
    if (timer.current) clearTimeout(timer.current)
    clearDraft(name)
  }, [name])

  // Leaving the page saves what is pending at once.
  useEffect(() => () => flush(), [flush])

  return [value, update, clear, flush]
}
