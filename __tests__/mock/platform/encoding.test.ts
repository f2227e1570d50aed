import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { backendTransport } from '@/mock/embedded/backendTransport'
import { createMockHttpServer } from '@/mock/server/http-server'
import { call, login, testBackend } from '../../helpers/backend'

/** Percent-encodings that do not decode to UTF-8: cut short, a lone `%`, a stray byte, an overlong `/`. */
const BAD = ['%E0%A4%A', '%', '%ff', '%C0%AF']

/** Every route with an `:id` segment, as a path with `ID` where the id goes. */
const ID_PATHS: [method: string, path: string][] = [
  ['GET', '/jobs/ID'],
  ['POST', '/jobs/ID/applications'],
  ['PUT', '/jobs/ID/favorite'],
  ['DELETE', '/jobs/ID/favorite'],
  ['GET', '/jobs/subscriptions/ID/postings'],
  ['POST', '/jobs/subscriptions/ID/seen'],
  ['DELETE', '/jobs/subscriptions/ID'],
  ['GET', '/masks/rounds/ID/draw'],
  ['GET', '/masks/outlets/ID'],
  ['POST', '/masks/reservations/ID/cancel'],
  ['GET', '/returnees/declarations/ID'],
  ['POST', '/returnees/declarations/ID/checkins'],
  ['POST', '/returnees/declarations/ID/release'],
  ['POST', '/returnees/declarations/ID/escalate'],
]

describe('a path or query that is not valid percent-encoding', () => {
  const backend = testBackend()
  let token: string
  beforeAll(async () => {
    ;({ token } = await login(backend, 'encoding-user'))
  })

  it.each(BAD)('is a 400 VALIDATION_FAILED in any :id segment (%s), never a throw', async (bad) => {
    for (const [method, path] of ID_PATHS) {
      for (const withToken of [false, true]) {
        const res = await call(backend, method, path.replace('ID', bad), withToken ? { token, body: {} } : { body: {} })
        expect([method, path, withToken, res.status]).toEqual([method, path, withToken, 400])
        expect(res.body.error.code).toBe('VALIDATION_FAILED')
        expect(res.body.error.fields).toEqual({ path: expect.any(String) })
      }
    }
  })

  it('is a 400 in a path no route knows, too, and the backend answers on afterwards', async () => {
    expect((await call(backend, 'GET', '/nothing/%ff')).status).toBe(400)
    expect((await call(backend, 'GET', '/jobs/j000001')).status).toBe(200)
  })

  it('still decodes a good encoding: an id sent encoded finds its record', async () => {
    expect((await call(backend, 'GET', '/masks/outlets/%6F310101-01')).body.id).toBe('o310101-01')
  })

  it('is a 400 in the query of the in-app transport (embedded build, page tests), with fields.query', async () => {
    const transport = backendTransport(testBackend())
    for (const bad of BAD) {
      for (const url of [`embedded://app/api/v1/jobs?q=${bad}`, `embedded://app/api/v1/jobs?${bad}=1`]) {
        const res = await transport({ method: 'GET', url, headers: {}, timeoutMs: 1000 })
        expect([url, res.status]).toEqual([url, 400])
        expect(res.data).toMatchObject({ error: { code: 'VALIDATION_FAILED', fields: { query: expect.any(String) } } })
      }
      const path = await transport({ method: 'GET', url: `embedded://app/api/v1/jobs/${bad}`, headers: {}, timeoutMs: 1000 })
      expect(path.status).toBe(400)
    }
    const good = await transport({
      method: 'GET',
      url: 'embedded://app/api/v1/jobs?q=%E5%BF%AB%E9%80%92+a%3Db&limit=2',
      headers: {},
      timeoutMs: 1000,
    })
    expect(good.status).toBe(200)
  })
})

/** A raw request, so the path goes out exactly as written (fetch would tidy it). */
function rawGet(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the HTTP server, given bad percent-encoding', () => {
  let server: Server
  let port: number
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mock-static-'))
    mkdirSync(join(dir, 'h5'))
    writeFileSync(join(dir, 'h5', 'index.html'), '<!doctype html><title>app</title>')
    writeFileSync(join(dir, 'h5', 'app.js'), 'console.log(1)')
    mkdirSync(join(dir, 'h5-secret'))
    writeFileSync(join(dir, 'h5-secret', 'key.txt'), 'not for the web')
    server = createMockHttpServer({ backend: testBackend(), staticDir: join(dir, 'h5') })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()))
    rmSync(dir, { recursive: true, force: true })
  })

  it.each(BAD)('answers 400 for %s in an API path or query and keeps serving', async (bad) => {
    for (const path of [`/api/v1/jobs/${bad}`, `/api/v1/jobs?q=${bad}`, `/api/v1/jobs?${bad}=x`, `/api/v1/__mock/clock?x=${bad}`]) {
      const res = await rawGet(port, path)
      expect([path, res.status]).toEqual([path, 400])
      expect(JSON.parse(res.text).error.code).toBe('VALIDATION_FAILED')
    }
    expect((await rawGet(port, '/api/v1/jobs/j000001')).status).toBe(200)
  })

  it.each(BAD)('answers 400 for %s in a static file path and keeps serving', async (bad) => {
    const res = await rawGet(port, `/pages/${bad}`)
    expect(res.status).toBe(400)
    expect((await rawGet(port, '/app.js')).text).toBe('console.log(1)')
    expect((await rawGet(port, '/pages/home/index')).text).toContain('<title>app</title>')
  })

  it('never serves a file beside the static folder whose name starts like it', async () => {
    const res = await rawGet(port, '/%2E%2E%2Fh5-secret/key.txt')
    expect(res.text).not.toContain('not for the web')
  })
})
