import * as v from 'valibot'
import { createBackend, type Backend } from '@/mock/backend'
import { MockClock, SEED_EPOCH_MS } from '@/mock/core/clock'
import { dictGet, dictSet, dictSize } from '@/mock/core/dict'
import { HttpError, utf8Length, type MockResponse } from '@/mock/core/http'
import { asAnyModule, type ServiceModule } from '@/mock/core/module'
import { canonicalJson, route } from '@/mock/core/router'

/**
 * A service of the test's own, so that what a create does is in the test's hands: it counts its
 * runs and, when told to, refuses with a 409 or breaks with a TypeError. The contract's
 * idempotency rules (docs/API.md, Transport) are then read straight off its answers.
 */
interface ProbeState {
  runs: number
  next: 'ok' | 'refuse' | 'break' | 'throw-text'
}

const HOUR = 3600 * 1000
const DAY = 24 * HOUR
const KEY = '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b'
const OTHER_KEY = '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4c'

function probeModule(): ServiceModule<ProbeState, null> {
  const create = (path: string) =>
    route({
      method: 'POST',
      path,
      auth: 'none',
      idempotent: true,
      body: v.object({ n: v.optional(v.unknown()) }),
      handle(ctx): MockResponse {
        const state = ctx.db.services.probe as ProbeState
        state.runs += 1
        if (state.next === 'refuse') throw new HttpError(409, 'PROBE_REFUSED', '这次不行')
        if (state.next === 'break') throw new TypeError('probe broke')
        // Some library code throws what is not an Error; the log cannot name it, the answer is the same.
        if (state.next === 'throw-text') throw 'probe text'
        return { status: 201, body: { run: state.runs } }
      },
    })
  return {
    name: 'probe',
    createBase: () => null,
    createState: () => ({ runs: 0, next: 'ok' }),
    routes: [
      create('/api/v1/probe/things'),
      create('/api/v1/probe/others'),
      // Not a create: the header means nothing to it.
      { ...create('/api/v1/probe/plain'), idempotent: false },
    ],
  }
}

function probeBackend(): Backend {
  return createBackend({
    modules: [asAnyModule(probeModule())],
    clock: new MockClock(SEED_EPOCH_MS, { frozen: true }),
    secret: 'idempotency-store',
  })
}

const state = (b: Backend) => b.db.services.probe as ProbeState

async function post(
  b: Backend,
  key: string | undefined,
  body: unknown = { n: 1 },
  path = '/api/v1/probe/things',
): Promise<MockResponse & { body: { run?: number; error?: { code: string } } }> {
  return (await b.handle({
    method: 'POST',
    path,
    query: {},
    headers: key === undefined ? {} : { 'idempotency-key': key },
    rawBody: JSON.stringify(body),
  })) as MockResponse & { body: { run?: number; error?: { code: string } } }
}

