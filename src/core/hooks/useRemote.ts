import { useCallback, useEffect, useRef, useState } from 'react'
import { messageOf } from '../api/errors'

/**
 * `error` is for a page with nothing to show: a reload that fails while data is shown stays
 * `ready` with that data and says why in `reloadError`, so a background reload (after a failed
 * submit, on coming back to the page) can never swap a page the person is using, and what they
 * typed or chose on it, for an error screen. `loading` with `data` is a reload under way.
 */
export type Remote<T> =
  | { status: 'loading'; data?: T; reload: () => Promise<void> }
  | { status: 'error'; message: string; data?: T; reload: () => Promise<void> }
  | { status: 'ready'; data: T; reloadError: string | null; reload: () => Promise<void> }

interface Held<T> {
  status: 'loading' | 'error' | 'ready'
  data?: T
  message?: string
  reloadError?: string
}

/** Data worth keeping on screen: a load that answered something (null is a hook's "nothing yet"). */
function shows<T>(data: T | undefined): data is T {
  return data !== undefined && data !== null
}

/** Loads data for a page, with the loading and error states every page shows. */
export function useRemote<T>(load: () => Promise<T>, deps: unknown[]): Remote<T> {
  const [state, setState] = useState<Held<T>>({ status: 'loading' })
  const seq = useRef(0)
  const run = useCallback(async () => {
    const mine = (seq.current += 1)
    setState((prev) => ({ status: 'loading', data: prev.data }))
    try {
      const data = await load()
      if (mine === seq.current) setState({ status: 'ready', data })
    } catch (e) {
      if (mine !== seq.current) return
      const message = messageOf(e)
      setState((prev) =>
        shows(prev.data) ? { status: 'ready', data: prev.data, reloadError: message } : { status: 'error', data: prev.data, message },
      )
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what `load` depends on, as with useEffect
  }, deps)
  useEffect(() => {
    void run()
  }, [run])
  if (state.status === 'ready') return { status: 'ready', data: state.data as T, reloadError: state.reloadError ?? null, reload: run }
  if (state.status === 'error') return { status: 'error', message: state.message ?? '', data: state.data, reload: run }
  return { status: 'loading', data: state.data, reload: run }
}
