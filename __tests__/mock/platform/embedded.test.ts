import type { Transport, TransportRequest } from '@/core/api/transport'
import { createBackend } from '@/mock/backend'
import { backendTransport, splitUrl } from '@/mock/embedded/backendTransport'
import { createEmbeddedTransport } from '@/mock/embedded/transport'

/** Taro as the embedded build sees it: a storage, and WeChat's asynchronous random bytes (jest hoists the mock above the imports). */
const mockStorage = new Map<string, unknown>()
const mockWrites: string[] = []
const mockTaroRandom = jest.fn(async ({ length }: { length: number }) => {
  const bytes = new Uint8Array(length)
  realCrypto().getRandomValues(bytes)
  return { errMsg: 'getRandomValues:ok', randomValues: bytes.buffer }
})
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    getStorageSync: (key: string) => mockStorage.get(key) ?? '',
    setStorage: ({ key, data }: { key: string; data: unknown }) => {
      mockWrites.push(key)
      mockStorage.set(key, data)
      return Promise.resolve()
    },
    getRandomValues: (option: { length: number }) => mockTaroRandom(option),
  },
}))

const globalCrypto = globalThis.crypto
/** WeChat's bytes come from somewhere: Node's own crypto, kept before a test hides it. */
function realCrypto(): Crypto {
  return globalCrypto
}
const STATE = 'mock:embedded-state'
const BASE = 'embedded://app/api/v1'

function send(transport: Transport, method: TransportRequest['method'], path: string, init: { body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = {}
  if (init.token) headers.Authorization = `Bearer ${init.token}`
  return transport({
    method,
    url: `${BASE}${path}`,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    timeoutMs: 1000,
  })
}

/** Node's crypto hidden for one test, as on a WeChat that has none. */
async function withoutCrypto(run: () => Promise<void>) {
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true, writable: true })
  try {
    await run()
  } finally {
    Object.defineProperty(globalThis, 'crypto', { value: globalCrypto, configurable: true, writable: true })
  }
}

/** The state is written a moment after a change: let a second pass on the test's clock. */
async function persisted(): Promise<string> {
  await jest.advanceTimersByTimeAsync(1000)
  if (!mockStorage.has(STATE))
    throw new Error(`a second after a change, the embedded backend had not written its state to storage (${STATE})`)
  return String(mockStorage.get(STATE))
}

// Every test on its own fake clock: a save one test scheduled can never land in the next test's storage.
beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] }))
afterEach(() => jest.useRealTimers())
beforeEach(() => {
  mockStorage.clear()
  mockWrites.length = 0
  mockTaroRandom.mockClear()
})

describe('the embedded backend across a relaunch', () => {
  it('keeps accounts under prototype names, sessions and the cursor secret', async () => {
    const first = createEmbeddedTransport()
    const login = await send(first, 'POST', '/auth/login', { body: { code: '__proto__' } })
    expect(login.status).toBe(200)
    const { token, user } = login.data as { token: string; user: { id: string } }
    const page = (await send(first, 'GET', '/masks/outlets?limit=1')).data as { nextCursor: string }

    const saved = await persisted()
    expect(saved).toContain('"__proto__"')

    mockStorage.set(STATE, saved)
    const relaunched = createEmbeddedTransport()
    const me = await send(relaunched, 'GET', '/me', { token })
    expect([me.status, (me.data as { id: string }).id]).toEqual([200, user.id])
    const again = await send(relaunched, 'POST', '/auth/login', { body: { code: '__proto__' } })
    expect((again.data as { user: { id: string } }).user.id).toBe(user.id)
    const next = await send(relaunched, 'GET', `/masks/outlets?limit=1&cursor=${encodeURIComponent(page.nextCursor)}`)
    expect(next.status).toBe(200)
    expect(({} as Record<string, unknown>).accountId).toBeUndefined()
  })

  it('has no /__mock controls, at the root or under /api/v1', async () => {
    const transport = createEmbeddedTransport()
    for (const url of ['embedded://app/__mock/reset', `${BASE}/__mock/reset`]) {
      const res = await transport({ method: 'POST', url, headers: {}, body: '{}', timeoutMs: 1000 })
      expect([url, res.status]).toEqual([url, 404])
    }
  })

  it('takes its randomness from WeChat when the runtime has no crypto.getRandomValues', async () => {
    await withoutCrypto(async () => {
      const transport = createEmbeddedTransport()
      const a = await send(transport, 'POST', '/auth/login', { body: { code: 'a' } })
      const b = await send(transport, 'POST', '/auth/login', { body: { code: 'b' } })
      expect(a.status).toBe(200)
      expect((a.data as { token: string }).token).not.toBe((b.data as { token: string }).token)
      expect(mockTaroRandom).toHaveBeenCalled()
    })
  })
})

