/**
 * The API client's edges, one rule each: what goes out (headers, query, body, token by auth mode),
 * when it sends again and how long it waits, and what each kind of answer becomes.
 */
import Taro from '@tarojs/taro'
import { ApiClient, ApiError, TransportFailure, newIdempotencyKey, taroTransport, type TransportRequest } from '@/core/api'
import { failureNote, isTransient, messageOf } from '@/core/api/errors'
import { client, scripted, type Answer } from './scripted'

const ok = { status: 200, data: { ok: true } }
const caught = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => e,
  )

afterEach(() => jest.restoreAllMocks())

describe('what a call sends', () => {
  it('a read: JSON accepted, no body, no content type, no key, the default 10-second timeout', async () => {
    const { transport, seen } = scripted([ok])
    await client(transport).call({ path: '/x', auth: 'none' })
    expect(seen[0]).toStrictEqual({
      method: 'GET',
      url: 'http://api/v1/x',
      headers: { Accept: 'application/json' },
      body: undefined,
      timeoutMs: 10_000,
    })
  })

  it('a write: its body as JSON text with its type, its key, and a timeout of its own when given', async () => {
    const { transport, seen } = scripted([ok])
    await client(transport).call({ method: 'PUT', path: '/x', body: { a: '口罩' }, idempotencyKey: 'k-1', timeoutMs: 3000, auth: 'none' })
    expect(seen[0]).toEqual({
      method: 'PUT',
      url: 'http://api/v1/x',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'Idempotency-Key': 'k-1' },
      body: '{"a":"口罩"}',
      timeoutMs: 3000,
    })
  })

  it('a query drops empty, null and missing values and keeps 0 and false', async () => {
    const { transport, seen } = scripted([ok, ok])
    const c = client(transport)
    await c.call({ path: '/x', query: { a: null, b: 0, c: false, d: '', e: undefined }, auth: 'none' })
    await c.call({ path: '/y', query: { a: null }, auth: 'none' })
    expect(seen.map((r) => r.url)).toEqual(['http://api/v1/x?b=0&c=false', 'http://api/v1/y'])
  })

  it('says where it sends', () => {
    expect(client(scripted([]).transport).baseUrl).toBe('http://api/v1')
  })
})

describe('which token a call carries', () => {
  function withAuth(answers: Answer[], token: string | null) {
    const net = scripted(answers)
    const hooks = {
      getToken: jest.fn(async () => token),
      peekToken: jest.fn(() => token),
      renew: jest.fn(async (): Promise<string | null> => null),
    }
    const c = client(net.transport)
    c.setAuth(hooks)
    return { ...net, hooks, c }
  }

  it('required, with nobody signed in: 401 请先登录 and nothing sent', async () => {
    const { c, seen } = withAuth([ok], null)
    expect(await caught(c.call({ path: '/me' }))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: '请先登录' })
    expect(seen).toHaveLength(0)
  })

  it('optional: the token held now, without logging in for it; none: no token at all', async () => {
    const { c, seen, hooks } = withAuth([ok, ok], 't-1')
    await c.call({ path: '/jobs', auth: 'optional' })
    await c.call({ path: '/jobs', auth: 'none' })
    expect(seen.map((r) => r.headers.Authorization)).toEqual(['Bearer t-1', undefined])
    expect(hooks.getToken).not.toHaveBeenCalled()
    expect(hooks.peekToken).toHaveBeenCalledTimes(1)
  })

  it('a 401 that cannot be renewed is the answer: sent once, no retry', async () => {
    const { c, seen } = withAuth([{ status: 401, data: { error: { code: 'UNAUTHENTICATED', message: '登录已失效' } } }, ok], 't-1')
    expect(await caught(c.call({ path: '/me' }))).toMatchObject({ status: 401, message: '登录已失效' })
    expect(seen).toHaveLength(1)
  })
})

