import { useCallback, useEffect, useRef, useState } from 'react'
import { messageOf } from '../api/errors'

export type Remote<T> =
  | { status: 'loading'; data?: T; reload: () => Promise<void> }
  | { status: 'error'; message: string; data?: T; reload: () => Promise<void> }
  | { status: 'ready'; data: T; reload: () => Promise<void> }

/** Loads data for a page, with the loading and error states every page shows. */
export function useRemote<T>(load: () => Promise<T>, deps: unknown[]): Remote<T> {
  const [state, setState] = useState<{ status: 'loading' | 'error' | 'ready'; data?: T; message?: string }>({ status: 'loading' })
  const seq = useRef(0)
  const run = useCallback(async () => {
    const mine = (seq.current += 1)
    setState((prev) => ({ status: 'loading', data: prev.data }))
    try {
      const data = await load()
      if (mine === seq.current) setState({ status: 'ready', data })
    } catch (e) {
      if (mine === seq.current) setState((prev) => ({ status: 'error', data: prev.data, message: messageOf(e) }))
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what `load` depends on, as with useEffect
  }, deps)
  useEffect(() => {
    void run()
  }, [run])
  if (state.status === 'ready') return { status: 'ready', data: state.data as T, reload: run }
  if (state.status === 'error') return { status: 'error', message: state.message ?? '', data: state.data, reload: run }
  return { status: 'loading', data: state.data, reload: run }
}
