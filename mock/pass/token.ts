import { hmac } from '@noble/hashes/hmac'
import { sha256 } from '@noble/hashes/sha2'
import { hexToBytes, bytesToHex } from '@noble/hashes/utils'
import { utf8ToBytes } from '../core/random'

/**
 * A pass token: what the QR code holds. It carries the document's pass id (a random pseudonym,
 * see PassStore) encrypted with a keystream of the server's key and a fresh nonce, the time it
 * expires, and a tag over all of it: a scanner learns nothing of the holder, two tokens of one
 * person do not look alike, and a changed byte or a made-up token fails the tag.
 *   nonce (12 bytes) | expires, ms (6) | pass id XOR keystream (16) | tag (16), as base64url
 */
const NONCE = 12
const EXPIRES = 6
const PASS_ID = 16
const TAG = 16
const LENGTH = NONCE + EXPIRES + PASS_ID + TAG

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

function toBase64Url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63].map((c) => ALPHABET[c])
    out += chars.slice(0, Math.min(4, bytes.length - i + 1)).join('')
  }
  return out
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null
  const out: number[] = []
  let bits = 0
  let value = 0
  for (const ch of text) {
    value = ((value << 6) | ALPHABET.indexOf(ch)) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out.push((value >> bits) & 0xff)
    }
  }
  return Uint8Array.from(out)
}

function keyed(key: string, label: string, ...parts: Uint8Array[]): Uint8Array {
  const mac = hmac.create(sha256, utf8ToBytes(key))
  mac.update(utf8ToBytes(label))
  for (const p of parts) mac.update(p)
  return mac.digest()
}

function expiresBytes(ms: number): Uint8Array {
  const out = new Uint8Array(EXPIRES)
  let n = ms
  for (let i = EXPIRES - 1; i >= 0; i -= 1) {
    out[i] = n % 256
    n = Math.floor(n / 256)
  }
  return out
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) diff |= a[i]! ^ b[i]!
  return diff === 0
}

/** `passId` is 32 hex characters; `nonceHex` 24, fresh from the backend's random source. */
export function sealPassToken(key: string, passId: string, expiresAt: number, nonceHex: string): string {
  const nonce = hexToBytes(nonceHex)
  const expires = expiresBytes(expiresAt)
  const stream = keyed(key, 'pass:stream', nonce)
  const id = hexToBytes(passId)
  const sealed = id.map((b, i) => b ^ stream[i]!)
  const tag = keyed(key, 'pass:tag', nonce, expires, sealed).slice(0, TAG)
  const bytes = new Uint8Array(LENGTH)
  bytes.set(nonce, 0)
  bytes.set(expires, NONCE)
  bytes.set(sealed, NONCE + EXPIRES)
  bytes.set(tag, NONCE + EXPIRES + PASS_ID)
  return toBase64Url(bytes)
}

/** The pass id and expiry a token of this key holds, or null when this key did not make it as it is. */
export function openPassToken(key: string, token: string): { passId: string; expiresAt: number } | null {
  const bytes = fromBase64Url(token)
  if (!bytes || bytes.length !== LENGTH || toBase64Url(bytes) !== token) return null
  const nonce = bytes.slice(0, NONCE)
  const expires = bytes.slice(NONCE, NONCE + EXPIRES)
  const sealed = bytes.slice(NONCE + EXPIRES, NONCE + EXPIRES + PASS_ID)
  const tag = bytes.slice(NONCE + EXPIRES + PASS_ID)
  if (!sameBytes(tag, keyed(key, 'pass:tag', nonce, expires, sealed).slice(0, TAG))) return null
  const stream = keyed(key, 'pass:stream', nonce)
  const passId = bytesToHex(sealed.map((b, i) => b ^ stream[i]!))
  const expiresAt = expires.reduce((n, b) => n * 256 + b, 0)
  return { passId, expiresAt }
}
