import * as v from 'valibot'
import { type ApiClient, ApiError } from '@/core/api'
import { client, scripted } from './scripted'

describe('ApiClient', () => {
  it('sends JSON with the query string and validates what comes back', async () => {
    const { transport, seen } = scripted([{ status: 200, data: { n: 1 } }])
    const out = await client(transport).call({
      path: '/x',
      query: { q: '口罩 N95', empty: '', none: undefined },
      auth: 'none',
      schema: v.object({ n: v.number() }),
    })
    expect(out).toEqual({ n: 1 })
    expect(seen[0].url).toBe('http://api/v1/x?q=%E5%8F%A3%E7%BD%A9%20N95')
  })

  it('turns an answer that breaks the contract into BAD_RESPONSE', async () => {
    const { transport } = scripted([{ status: 200, data: { n: 'one' } }])
    await expect(client(transport).call({ path: '/x', auth: 'none', schema: v.object({ n: v.number() }) })).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
    })
  })

  it('throws one error type with the server code, message and field errors', async () => {
    const { transport } = scripted([
      { status: 400, data: { error: { code: 'VALIDATION_FAILED', message: '有误', fields: { phone: '手机号不正确' } } } },
    ])
    const err = await client(transport)
      .call({ method: 'POST', path: '/x', body: {}, auth: 'none' })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: '有误', fields: { phone: '手机号不正确' } })
  })

  it('keeps a call on the transport it started on when the transport is swapped during its retries', async () => {
    const first = scripted(['drop', { status: 200, data: { from: 'first' } }])
    const second = scripted([{ status: 200, data: { from: 'second' } }])
    let api: ApiClient | null = null
    api = client(first.transport, { sleep: async () => api!.setTransport(second.transport) })
    expect(await api.call({ path: '/x', auth: 'none' })).toEqual({ from: 'first' })
    expect(first.seen).toHaveLength(2)
    expect(second.seen).toHaveLength(0)
    expect(await api.call({ path: '/x', auth: 'none' })).toEqual({ from: 'second' })
  })

  it('retries reads after a dropped connection or a 5xx, with backoff', async () => {
    const sleeps: number[] = []
    const { transport, seen } = scripted(['drop', { status: 503, data: '' }, { status: 200, data: { ok: true } }])
    const out = await client(transport, { sleep: async (ms) => void sleeps.push(ms), backoffMs: 100 }).call({ path: '/x', auth: 'none' })
    expect(out).toEqual({ ok: true })
    expect(seen).toHaveLength(3)
    expect(sleeps[0]).toBeGreaterThanOrEqual(100)
    expect(sleeps[1]).toBeGreaterThanOrEqual(200)
  })

  it('never resends a write without an Idempotency-Key', async () => {
    const { transport, seen } = scripted(['drop', { status: 201, data: {} }])
    await expect(client(transport).call({ method: 'POST', path: '/x', body: { a: 1 }, auth: 'none' })).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      status: 0,
    })
    expect(seen).toHaveLength(1)
  })

  it('resends a create that carries a key, with the same key each time', async () => {
    const { transport, seen } = scripted([
      'timeout',
      { status: 500, data: { error: { code: 'INTERNAL', message: 'x' } } },
      { status: 201, data: { id: 'r1' } },
    ])
    const out = await client(transport).call({ method: 'POST', path: '/x', body: { a: 1 }, idempotencyKey: 'k-1', auth: 'none' })
    expect(out).toEqual({ id: 'r1' })
    expect(seen.map((r) => r.headers['Idempotency-Key'])).toEqual(['k-1', 'k-1', 'k-1'])
    expect(new Set(seen.map((r) => r.body)).size).toBe(1)
  })

  it('resends a write that is safe to repeat by its nature, without a key', async () => {
    const { transport, seen } = scripted(['drop', { status: 200, data: { state: 'cancelled' } }])
    const out = await client(transport).call({ method: 'POST', path: '/x/cancel', repeatable: true, auth: 'none' })
    expect(out).toEqual({ state: 'cancelled' })
    expect(seen).toHaveLength(2)
    expect(seen[0].headers['Idempotency-Key']).toBeUndefined()
  })

  it('gives up after its retries with a Chinese message that the form is kept', async () => {
    const { transport } = scripted(['timeout', 'timeout', 'timeout'])
    const err: unknown = await client(transport)
      .call({ path: '/x', auth: 'none' })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'TIMEOUT', message: expect.stringMatching(/不会丢失/) })
  })

  it('on a 401 renews the token once and retries with the new one', async () => {
    const { transport, seen } = scripted([
      { status: 401, data: { error: { code: 'UNAUTHENTICATED', message: '登录已失效' } } },
      { status: 200, data: { me: 1 } },
    ])
    const renew = jest.fn(async () => 'new-token')
    const c = client(transport)
    c.setAuth({ getToken: async () => 'old-token', peekToken: () => 'old-token', renew })
    expect(await c.call({ path: '/me' })).toEqual({ me: 1 })
    expect(renew).toHaveBeenCalledWith('old-token')
    expect(seen.map((r) => r.headers.Authorization)).toEqual(['Bearer old-token', 'Bearer new-token'])
  })

  it('does not loop when the renewed token is refused too', async () => {
    const unauth = { status: 401, data: { error: { code: 'UNAUTHENTICATED', message: '登录已失效' } } }
    const { transport, seen } = scripted([unauth, unauth, unauth])
    const c = client(transport)
    c.setAuth({ getToken: async () => 't', peekToken: () => 't', renew: async () => 't2' })
    await expect(c.call({ path: '/me' })).rejects.toMatchObject({ status: 401 })
    expect(seen).toHaveLength(2)
  })
})
