import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { createMockHttpServer } from '@/mock/server/http-server'
import type { Backend } from '@/mock/backend'
import type { JsonBody } from './backend'

/** The mock over real HTTP on a free loopback port. */
export async function startHttp(backend: Backend): Promise<{ base: string; close: () => Promise<void>; server: Server }> {
  const server = createMockHttpServer({ backend })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    base: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

export async function http(
  base: string,
  method: string,
  path: string,
  init: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string } = {},
): Promise<{ status: number; body: JsonBody }> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) }
  if (init.token) headers.Authorization = `Bearer ${init.token}`
  let body: string | undefined = init.raw
  if (body === undefined && init.body !== undefined) {
    body = JSON.stringify(init.body)
    headers['Content-Type'] = 'application/json'
  }
  const url = path.startsWith('/__mock') ? `${base}${path}` : `${base}/api/v1${path}`
  const res = await fetch(url, { method, headers, body })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}
