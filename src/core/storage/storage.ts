import Taro from '@tarojs/taro'

/**
 * The app's one door to local storage. Keys that hold a person's data start with `p:`, so
 * log-out can wipe them all at once; preferences (large text) and the device key do not.
 */
export const PERSONAL_PREFIX = 'p:'

export function readJson<T>(key: string): T | undefined {
  try {
    const raw: unknown = Taro.getStorageSync(key)
    if (raw === '' || raw === undefined || raw === null) return undefined
    return (typeof raw === 'string' ? JSON.parse(raw) : raw) as T
  } catch {
    return undefined
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, JSON.stringify(value))
  } catch {
    // Storage full or unavailable: the app still works, it only forgets across launches.
  }
}

export function removeKey(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    // nothing to remove
  }
}

export function allKeys(): string[] {
  try {
    return Taro.getStorageInfoSync().keys
  } catch {
    return []
  }
}

export function removePersonalData(): void {
  for (const key of allKeys()) if (key.startsWith(PERSONAL_PREFIX)) removeKey(key)
}
