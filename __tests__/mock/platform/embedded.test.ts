import type { Transport, TransportRequest } from '@/core/api/transport'
import { createEmbeddedTransport } from '@/mock/embedded/transport'

/** Taro as the embedded build sees it: a storage, and WeChat's asynchronous random bytes (jest hoists the mock above the imports). */
const mockStorage = new Map<string, unknown>()
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

/** The state is written a moment after a change: wait until it is (a second at most). */
async function persisted(): Promise<string> {
  for (let i = 0; i < 50 && !mockStorage.has(STATE); i += 1) await new Promise((r) => setTimeout(r, 20))
  if (!mockStorage.has(STATE)) throw new Error(`waited 1 s for the embedded backend to write its state to storage (${STATE}); it never did`)
  return String(mockStorage.get(STATE))
}

beforeEach(() => {
  mockStorage.clear()
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
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true, writable: true })
    try {
      const transport = createEmbeddedTransport()
      const a = await send(transport, 'POST', '/auth/login', { body: { code: 'a' } })
      const b = await send(transport, 'POST', '/auth/login', { body: { code: 'b' } })
      expect(a.status).toBe(200)
      expect((a.data as { token: string }).token).not.toBe((b.data as { token: string }).token)
      expect(mockTaroRandom).toHaveBeenCalled()
    } finally {
      Object.defineProperty(globalThis, 'crypto', { value: globalCrypto, configurable: true, writable: true })
    }
  })
})