describe('when a call sends again', () => {
  it('waits the backoff doubled each time, plus up to half of it at random', async () => {
    const sleeps: number[] = []
    jest.spyOn(Math, 'random').mockReturnValue(0.99)
    const { transport } = scripted(['drop', 'drop', ok])
    await client(transport, { backoffMs: 100, sleep: async (ms) => void sleeps.push(ms) }).call({ path: '/x', auth: 'none' })
    expect(sleeps).toEqual([149.5, 249.5])
  })

  it('sleeps for real by default', async () => {
    jest.useFakeTimers()
    try {
      const { transport, seen } = scripted(['drop', ok])
      const c = new ApiClient({ baseUrl: 'http://api/v1', transport, backoffMs: 100 })
      let done = false
      const call = c.call({ path: '/x', auth: 'none' }).then(() => (done = true))
      await jest.advanceTimersByTimeAsync(99)
      expect([seen.length, done]).toEqual([1, false])
      await jest.advanceTimersByTimeAsync(60)
      await call
      expect(seen).toHaveLength(2)
    } finally {
      jest.useRealTimers()
    }
  })

  it('a 500 to the end: three tries, then the server’s own code and message', async () => {
    const fail = { status: 500, data: { error: { code: 'INTERNAL', message: '服务暂时出错，请稍后重试' } } }
    const { transport, seen } = scripted([fail, fail, fail, ok])
    expect(await caught(client(transport).call({ path: '/x', auth: 'none' }))).toMatchObject({
      status: 500,
      code: 'INTERNAL',
      message: '服务暂时出错，请稍后重试',
    })
    expect(seen).toHaveLength(3)
  })

  it('a 501 or a 4xx is final at once', async () => {
    for (const status of [501, 409]) {
      const { transport, seen } = scripted([{ status, data: { error: { code: 'X', message: '不行' } } }, ok])
      expect(await caught(client(transport).call({ path: '/x', auth: 'none' }))).toMatchObject({ status, code: 'X' })
      expect(seen).toHaveLength(1)
    }
  })

  it('the last attempt decides: a 5xx after dropped requests is the answer, a drop after 5xx answers is a network error', async () => {
    const fail = { status: 502, data: { error: { code: 'INTERNAL', message: '网关出错' } } }
    const answered = scripted(['drop', 'timeout', fail])
    expect(await caught(client(answered.transport).call({ path: '/x', auth: 'none' }))).toMatchObject({ status: 502, message: '网关出错' })
    const dropped = scripted([fail, fail, 'drop'])
    expect(await caught(client(dropped.transport).call({ path: '/x', auth: 'none' }))).toMatchObject({ status: 0, code: 'NETWORK_ERROR' })
  })

  it('a thrown value that looks like an answer is still no answer', async () => {
    const c = client(async () => {
      throw Object.assign(new Error('odd transport'), { status: 200, data: { ok: true } })
    })
    expect(await caught(c.call({ path: '/x', auth: 'none' }))).toMatchObject({ status: 0, code: 'NETWORK_ERROR' })
  })

  it('a dropped request to the end is NETWORK_ERROR; a timeout, TIMEOUT', async () => {
    for (const [fault, code] of [
      ['drop', 'NETWORK_ERROR'],
      ['timeout', 'TIMEOUT'],
    ] as const) {
      const { transport } = scripted([fault, fault, fault])
      expect(await caught(client(transport).call({ path: '/x', auth: 'none' }))).toMatchObject({ status: 0, code })
    }
  })

  it('a transport that breaks in another way is a network error too', async () => {
    const c = client(async () => {
      throw new TypeError('Failed to fetch')
    })
    expect(await caught(c.call({ path: '/x', auth: 'none' }))).toMatchObject({ status: 0, code: 'NETWORK_ERROR' })
  })
})

describe('what an answer becomes', () => {
  it('2xx is a result; 199 and 300 are not', async () => {
    const { transport } = scripted([
      { status: 204, data: '' },
      { status: 299, data: { n: 1 } },
      { status: 300, data: { n: 1 } },
      { status: 199, data: { n: 1 } },
    ])
    const c = client(transport)
    expect(await c.call({ path: '/x', auth: 'none' })).toBe('')
    expect(await c.call({ path: '/x', auth: 'none' })).toEqual({ n: 1 })
    expect(await caught(c.call({ path: '/x', auth: 'none' }))).toMatchObject({ status: 300, code: 'BAD_RESPONSE' })
    expect(await caught(c.call({ path: '/x', auth: 'none' }))).toMatchObject({ status: 199, code: 'BAD_RESPONSE' })
  })

  it('an error without the contract’s shape: 5xx says the service is down, 4xx that the answer is wrong', async () => {
    const { transport } = scripted([
      { status: 500, data: '<html>Internal Server Error</html>' },
      { status: 500, data: '<html>Internal Server Error</html>' },
      { status: 500, data: '<html>Internal Server Error</html>' },
      { status: 404, data: { message: 'not found' } },
    ])
    const c = client(transport)
    expect(await caught(c.call({ path: '/x', auth: 'none' }))).toMatchObject({
      status: 500,
      code: 'INTERNAL',
      message: '服务暂时不可用，请稍后重试',
    })
    expect(await caught(c.call({ path: '/x', auth: 'none' }))).toMatchObject({
      status: 404,
      code: 'BAD_RESPONSE',
      message: '服务返回的数据有误，请稍后重试',
    })
  })

  it('ApiError names itself, and is a network failure only with status 0', () => {
    const e = new ApiError(0, 'NETWORK_ERROR', 'x')
    expect([e.name, e.isNetwork, new ApiError(500, 'INTERNAL', 'x').isNetwork]).toEqual(['ApiError', true, false])
    expect(e).toBeInstanceOf(Error)
  })
})

