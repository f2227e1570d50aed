import { sha256 } from '@noble/hashes/sha2'
import { concatBytes } from '@noble/hashes/utils'
import { createBackend } from '@/mock/backend'
import { MockClock } from '@/mock/core/clock'
import { errorResponse, utf8Length } from '@/mock/core/http'
import { fakePhone, fakeResidentId } from '@/mock/core/people'
import { createRng, intBetween, pick, utf8ToBytes } from '@/mock/core/random'
import { freshDraw, hashStream, platformRandom, randomness, type RandomSource } from '@/mock/core/secrets'
import { emptyCoreState, nextId } from '@/mock/core/state'
import { parseQuery } from '@/mock/core/uri'
import { docNumberError } from '@/core/identity/documents'

describe('parseQuery reads a query string as URLSearchParams does', () => {
  const GOOD = ['a=1&b=2', 'a=1&&b=2&', 'flag', 'flag&x=', 'a=b=c', '=x', 'a+b=c+d', 'q=%E5%8F%A3%E7%BD%A9', 'a=1&a=2', '&&']

  it.each(GOOD)('%s', (raw) => {
    expect(parseQuery(raw)).toEqual(Object.fromEntries(new URLSearchParams(raw)))
  })

  it('spells out the cases that matter', () => {
    expect(parseQuery('a=1&&b=2')).toEqual({ a: '1', b: '2' })
    expect(parseQuery('flag')).toEqual({ flag: '' })
    expect(parseQuery('a=b=c')).toEqual({ a: 'b=c' })
    expect(parseQuery('=x')).toEqual({ '': 'x' })
    expect(parseQuery('a+b=c+d')).toEqual({ 'a b': 'c d' })
  })

  it('is null for bad percent-encoding in a name or a value', () => {
    expect(parseQuery('%zz=1')).toBeNull()
    expect(parseQuery('a=%E5%8F')).toBeNull()
    expect(parseQuery('ok=1&b%=2')).toBeNull()
  })
})

describe('utf8Length counts the bytes a body takes on the wire', () => {
  // Each code point at the edge of a UTF-8 length, and a few ordinary texts; Buffer is the oracle.
  const TEXTS = ['\u007f', '\u0080', '\u07ff', '\u0800', '\ud7ff', '\ud800\udc00', '\udbff\udfff', '\ue000', '\uffff', 'a汉😀é', '']
  it.each(TEXTS.map((t) => [JSON.stringify(t), t]))('%s', (_, text) => {
    expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'))
  })
})

describe('MockClock', () => {
  it('runs with real time from where it was started and from where it was set', () => {
    let real = 50
    const clock = new MockClock(1000, { realNow: () => real })
    expect(clock.now()).toBe(1000)
    real = 80
    expect(clock.now()).toBe(1030)
    clock.set(5000)
    expect(clock.now()).toBe(5000)
    real = 90
    expect(clock.now()).toBe(5010)
    clock.advance(-10)
    expect(clock.now()).toBe(5000)
  })

  it('stands still when frozen, and moves only when set or advanced', () => {
    let real = 50
    const clock = new MockClock(1000, { frozen: true, realNow: () => real })
    real = 500
    expect(clock.now()).toBe(1000)
    clock.set(2000)
    real = 900
    expect(clock.now()).toBe(2000)
    clock.advance(5)
    expect(clock.now()).toBe(2005)
  })
})

/** A source that hands out the given bytes in order, then zeros. */
function scripted(bytes: number[]): RandomSource {
  let at = 0
  return (out) => {
    for (let i = 0; i < out.length; i += 1) {
      out[i] = at < bytes.length ? bytes[at] : 0
      at += 1
    }
  }
}

describe('randomness', () => {
  it('reads four bytes big-endian as one 32-bit draw', () => {
    expect(randomness(scripted([0x01, 0x02, 0x03, 0x04])).below(2 ** 32)).toBe(0x01020304)
    expect(randomness(scripted([0xff, 0x00, 0x00, 0x01])).below(2 ** 32)).toBe(0xff000001)
  })

  it('draws again rather than favour small values: a draw at or over the last whole multiple of n is thrown away', () => {
    // 2³² % 3 = 1, so the draws from 0 to 2³² − 2 are kept and 0xffffffff, the one left over, is not.
    expect(randomness(scripted([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 5])).below(3)).toBe(2)
    expect(randomness(scripted([0xff, 0xff, 0xff, 0xfe])).below(3)).toBe(0xfffffffe % 3)
  })

  it('gives hex of the bytes asked for', () => {
    expect(randomness(scripted([0xab, 0x01])).hex(2)).toBe('ab01')
  })
})

