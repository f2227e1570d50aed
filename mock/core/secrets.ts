import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex, concatBytes } from '@noble/hashes/utils'
import { utf8ToBytes } from './random'

/**
 * Where the mock's unguessable values come from: tokens, SMS codes, pickup codes and the key that
 * signs cursors. Never from the seed, which is public (the reset control takes it, tests print it):
 * anyone who knew it could work out other people's tokens and pickup codes.
 */

/** Fills `bytes` with unpredictable values in place: the shape of `crypto.getRandomValues`. */
export type RandomSource = (bytes: Uint8Array) => unknown

export interface Randomness {
  /** `bytes` random bytes as lower-case hex. */
  hex(bytes: number): string
  /** A uniform integer in [0, n), for 1 ≤ n ≤ 2³². */
  below(n: number): number
}

const TWO_32 = 2 ** 32

/**
 * `draw()` until `take` accepts a value (a check that it is free, or a unique insert that claims
 * it). A repeat of a token or a pickup code would hand over someone else's, so `tries` refused
 * ones in a row mean a broken source: that throws.
 */
export async function freshDraw<T>(draw: () => T, take: (value: T) => Promise<boolean>, tries: number): Promise<T> {
  for (let i = 0; i < tries; i += 1) {
    const value = draw()
    if (await take(value)) return value
  }
  throw new Error('the random source keeps repeating itself')
}

export function randomness(source: RandomSource): Randomness {
  const bytes = (n: number) => {
    const out = new Uint8Array(n)
    source(out)
    return out
  }
  return {
    hex: (n) => bytesToHex(bytes(n)),
    below(n) {
      // Rejection sampling: taking `u % n` over the whole 32-bit range would favour small values.
      const limit = TWO_32 - (TWO_32 % n)
      for (;;) {
        const [a, b, c, d] = bytes(4)
        const u = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d
        if (u < limit) return u % n
      }
    },
  }
}

/**
 * SHA-256 in counter mode over a 32-byte key: unpredictable to anyone without the key. The
 * embedded build keys it with the platform's random bytes (WeChat hands them out asynchronously,
 * the handlers need them synchronously); a pinned secret keys it for reproducible tests.
 */
export function hashStream(key: Uint8Array): RandomSource {
  const root = sha256(key)
  let counter = 0
  let block: Uint8Array = new Uint8Array(0)
  let used = 0
  return (out) => {
    for (let i = 0; i < out.length; i += 1) {
      if (used === block.length) {
        counter += 1
        const n = new Uint8Array(8)
        const view = new DataView(n.buffer)
        view.setUint32(0, Math.floor(counter / TWO_32))
        view.setUint32(4, counter >>> 0)
        block = sha256(concatBytes(root, n))
        used = 0
      }
      out[i] = block[used]
      used += 1
    }
  }
}

/** The stream a pinned secret (`createBackend({ secret })`, `MOCK_SECRET`) stands for. */
export function pinnedSource(secret: string): RandomSource {
  return hashStream(utf8ToBytes(`mock-secret:${secret}`))
}

/** The runtime's `crypto.getRandomValues` (Node 20, browsers), or null where there is none (WeChat). */
export function platformRandom(): RandomSource | null {
  // `typeof`, not `globalThis.crypto`: older WeChat engines have no `globalThis` either.
  if (typeof crypto === 'undefined' || typeof crypto.getRandomValues !== 'function') return null
  const runtime = crypto
  return (bytes) => runtime.getRandomValues(bytes)
}