describe('transient failures and what the person reads', () => {
  const tail = '再点一次不会重复'
  it.each([
    ['no answer', true, new ApiError(0, 'NETWORK_ERROR', '网络不畅'), '网络不畅。再点一次不会重复'],
    ['a 500', true, new ApiError(500, 'INTERNAL', '服务出错'), '服务出错。再点一次不会重复'],
    ['a 503', true, new ApiError(503, 'INTERNAL', '服务出错'), '服务出错。再点一次不会重复'],
    ['a 499', false, new ApiError(499, 'X', '不行'), '不行'],
    ['a 409', false, new ApiError(409, 'CONFLICT', '本轮已预约'), '本轮已预约'],
    ['something that is no ApiError', true, new TypeError('x'), '出了点问题，请稍后重试。再点一次不会重复'],
  ])('%s is transient: %s', (_what, transient, e, note) => {
    expect(isTransient(e)).toBe(transient)
    expect(failureNote(e, tail)).toBe(note)
  })

  it('an ApiError says its own message; anything else a plain Chinese one', () => {
    expect(messageOf(new ApiError(409, 'CONFLICT', '本轮已预约'))).toBe('本轮已预约')
    expect(messageOf(new TypeError('undefined is not a function'))).toBe('出了点问题，请稍后重试')
  })
})

describe('idempotency keys', () => {
  it('are version-4 UUIDs, different each time', () => {
    const keys = Array.from({ length: 200 }, () => newIdempotencyKey())
    for (const k of keys) expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(keys).size).toBe(200)
  })

  it('take every hex digit from the random source, the variant from its top quarter', () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.99)
    expect(newIdempotencyKey()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff')
    jest.spyOn(Math, 'random').mockReturnValue(0)
    expect(newIdempotencyKey()).toBe('00000000-0000-4000-8000-000000000000')
  })
})

describe('the Taro transport', () => {
  function answering(res: { statusCode: number; data: unknown } | { fail: unknown }) {
    return jest.spyOn(Taro, 'request').mockImplementation((async () => {
      if ('fail' in res) throw res.fail
      return { ...res, header: {}, cookies: [], errMsg: 'request:ok' }
    }) as unknown as typeof Taro.request)
  }
  const req: TransportRequest = {
    method: 'POST',
    url: 'http://api/v1/x',
    headers: { Accept: 'application/json' },
    body: '{"a":1}',
    timeoutMs: 4000,
  }

  it('sends the request as text and parses a JSON answer', async () => {
    const request = answering({ statusCode: 201, data: '{"id":"r1"}' })
    expect(await taroTransport(req)).toEqual({ status: 201, data: { id: 'r1' } })
    expect(request).toHaveBeenCalledWith({
      url: 'http://api/v1/x',
      method: 'POST',
      header: { Accept: 'application/json' },
      data: '{"a":1}',
      timeout: 4000,
      dataType: 'text',
      responseType: 'text',
    })
  })

  it.each([
    ['text that is not JSON', '<html>502</html>', '<html>502</html>'],
    ['an empty body', '', ''],
    ['no body', undefined, ''],
    ['a body already parsed', { a: 1 }, { a: 1 }],
  ])('keeps %s as it is', async (_what, data, expected) => {
    answering({ statusCode: 502, data })
    expect(await taroTransport(req)).toEqual({ status: 502, data: expected })
  })

  it.each([
    ['WeChat’s timeout', { errMsg: 'request:fail timeout' }, 'request:fail timeout', true],
    ['H5’s aborted fetch', new Error('The user aborted a request.'), 'The user aborted a request.', true],
    ['no connection', { errMsg: 'request:fail' }, 'request:fail', false],
    ['a bare string', 'offline', 'offline', false],
    ['nothing at all', undefined, 'undefined', false],
  ])('turns %s into a transport failure', async (_what, fail, message, timedOut) => {
    answering({ fail })
    const e = await caught(taroTransport(req))
    expect(e).toBeInstanceOf(TransportFailure)
    expect(e).toMatchObject({ message, timedOut, name: 'TransportFailure' })
  })
})
