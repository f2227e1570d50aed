import Taro from '@tarojs/taro'
import type { Transport } from '@/core/api/transport'
import { backendTransport } from './backendTransport'
import { createBackend, type BackendSnapshot } from '../backend'
import { MockClock } from '../core/clock'

const STORAGE_KEY = 'mock:embedded-state'

/**
 * The mock living inside the app (embedded builds only): requests never leave the phone, and
 * the backend's state is kept in Taro storage so a relaunch finds the same accounts and records.
 * The app entry plugs this into the API client's transport seam; nothing else imports it.
 */
export function createEmbeddedTransport(): Transport {
  const saved = Taro.getStorageSync(STORAGE_KEY) as string | ''
  let restore: BackendSnapshot | undefined
  try {
    restore = saved ? (JSON.parse(saved) as BackendSnapshot) : undefined
  } catch {
    restore = undefined
  }
  const backend = createBackend({
    controls: false,
    restore,
    clock: restore ? new MockClock(restore.clockMs) : undefined,
  })
  let saveTimer: ReturnType<typeof setTimeout> | null = null
  const persist = () => {
    if (saveTimer) return
    saveTimer = setTimeout(() => {
      saveTimer = null
      Taro.setStorage({ key: STORAGE_KEY, data: JSON.stringify(backend.snapshot()) })
    }, 300)
  }

  return backendTransport(backend, (req) => {
    if (req.method !== 'GET') persist()
  })
}
