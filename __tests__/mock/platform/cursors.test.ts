import { HttpError } from '@/mock/core/http'
import { decodeCursor, encodeCursor, fingerprint, keyThenId, paginate, type CursorKey } from '@/mock/core/paging'
import { sha256Hex } from '@/mock/core/random'

const world: CursorKey = { env: { secret: 'cursor-test-key' } }
const otherWorld: CursorKey = { env: { secret: 'another-key' } }

/** A cursor signed with the world's key, as someone who knew the key could make one. */
function signed(payload: string, key = world.env.secret): string {
  return `${payload}.${sha256Hex(`${key}:cursor:${payload}`).slice(0, 16)}`
}
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url')

function refusal(run: () => unknown): { status: number; field?: string } {
  try {
    run()
  } catch (e) {
    if (e instanceof HttpError) return { status: e.status, field: e.fields?.cursor }
    throw e
  }
  throw new Error('expected a refusal')
}

const newestFirst = keyThenId('desc')
/** Seven rows, two to a time, in the list's order (paginate is handed its rows sorted). */
const rows = Array.from({ length: 7 }, (_, n) => ({ id: `r${n + 1}`, at: 100 - Math.floor(n / 2) })).sort((a, b) =>
  newestFirst({ k: a.at, i: a.id }, { k: b.at, i: b.id }),
)
const page = (cursor?: string, limit = 3, filters: Record<string, unknown> = {}) =>
  paginate(world, rows, {
    list: 'rows',
    filters,
    page: { cursor, limit },
    keyOf: (r) => r.at,
    idOf: (r) => r.id,
    compare: keyThenId('desc'),
  })

describe('the fingerprint of a list', () => {
  it('ignores absent and empty filters and their order, and tells lists and values apart', () => {
    const base = fingerprint('jobs', { q: '司机', sort: 'latest' })
    expect(fingerprint('jobs', { sort: 'latest', q: '司机', district: undefined, industry: '' })).toBe(base)
    expect(fingerprint('jobs', { q: '司机', sort: 'salary' })).not.toBe(base)
    expect(fingerprint('jobs', { q: '司机' })).not.toBe(base)
    expect(fingerprint('outlets', { q: '司机', sort: 'latest' })).not.toBe(base)
    expect(fingerprint('jobs', {})).toBe(fingerprint('jobs', { q: '' }))
    expect(fingerprint('jobs', {})).not.toBe(fingerprint('outlets', {}))
    expect(base).toMatch(/^[0-9a-f]{16}$/)
  })
})

describe('a cursor', () => {
  const fp = fingerprint('rows', {})

  it('comes back as it went out, whatever its key, in this world only', () => {
    for (const k of [0, 17, -3.5, '', '张三', '2020-02-10T10:00:00+08:00', 'a'.repeat(50)]) {
      const cursor = encodeCursor(world, { f: fp, k, i: 'r1' })
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[0-9a-f]{16}$/)
      expect(decodeCursor(world, cursor, fp)).toEqual({ f: fp, k, i: 'r1' })
      expect(refusal(() => decodeCursor(otherWorld, cursor, fp))).toEqual({ status: 400, field: '分页参数无效，请从第一页重新加载' })
      expect(refusal(() => decodeCursor(world, cursor, fingerprint('other', {}))).status).toBe(400)
    }
  })

  it('is refused when cut, joined, edited or made up, even when signed with the right key', () => {
    const good = encodeCursor(world, { f: fp, k: 99, i: 'r3' })
    const [payload, signature] = good.split('.')
    const edited = b64(JSON.stringify({ f: fp, k: 0, i: 'r7' }))
    for (const cursor of [
      payload,
      `${payload}.`,
      `.${signature}`,
      `${good}.${signature}`,
      `${edited}.${signature}`,
      signed('not base64!'),
      signed('+/+/'),
      signed(b64('{"f":')),
      signed(b64('null')),
      signed(b64('7')),
      signed(b64(JSON.stringify({ f: fp, k: 1 }))),
      signed(b64(JSON.stringify({ f: fp, k: null, i: 'r1' }))),
      signed(Buffer.from([0xff, 0xfe, 0x80]).toString('base64url')),
      signed(b64(JSON.stringify({ f: 'made-up', k: 1, i: 'r1' }))),
    ]) {
      expect({ cursor, ...refusal(() => decodeCursor(world, cursor, fp)) }).toEqual({
        cursor,
        status: 400,
        field: '分页参数无效，请从第一页重新加载',
      })
    }
    // Signed with the key and carrying the right fingerprint, a made-up position is taken.
    expect(decodeCursor(world, signed(edited), fp)).toEqual({ f: fp, k: 0, i: 'r7' })
  })
})

