import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request, type IncomingHttpHeaders } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createBackend } from '@/mock/backend'
import { MockClock, SEED_EPOCH_MS } from '@/mock/core/clock'
import { createMockHttpServer } from '@/mock/server/http-server'

/** What the mock's HTTP edge answers, read off the wire: status, headers and body as sent. */
interface Raw {
  status: number
  headers: IncomingHttpHeaders
  text: string
}

type Started = { port: number; close: () => Promise<void> }

async function start(staticDir?: string): Promise<Started> {
  const backend = createBackend({ controls: true, clock: new MockClock(SEED_EPOCH_MS, { frozen: true }), secret: 'http-edges' })
  const server = createMockHttpServer({ backend, staticDir })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

/** One request with the path exactly as given (fetch would normalise it), the body in chunks. */
function send(
  port: number,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; chunks?: string[] } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: init.headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }))
    })
    req.on('error', reject)
    for (const c of init.chunks ?? []) req.write(c)
    req.end()
  })
}

/** Bytes straight onto a socket: for what Node's parser refuses before any handler runs. */
function rawSocket(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes))
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (c: string) => (text += c))
    socket.on('end', () => resolve(text))
    socket.on('error', reject)
  })
}

const json = (r: Raw) => JSON.parse(r.text) as { error?: { code: string; message: string; fields?: Record<string, string> } }

