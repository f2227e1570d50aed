import Taro from '@tarojs/taro'
import { useSyncExternalStore } from 'react'
import { readJson, writeJson } from '../storage/storage'

/** 长辈模式: 'auto' follows WeChat's own font size; 'on' and 'off' are the person's choice. */
export type LargeTextPreference = 'auto' | 'on' | 'off'

const KEY = 'pref:large-text'
/** WeChat's standard size is 16 px (17 on some iPhones); anything from 18 up is a larger choice. */
const SYSTEM_LARGE_FROM_PX = 18

let preference: LargeTextPreference = readJson<LargeTextPreference>(KEY) ?? 'auto'
const listeners = new Set<() => void>()

export function systemFontSize(): number | undefined {
  try {
    const info = Taro.getSystemInfoSync() as { fontSizeSetting?: number }
    return typeof info.fontSizeSetting === 'number' ? info.fontSizeSetting : undefined
  } catch {
    return undefined
  }
}

export function largeTextEnabled(pref = preference, systemPx = systemFontSize()): boolean {
  if (pref === 'on') return true
  if (pref === 'off') return false
  return (systemPx ?? 0) >= SYSTEM_LARGE_FROM_PX
}

export function setLargeTextPreference(next: LargeTextPreference): void {
  preference = next
  writeJson(KEY, next)
  for (const l of listeners) l()
}

export function getLargeTextPreference(): LargeTextPreference {
  return preference
}

function subscribe(l: () => void): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}

export function useLargeText(): { enabled: boolean; preference: LargeTextPreference } {
  const pref = useSyncExternalStore(subscribe, getLargeTextPreference, getLargeTextPreference)
  return { enabled: largeTextEnabled(pref), preference: pref }
}