describe('paging', () => {
  it('walks every row once, newest first and ties by id, ending exactly at the last row', () => {
    const ids: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const p = page(cursor)
      expect(p.total).toBe(7)
      ids.push(...p.items.map((r) => r.id))
      cursor = p.nextCursor ?? undefined
      pages += 1
    } while (cursor && pages < 10)
    expect(ids).toEqual(['r2', 'r1', 'r4', 'r3', 'r6', 'r5', 'r7'])
    expect(pages).toBe(3)
    // A page that ends on the last row has no next cursor; one that ends before it has.
    expect(page(undefined, 7).nextCursor).toBeNull()
    expect(page(undefined, 6).nextCursor).not.toBeNull()
    expect(page(undefined, 50).items).toHaveLength(7)
  })

  it('goes on from the position, not the index, when rows arrive before it', () => {
    const first = page(undefined, 2)
    const more = [{ id: 'r0', at: 200 }, ...rows]
    expect(first.items.map((r) => r.id)).toEqual(['r2', 'r1'])
    const next = paginate(world, more, {
      list: 'rows',
      filters: {},
      page: { cursor: first.nextCursor!, limit: 2 },
      keyOf: (r) => r.at,
      idOf: (r) => r.id,
      compare: keyThenId('desc'),
    })
    expect(next.items.map((r) => r.id)).toEqual(['r4', 'r3'])
    expect(next.total).toBe(8)
  })

  it('keeps a cursor to its filters, empty filters counting as none', () => {
    const first = page(undefined, 2, { q: '' })
    expect(page(first.nextCursor!, 2, {}).items.map((r) => r.id)).toEqual(['r4', 'r3'])
    expect(refusal(() => page(first.nextCursor!, 2, { q: 'x' })).status).toBe(400)
  })

  it('orders numbers as numbers and text as text, ascending or descending', () => {
    const asc = keyThenId('asc')
    expect(asc({ k: 9, i: 'a' }, { k: 10, i: 'a' })).toBeLessThan(0)
    expect(asc({ k: '9', i: 'a' }, { k: '10', i: 'a' })).toBeGreaterThan(0)
    expect(asc({ k: 'b', i: 'a' }, { k: 'a', i: 'z' })).toBeGreaterThan(0)
    expect(asc({ k: 'a', i: 'b' }, { k: 'a', i: 'a' })).toBeGreaterThan(0)
    expect(asc({ k: 'a', i: 'a' }, { k: 'a', i: 'a' })).toBe(0)
    expect(keyThenId('desc')({ k: 9, i: 'a' }, { k: 10, i: 'a' })).toBeGreaterThan(0)
    expect(keyThenId('desc')({ k: 5, i: 'a' }, { k: 5, i: 'b' })).toBeGreaterThan(0)
  })

  it('tells filters apart where a name ends and its value begins, and by the list they belong to', () => {
    expect(fingerprint('rows', { a: '1b' })).not.toBe(fingerprint('rows', { a1: 'b' }))
    expect(fingerprint('rows', { a: 'x', b: 'y' })).toBe(fingerprint('rows', { b: 'y', a: 'x' }))
    expect(fingerprint('rows', { a: 'x' })).not.toBe(fingerprint('other', { a: 'x' }))
    expect(fingerprint('rows', { a: 'x', b: undefined, c: '' })).toBe(fingerprint('rows', { a: 'x' }))
  })
})