describe('a kept answer, on the server clock', () => {
  it('answers again just before 24 h and is forgotten at 24 h, whether or not a sweep ran', async () => {
    const b = probeBackend()
    expect((await post(b, KEY)).body.run).toBe(1)
    // A sweep 30 s before the answer's 24 h keeps it; the retry at 24 h comes too soon for another.
    b.clock.advance(DAY - 30 * 1000)
    expect((await post(b, OTHER_KEY)).body.run).toBe(2)
    b.clock.advance(29 * 1000)
    expect((await post(b, KEY)).body.run).toBe(1)
    b.clock.advance(1000)
    expect((await post(b, KEY)).body.run).toBe(3)
  })

  it('keeps a refusal (a 4xx) as it keeps a success: the retry gets the refusal, not a second run', async () => {
    const b = probeBackend()
    state(b).next = 'refuse'
    expect((await post(b, KEY)).body.error?.code).toBe('PROBE_REFUSED')
    state(b).next = 'ok'
    const again = await post(b, KEY)
    expect(again.status).toBe(409)
    expect(again.body.error?.code).toBe('PROBE_REFUSED')
    expect(state(b).runs).toBe(1)
  })

  it('keeps nothing of a crash: the answer is a 500 INTERNAL and the retry runs again', async () => {
    const b = probeBackend()
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    state(b).next = 'break'
    const broken = await post(b, KEY, { n: '13800138000' })
    expect(broken.status).toBe(500)
    expect(broken.body.error).toEqual({ code: 'INTERNAL', message: '服务暂时出错，请稍后重试' })
    // The log says what failed and where, and nothing of what was sent.
    expect(errors).toHaveBeenCalledTimes(1)
    const line = String(errors.mock.calls[0][0])
    expect(line).toMatch(/^\[mock\] POST \/api\/v1\/probe\/things failed: TypeError at .*idempotency-store\.test\.ts/)
    expect(line).not.toContain('13800138000')
    state(b).next = 'ok'
    expect((await post(b, KEY, { n: '13800138000' })).body.run).toBe(2)
    errors.mockRestore()
  })

  it('logs a thrown value that is not an Error as unknown, and answers the same 500', async () => {
    const b = probeBackend()
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    state(b).next = 'throw-text'
    expect((await post(b, KEY)).body.error).toEqual({ code: 'INTERNAL', message: '服务暂时出错，请稍后重试' })
    expect(errors).toHaveBeenCalledWith('[mock] POST /api/v1/probe/things failed: unknown')
    errors.mockRestore()
  })

  it('is no part of a route that creates nothing: its key is not read, kept or checked', async () => {
    const b = probeBackend()
    expect((await post(b, 'not-a-uuid', { n: 1 }, '/api/v1/probe/plain')).body.run).toBe(1)
    expect((await post(b, KEY, { n: 1 }, '/api/v1/probe/plain')).body.run).toBe(2)
    expect((await post(b, KEY, { n: 1 }, '/api/v1/probe/plain')).body.run).toBe(3)
    expect(dictSize(b.db.core.idempotency)).toBe(0)
  })

  it('is kept per path: the same key on another create is another answer', async () => {
    const b = probeBackend()
    expect((await post(b, KEY)).body.run).toBe(1)
    expect((await post(b, KEY, { n: 1 }, '/api/v1/probe/others')).body.run).toBe(2)
    expect((await post(b, KEY)).body.run).toBe(1)
  })
})

describe('a key sent with a body that is not JSON', () => {
  it('keeps the 400 under the text as sent: the same text again is the same 400, other text a conflict', async () => {
    const b = probeBackend()
    const bad = async (rawBody: string) =>
      (await b.handle({
        method: 'POST',
        path: '/api/v1/probe/things',
        query: {},
        headers: { 'idempotency-key': KEY },
        rawBody,
      })) as MockResponse & {
        body: { error: { code: string } }
      }
    expect((await bad('{"n":')).body.error.code).toBe('VALIDATION_FAILED')
    expect((await bad('{"n":')).body.error.code).toBe('VALIDATION_FAILED')
    expect((await bad('{"x":')).body.error.code).toBe('IDEMPOTENCY_CONFLICT')
    expect(state(b).runs).toBe(0)
  })
})

describe('the sweep of kept answers', () => {
  it('removes answers 24 h old from the store, and none younger', async () => {
    const b = probeBackend()
    await post(b, KEY)
    b.clock.advance(12 * HOUR)
    await post(b, OTHER_KEY)
    expect(dictSize(b.db.core.idempotency)).toBe(2)
    b.clock.advance(12 * HOUR)
    // Exactly 24 h after the first: the sweep before this create takes it, and keeps the second.
    await post(b, undefined)
    await post(b, '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4d')
    expect(dictSize(b.db.core.idempotency)).toBe(2)
    expect((await post(b, OTHER_KEY)).body.run).toBe(2)
  })

  it('runs at most once a minute of server time, and again after the clock is set back', async () => {
    const b = probeBackend()
    await post(b, KEY)
    b.clock.advance(DAY - 10 * 1000)
    await post(b, OTHER_KEY) // swept here: the first answer is 10 s short of 24 h
    b.clock.advance(59 * 1000)
    await post(b, '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4d')
    // 59 s after the last sweep: none, so the stale first answer is still stored (lookups ignore it).
    expect(dictSize(b.db.core.idempotency)).toBe(3)
    b.clock.advance(1000)
    await post(b, '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4e')
    expect(dictSize(b.db.core.idempotency)).toBe(3)

    // A clock set back by an hour is as far from the last sweep as an hour ahead.
    b.clock.advance(-HOUR)
    dictSet(b.db.core.idempotency, 'stale', { body: '{}', status: 201, response: {}, at: b.clock.now() - DAY })
    await post(b, '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4f')
    expect(dictGet(b.db.core.idempotency, 'stale')).toBeUndefined()
  })
})