describe('the HTTP edge of the mock, API side', () => {
  let s: Started
  beforeAll(async () => {
    s = await start()
  })
  afterAll(() => s.close())

  it('sends JSON as JSON, never cached, with the CORS headers the H5 dev server needs', async () => {
    const r = await send(s.port, 'GET', '/api/v1/regions')
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(r.headers['cache-control']).toBe('no-store')
    expect(r.headers['access-control-allow-origin']).toBe('*')
    expect(r.headers['access-control-allow-headers']).toBe('Authorization, Content-Type, Idempotency-Key')
    expect(r.headers['access-control-allow-methods']).toBe('GET, POST, PUT, DELETE, OPTIONS')
  })

  it('answers a preflight with 204 and nothing else, whatever the path', async () => {
    for (const path of ['/api/v1/masks/reservations', '/anything']) {
      const r = await send(s.port, 'OPTIONS', path)
      expect(r.status).toBe(204)
      expect(r.text).toBe('')
      expect(r.headers['access-control-allow-origin']).toBe('*')
    }
  })

  it('sends a 204 with no body and no content type (logout)', async () => {
    const login = json(
      await send(s.port, 'POST', '/api/v1/auth/login', { headers: { 'content-type': 'application/json' }, chunks: ['{"code":"edge"}'] }),
    ) as {
      token?: string
    }
    const r = await send(s.port, 'POST', '/api/v1/auth/logout', { headers: { authorization: `Bearer ${login.token}` } })
    expect(r.status).toBe(204)
    expect(r.text).toBe('')
    expect(r.headers['content-type']).toBeUndefined()
    expect(r.headers['cache-control']).toBe('no-store')
  })

  it('counts a body in bytes across its chunks: 64 KiB exactly passes the limit, one byte more does not', async () => {
    const frame = '{"code":""}'.length
    const fill = (n: number) => 'a'.repeat(n)
    const exact = [`{"code":"${fill(30000)}`, fill(65536 - frame - 30000), '"}']
    const ok = json(await send(s.port, 'POST', '/api/v1/auth/login', { chunks: exact }))
    expect(ok.error?.fields?.body).toBeUndefined()
    const over = [`{"code":"${fill(30000)}`, fill(65537 - frame - 30000), '"}']
    const refused = await send(s.port, 'POST', '/api/v1/auth/login', { chunks: over })
    expect(refused.status).toBe(400)
    expect(json(refused).error?.fields?.body).toBe('提交的内容超过 64 KiB')
  })

  it.each([
    ['a request target that is no URL', '//[', { path: '地址中有无效的百分号编码' }],
    ['a query that does not decode', '/api/v1/jobs?q=%E5', { query: '查询参数中有无效的百分号编码' }],
  ])('answers %s with a 400 on its field', async (_what, target, fields) => {
    const r = await send(s.port, 'GET', target)
    expect(r.status).toBe(400)
    expect(json(r).error).toEqual({ code: 'VALIDATION_FAILED', message: '请求地址格式不正确', fields })
  })

  it('answers a path outside the API with a 404 NOT_FOUND when it serves no H5 build', async () => {
    const r = await send(s.port, 'GET', '/index.html')
    expect(r.status).toBe(404)
    expect(json(r).error).toEqual({ code: 'NOT_FOUND', message: '没有这个接口' })
  })

  it('answers what Node refuses to parse with the contract’s envelope: 431 for huge headers, 400 for a broken request', async () => {
    // A server of its own, made inside the test, so that the mutation run sees this test use its parser hook.
    const own = await start()
    try {
      await refusesUnparsable(own.port)
    } finally {
      await own.close()
    }
  })

  async function refusesUnparsable(port: number) {
    const huge = await rawSocket(port, `GET /api/v1/regions HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`)
    expect(huge).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/)
    expect(huge).toContain('Content-Type: application/json; charset=utf-8\r\n')
    const hugeBody = huge.slice(huge.indexOf('\r\n\r\n') + 4)
    expect(huge).toContain(`Content-Length: ${Buffer.byteLength(hugeBody)}\r\n`)
    expect(JSON.parse(hugeBody)).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: '请求头过大，请缩短后重试' } })

    const broken = await rawSocket(port, 'NOT A REQUEST\r\n\r\n')
    expect(broken).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
    expect(JSON.parse(broken.slice(broken.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'VALIDATION_FAILED', message: '请求格式不正确', fields: { request: '无法解析的 HTTP 请求' } },
    })
  }

  it('reads the query after the "?": a filter that applies', async () => {
    const one = await send(s.port, 'GET', '/api/v1/masks/outlets?limit=1')
    expect((JSON.parse(one.text) as { items: unknown[] }).items).toHaveLength(1)
  })

  it('drops and fails a request only when the draw falls under the rate set, with the contract’s 500', async () => {
    const faults = (body: string) =>
      send(s.port, 'POST', '/__mock/faults', { headers: { 'content-type': 'application/json' }, chunks: [body] })
    const draw = jest.spyOn(Math, 'random')
    try {
      await faults('{"dropRate":0.5}')
      draw.mockReturnValue(0.5)
      expect((await send(s.port, 'GET', '/api/v1/regions')).status).toBe(200)
      draw.mockReturnValue(0.4999)
      await expect(send(s.port, 'GET', '/api/v1/regions')).rejects.toThrow()

      await faults('{"dropRate":0,"failRate":0.5}')
      draw.mockReturnValue(0.5)
      expect((await send(s.port, 'GET', '/api/v1/regions')).status).toBe(200)
      draw.mockReturnValue(0.4999)
      const failed = await send(s.port, 'GET', '/api/v1/regions')
      expect([failed.status, json(failed).error]).toEqual([500, { code: 'INTERNAL', message: '服务暂时出错，请稍后重试' }])
    } finally {
      draw.mockRestore()
      await faults('{"dropRate":0,"failRate":0}')
    }
  })

  it('answers 500 INTERNAL when the backend itself throws, and logs the method and the error’s kind only', async () => {
    const backend = createBackend({ controls: false, secret: 'thrower' })
    backend.handle = () => {
      throw new RangeError('310101199001011234 张三')
    }
    const server = createMockHttpServer({ backend })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const r = await send((server.address() as AddressInfo).port, 'POST', '/api/v1/auth/login', { chunks: ['{"code":"x"}'] })
      expect([r.status, json(r).error]).toEqual([500, { code: 'INTERNAL', message: '服务暂时出错，请稍后重试' }])
      expect(log.mock.calls).toEqual([['[mock] POST request failed: RangeError']])
    } finally {
      log.mockRestore()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('answers GET /api/v1/health 200 while the storage answers and 503 UNAVAILABLE once it does not', async () => {
    let up = true
    const server = createMockHttpServer({
      backend: createBackend({ controls: false, secret: 'health' }),
      health: async () => {
        if (!up) throw new Error('connection refused')
        return true
      },
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    try {
      const ok = await send(port, 'GET', '/api/v1/health')
      expect([ok.status, json(ok)]).toEqual([200, { status: 'ok' }])
      up = false
      const down = await send(port, 'GET', '/api/v1/health')
      expect([down.status, (json(down) as { error: { code: string } }).error.code]).toEqual([503, 'UNAVAILABLE'])
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
    // The mock on memory is always up.
    const onMemory = await send(s.port, 'GET', '/api/v1/health')
    expect([onMemory.status, json(onMemory)]).toEqual([200, { status: 'ok' }])
  })

  it('never holds up a control, even with a minute of latency set for everything else', async () => {
    const set = await send(s.port, 'POST', '/__mock/faults', {
      headers: { 'content-type': 'application/json' },
      chunks: ['{"latencyMs":60000}'],
    })
    expect(set.status).toBe(200)
    // Without the exemption this would wait a minute, past the test's time limit.
    expect((await send(s.port, 'POST', '/__mock/faults', { chunks: ['{}'] })).status).toBe(200)
  })
})

describe('the HTTP edge of the mock, H5 build side', () => {
  let dir: string
  let s: Started
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mock-static-'))
    mkdirSync(join(dir, 'h5', 'js'), { recursive: true })
    writeFileSync(join(dir, 'h5', 'index.html'), '<!doctype html><title>app</title>')
    writeFileSync(join(dir, 'h5', 'js', 'app.js'), 'console.log(1)')
    writeFileSync(join(dir, 'h5', 'app.css'), 'body{}')
    writeFileSync(join(dir, 'h5', 'data.bin'), 'x')
    writeFileSync(join(dir, 'h5-other.txt'), 'secret beside the build')
    s = await start(join(dir, 'h5'))
  })
  afterAll(async () => {
    await s.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it.each([
    ['/js/app.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['/app.css', 'text/css; charset=utf-8', 'body{}'],
    ['/', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'],
    ['/data.bin', 'application/octet-stream', 'x'],
  ])('serves %s as %s', async (path, type, text) => {
    const r = await send(s.port, 'GET', path)
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toBe(type)
    expect(r.text).toBe(text)
  })

  it('answers an unknown path, a folder and a path out of the build with the app’s index.html', async () => {
    for (const path of ['/masks/pages/round', '/js', '/..%2fh5-other.txt']) {
      const r = await send(s.port, 'GET', path)
      expect({ path, status: r.status, text: r.text }).toEqual({ path, status: 200, text: '<!doctype html><title>app</title>' })
    }
  })

  it('answers a path that does not decode with a plain 400', async () => {
    const r = await send(s.port, 'GET', '/%E0%A4%A')
    expect(r.status).toBe(400)
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(r.text).toBe('Bad Request: the path is not valid percent-encoding')
  })

  it('says how to make the build when there is none', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mock-static-empty-'))
    const bare = await start(empty)
    const r = await send(bare.port, 'GET', '/')
    await bare.close()
    rmSync(empty, { recursive: true, force: true })
    expect(r.status).toBe(404)
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(r.text).toBe('H5 build not found: run `npm run build:h5` first')
  })
})