describe('hashStream', () => {
  const key = utf8ToBytes('k')
  const block = (n: number) => sha256(concatBytes(sha256(key), new Uint8Array([0, 0, 0, 0, 0, 0, 0, n])))

  it('is SHA-256 of the hashed key and a counter from 1, block after block', () => {
    const out = new Uint8Array(70)
    hashStream(key)(out)
    expect(Array.from(out)).toEqual([...block(1), ...block(2), ...block(3).slice(0, 6)])
  })

  it('hands out the same stream however it is asked: 10 + 30 + 30 bytes are the 70 at once', () => {
    const whole = new Uint8Array(70)
    hashStream(key)(whole)
    const source = hashStream(key)
    const parts = [new Uint8Array(10), new Uint8Array(30), new Uint8Array(30)]
    for (const p of parts) source(p)
    expect(parts.flatMap((p) => Array.from(p))).toEqual(Array.from(whole))
  })
})

describe('freshDraw', () => {
  it('keeps drawing past taken values and gives the first free one', async () => {
    const values = [1, 2, 3]
    await expect(
      freshDraw(
        () => values.shift()!,
        async (n) => n >= 3,
        5,
      ),
    ).resolves.toBe(3)
  })

  it('gives up after exactly `tries` taken draws, saying the source repeats itself', async () => {
    let draws = 0
    await expect(
      freshDraw(
        () => (draws += 1),
        async () => false,
        4,
      ),
    ).rejects.toThrow('the random source keeps repeating itself')
    expect(draws).toBe(4)
  })
})

describe('a runtime without crypto.getRandomValues (WeChat)', () => {
  const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!
  afterEach(() => Object.defineProperty(globalThis, 'crypto', original))

  it.each([
    ['no crypto at all', undefined],
    ['a crypto without getRandomValues', {}],
  ])('has no platform source with %s, and a backend then asks for one', (_, value) => {
    Object.defineProperty(globalThis, 'crypto', { value, configurable: true, writable: true })
    expect(platformRandom()).toBeNull()
    expect(() => createBackend()).toThrow('createBackend: this runtime has no crypto.getRandomValues; pass `random` (or `secret` in tests)')
    expect(() => createBackend({ secret: 'pinned' })).not.toThrow()
  })

  it('uses the runtime one where there is one', () => {
    const source = platformRandom()!
    const a = new Uint8Array(16)
    source(a)
    expect(a.some((x) => x !== 0)).toBe(true)
  })
})

describe('seed helpers', () => {
  const rng = createRng(7)

  it('intBetween reaches both ends and nothing outside them', () => {
    const seen = new Set(Array.from({ length: 200 }, () => intBetween(rng, 3, 5)))
    expect([...seen].sort()).toEqual([3, 4, 5])
  })

  it('pick reaches every item', () => {
    const seen = new Set(Array.from({ length: 200 }, () => pick(rng, ['a', 'b', 'c'])))
    expect(seen.size).toBe(3)
  })

  it('makes mobile numbers of 11 digits with every second digit the carriers use', () => {
    const phones = Array.from({ length: 300 }, () => fakePhone(rng))
    for (const p of phones) expect(p).toMatch(/^1[35789]\d{9}$/)
    expect(new Set(phones.map((p) => p[1])).size).toBe(5)
  })

  it('makes valid resident ID numbers of the region it is given', () => {
    for (let i = 0; i < 50; i += 1) {
      const id = fakeResidentId(rng, '310230')
      expect(id.startsWith('310230')).toBe(true)
      expect(docNumberError('resident_id', id, '2020-02-10')).toBeNull()
    }
  })

  it('numbers ids per world with a prefix, in base 36, padded to five', () => {
    const core = emptyCoreState(1, 'secret')
    expect(nextId(core, 'r')).toBe('r00001')
    expect(nextId(core, 'r')).toBe('r00002')
    for (let i = 0; i < 32; i += 1) nextId(core, 'x')
    expect(nextId(core, 'd')).toBe('d0000z')
    expect(nextId(core, 'd')).toBe('d00010')
  })
})

describe('the error envelope', () => {
  it('carries fields only when there are some', () => {
    expect(errorResponse(400, 'VALIDATION_FAILED', '有误', {}).body).toStrictEqual({
      error: { code: 'VALIDATION_FAILED', message: '有误' },
    })
    expect(errorResponse(409, 'CONFLICT', '冲突').body).toStrictEqual({ error: { code: 'CONFLICT', message: '冲突' } })
    expect(errorResponse(400, 'VALIDATION_FAILED', '有误', { a: '错' }).body).toStrictEqual({
      error: { code: 'VALIDATION_FAILED', message: '有误', fields: { a: '错' } },
    })
  })
})