describe('canonicalJson: bodies compare as JSON values', () => {
  it('sorts keys at every depth, keeps the order of arrays, and tells arrays, objects and strings apart', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}')
    expect(canonicalJson([{ y: 1, x: 2 }, 'x'])).toBe('[{"x":2,"y":1},"x"]')
    expect(canonicalJson('ab')).toBe('"ab"')
    expect(canonicalJson(undefined)).toBe('null')
    expect(canonicalJson({ 0: 'a' })).not.toBe(canonicalJson(['a']))
  })

  it('makes the same key with reordered keys the same body, and reordered array items another', async () => {
    const b = probeBackend()
    await post(b, KEY, { n: { x: 1, y: [1, 2] } })
    expect((await post(b, KEY, { n: { y: [1, 2], x: 1 } })).body.run).toBe(1)
    expect((await post(b, KEY, { n: { x: 1, y: [2, 1] } })).body.error?.code).toBe('IDEMPOTENCY_CONFLICT')
    expect((await post(b, KEY, { n: 'x' })).body.error?.code).toBe('IDEMPOTENCY_CONFLICT')
  })
})

describe('the body of a request', () => {
  const send = async (rawBody: string | undefined) =>
    (await probeBackend().handle({ method: 'POST', path: '/api/v1/probe/things', query: {}, headers: {}, rawBody })) as MockResponse & {
      body: { run?: number; error?: { fields?: Record<string, string> } }
    }

  it('is an empty object when nothing or only white space was sent', async () => {
    expect((await send(undefined)).status).toBe(201)
    expect((await send('')).status).toBe(201)
    expect((await send(' \n\t ')).status).toBe(201)
  })

  it('may take 64 KiB exactly, counted in UTF-8 bytes; one byte more is a 400 on fields.body', async () => {
    const frame = '{"n":""}'.length
    const exact = `{"n":"${'汉'.repeat(20000)}${'a'.repeat(65536 - frame - 60000)}"}`
    expect(utf8Length(exact)).toBe(65536)
    expect((await send(exact)).status).toBe(201)
    const over = await send(`{"n":"${'汉'.repeat(20000)}${'a'.repeat(65537 - frame - 60000)}"}`)
    expect(over.status).toBe(400)
    expect(over.body.error?.fields).toEqual({ body: '提交的内容超过 64 KiB' })
  })

  it('says which of its faults it has: not JSON, or JSON that is not an object', async () => {
    expect((await send('{"n":')).body.error?.fields).toEqual({ body: '提交的内容不是有效的 JSON' })
    expect((await send('[1]')).body.error?.fields).toEqual({ body: '提交的内容应为 JSON 对象' })
    expect((await send('null')).body.error?.fields).toEqual({ body: '提交的内容应为 JSON 对象' })
    expect((await send('"text"')).body.error?.fields).toEqual({ body: '提交的内容应为 JSON 对象' })
  })
})

describe('route()', () => {
  it('refuses a control outside /api/v1/__mock, naming the path', () => {
    expect(() =>
      route({ method: 'POST', path: '/api/v1/probe/reset', auth: 'ignore', control: true, handle: () => ({ status: 200 }) }),
    ).toThrow('control /api/v1/probe/reset not under /api/v1/__mock')
  })
})
