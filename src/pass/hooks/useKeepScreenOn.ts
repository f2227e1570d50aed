import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'

interface WakeLockSentinel {
  release(): Promise<void>
}
type WakeLockNavigator = Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinel> } }

// Whether the page wants the screen awake, and the lock the browser granted for it. A lock granted
// after the page stopped wanting it is let go at once; one request at a time, so never two locks.
let wanted = false
let held: WakeLockSentinel | null = null
let asking = false

function askForLock(nav: WakeLockNavigator | undefined): void {
  if (!nav?.wakeLock || held || asking) return
  asking = true
  nav.wakeLock.request('screen').then(
    (lock) => {
      asking = false
      if (wanted) held = lock
      else void lock.release().catch(() => undefined)
    },
    () => {
      asking = false
    },
  )
}

/** Keeps the phone's screen awake or lets it sleep; brightness stays the person's own. */
function keepAwake(on: boolean): void {
  wanted = on
  if (process.env.TARO_ENV === 'h5') {
    // A browser has no setKeepScreenOn; the Screen Wake Lock API does the same where it exists.
    if (on) askForLock(typeof navigator === 'undefined' ? undefined : (navigator as WakeLockNavigator))
    else if (held) {
      void held.release().catch(() => undefined)
      held = null
    }
    return
  }
  Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined)
}

/** The screen stays awake while this page is shown: a pass held up at a door must not go dark. */
export function useKeepScreenOn(): void {
  useEffect(() => {
    keepAwake(true)
    return () => keepAwake(false)
  }, [])
  useDidShow(() => keepAwake(true))
  useDidHide(() => keepAwake(false))
}
