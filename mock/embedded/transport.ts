import { sha256 } from '@noble/hashes/sha2'
import Taro from '@tarojs/taro'
import type { Transport } from '@/core/api/transport'
import { backendTransport } from './backendTransport'
import { createBackend, type BackendSnapshot } from '../backend'
import { utf8ToBytes } from '../core/random'
import { hashStream, platformRandom, type RandomSource } from '../core/secrets'

const STORAGE_KEY = 'mock:embedded-state'

/**
 * 32 bytes of the platform's randomness. WeChat has no `crypto.getRandomValues`, only the
 * asynchronous `wx.getRandomValues` (base library 2.20.2 on); a browser (the H5 embedded build)
 * has the synchronous one.
 */
async function platformEntropy(): Promise<Uint8Array> {
  const sync = platformRandom()
  if (sync) {
    const bytes = new Uint8Array(32)
    sync(bytes)
    return bytes
  }
  try {
    const { randomValues } = await Taro.getRandomValues({ length: 32 })
    return new Uint8Array(randomValues)
  } catch {
    // An older WeChat has neither. The embedded backend's tokens never leave this phone, so the
    // clock and Math.random, hashed, are the last resort rather than no app at all.
    const noise = Array.from({ length: 8 }, () => Math.random()).join(':')
    return sha256(utf8ToBytes(`${Date.now()}:${noise}`))
  }
}

/**
 * The handlers draw random bytes in the middle of a rule, with no await there, and WeChat's random
 * bytes come asynchronously: the backend's random source is a hash stream keyed once, at launch,
 * with the platform's bytes.
 */
async function embeddedRandom(): Promise<RandomSource> {
  return hashStream(await platformEntropy())
}

function savedSnapshot(): BackendSnapshot | undefined {
  const saved = Taro.getStorageSync(STORAGE_KEY) as string | ''
  try {
    return saved ? (JSON.parse(saved) as BackendSnapshot) : undefined
  } catch {
    return undefined
  }
}

/**
 * The mock living inside the app (embedded builds only): requests never leave the phone, and
 * the backend's state is kept in Taro storage so a relaunch finds the same accounts and records
 * (and the key its cursors were signed with, which the state carries). The app entry plugs this
 * into the API client's transport seam; nothing else imports it. The backend is made on the first
 * request, once the platform's random bytes have arrived.
 */
export function createEmbeddedTransport(): Transport {
  const ready: Promise<Transport> = embeddedRandom().then((random) => {
    // With a snapshot, the backend's clock resumes at the snapshot's time.
    const backend = createBackend({ controls: false, restore: savedSnapshot(), random })
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
  })
  return async (req) => (await ready)(req)
}
