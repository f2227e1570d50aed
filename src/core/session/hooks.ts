import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import type { User } from '../contract/core'
import { ensureSession, getSessionState, loadSession, subscribe, type SessionState } from './session'
import { messageOf } from '../api/errors'
import { decodeParam } from '../hooks/params'

export const LOGIN_PAGE = '/pages/login/index'
export const VERIFY_PAGE = '/pages/verify/index'
export const HOME_PAGE = '/pages/home/index'
const TAB_PAGES = [HOME_PAGE, '/pages/me/index']

/** The session every page reads. */
export function useSession(): SessionState {
  loadSession()
  return useSyncExternalStore(subscribe, getSessionState, getSessionState)
}

/** The current page with its query, to come back to after logging in or verifying. */
export function currentPageUrl(): string {
  const router = Taro.getCurrentInstance().router
  if (!router) return HOME_PAGE
  const path = router.path.split('?')[0]
  const params = Object.entries(router.params ?? {})
    .filter(([k, v]) => v !== undefined && k !== '$taroTimestamp' && k !== 'stamp')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
  return `${path.startsWith('/') ? path : `/${path}`}${params.length ? `?${params.join('&')}` : ''}`
}

/** Goes to `url` after login/verify; tab pages need switchTab. */
export function returnTo(url: string | undefined): void {
  // A garbled redirect (a link cut short) goes home rather than throwing.
  const target = decodeParam(url) ?? HOME_PAGE
  if (TAB_PAGES.includes(target.split('?')[0])) void Taro.switchTab({ url: target.split('?')[0] })
  else void Taro.redirectTo({ url: target })
}

export type GuardState = { status: 'checking' } | { status: 'ready'; user: User } | { status: 'error'; message: string; retry: () => void }

/**
 * For pages that need a verified person: logs in silently, sends someone unverified to
 * verification (and back here afterwards), someone logged out to the login page.
 */
export function useVerifiedUser(): GuardState {
  const session = useSession()
  const [error, setError] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)

  const check = useCallback(async () => {
    try {
      const user = await ensureSession()
      const back = encodeURIComponent(currentPageUrl())
      if (!user) {
        void Taro.redirectTo({ url: `${LOGIN_PAGE}?redirect=${back}` })
      } else if (!user.verified) {
        void Taro.redirectTo({ url: `${VERIFY_PAGE}?redirect=${back}` })
      }
      setError(null)
    } catch (e) {
      setError(messageOf(e))
    }
  }, [])

  useEffect(() => {
    void check()
  }, [check, attempt])
  useDidShow(() => {
    if (session.status === 'signed-out') void check()
  })

  if (error) return { status: 'error', message: error, retry: () => setAttempt((n) => n + 1) }
  if (session.user?.verified) return { status: 'ready', user: session.user }
  return { status: 'checking' }
}