describe('where the embedded backend takes its randomness', () => {
  it('from the runtime when it has crypto.getRandomValues, without asking WeChat', async () => {
    const transport = createEmbeddedTransport()
    expect((await send(transport, 'POST', '/auth/login', { body: { code: 'a' } })).status).toBe(200)
    expect(mockTaroRandom).not.toHaveBeenCalled()
  })

  it('asks WeChat for 32 bytes', async () => {
    await withoutCrypto(async () => {
      await send(createEmbeddedTransport(), 'POST', '/auth/login', { body: { code: 'a' } })
      expect(mockTaroRandom).toHaveBeenCalledWith({ length: 32 })
    })
  })

  it('still starts, with tokens that differ, on a WeChat that cannot give random bytes', async () => {
    mockTaroRandom
      .mockRejectedValueOnce(new Error('getRandomValues:fail not supported'))
      .mockRejectedValueOnce(new Error('getRandomValues:fail not supported'))
    await withoutCrypto(async () => {
      const one = createEmbeddedTransport()
      const other = createEmbeddedTransport()
      const a = await send(one, 'POST', '/auth/login', { body: { code: 'a' } })
      const b = await send(other, 'POST', '/auth/login', { body: { code: 'a' } })
      expect([a.status, b.status]).toEqual([200, 200])
      expect((a.data as { token: string }).token).not.toBe((b.data as { token: string }).token)
    })
  })
})

describe('when the embedded backend writes its state', () => {
  it('never after a read alone', async () => {
    const transport = createEmbeddedTransport()
    await send(transport, 'GET', '/masks/outlets?limit=1')
    await send(transport, 'GET', '/jobs?limit=1')
    await jest.advanceTimersByTimeAsync(5000)
    expect(mockWrites).toEqual([])
  })

  it('once for changes that come close together, a moment after the first, holding the last', async () => {
    const transport = createEmbeddedTransport()
    const a = await send(transport, 'POST', '/auth/login', { body: { code: 'first' } })
    await jest.advanceTimersByTimeAsync(100)
    const b = await send(transport, 'POST', '/auth/login', { body: { code: 'second' } })
    expect(mockWrites).toEqual([])
    await jest.advanceTimersByTimeAsync(250)
    expect(mockWrites).toEqual([STATE])
    const saved = String(mockStorage.get(STATE))
    for (const login of [a, b]) expect(saved).toContain((login.data as { user: { id: string } }).user.id)
    await jest.advanceTimersByTimeAsync(5000)
    expect(mockWrites).toEqual([STATE])
    await send(transport, 'POST', '/auth/login', { body: { code: 'third' } })
    await jest.advanceTimersByTimeAsync(400)
    expect(mockWrites).toEqual([STATE, STATE])
  })
})

describe('the in-process transport', () => {
  it.each([
    ['embedded://app/api/v1/jobs?q=x&limit=2', '/api/v1/jobs', { q: 'x', limit: '2' }],
    ['EMBEDDED://app/api/v1/me', '/api/v1/me', {}],
    ['embedded://app', '/', {}],
    ['?x=1', '/', { x: '1' }],
    ['api/v1/me', '/api/v1/me', {}],
    ['/api/v1/jobs?q=a://b/c', '/api/v1/jobs', { q: 'a://b/c' }],
    ['/api/v1/jobs?q=%E5%8F%B8%E6%9C%BA', '/api/v1/jobs', { q: '司机' }],
    ['/api/v1/jobs/%E5%8F%B8?', '/api/v1/jobs/%E5%8F%B8', {}],
  ])('splits %s into its path and query', (url, path, query) => {
    expect(splitUrl(url)).toEqual({ path, query })
  })

  it('calls a query that does not decode null', () => {
    expect(splitUrl('/api/v1/jobs?q=%E5')).toEqual({ path: '/api/v1/jobs', query: null })
  })

  it('answers an empty body as an empty string, and hands the page a copy', async () => {
    const backend = createBackend()
    const transport = backendTransport(backend)
    const base = 'embedded://app/api/v1'
    const login = await transport({ method: 'POST', url: `${base}/auth/login`, headers: {}, body: '{"code":"copy"}', timeoutMs: 1000 })
    const { token, user } = login.data as { token: string; user: { id: string; nickname?: string } }
    const auth = { Authorization: `Bearer ${token}` }
    const me = await transport({ method: 'GET', url: `${base}/me`, headers: auth, timeoutMs: 1000 })
    ;(me.data as { id: string }).id = 'changed by the page'
    const again = await transport({ method: 'GET', url: `${base}/me`, headers: auth, timeoutMs: 1000 })
    expect((again.data as { id: string }).id).toBe(user.id)
    const out = await transport({ method: 'POST', url: `${base}/auth/logout`, headers: auth, timeoutMs: 1000 })
    expect(out).toEqual({ status: 204, data: '' })
  })

  it('answers a query that does not decode with 400 VALIDATION_FAILED', async () => {
    const transport = backendTransport(createBackend())
    const res = await transport({ method: 'GET', url: 'embedded://app/api/v1/jobs?q=%E5', headers: {}, timeoutMs: 1000 })
    expect([res.status, (res.data as { error: { code: string } }).error.code]).toEqual([400, 'VALIDATION_FAILED'])
  })
})
