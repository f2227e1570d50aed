import { shanghaiDateTime } from '@/core/time/shanghai'
import { call, testBackend, verifiedCitizen } from '../helpers/backend'
import { declarationBody, declare } from '../helpers/returnees'
import { clearWeappStorage, hostPage, type HostedPage } from './harness'

// Each test hosts the page two or three times (see openAs); a busy machine needs more than 5 s.
jest.setTimeout(30_000)

beforeEach(() => {
  jest.resetModules()
  clearWeappStorage()
})

const SHOW = 'pass/pages/show/index'
const SCAN = 'pass/pages/scan/index'
const WORKER = 'worker:310101002001'

type Backend = ReturnType<typeof testBackend>
type Fn = (...args: unknown[]) => unknown
/** The host's `wx` (the harness's, over miniprogram-simulate's stubs), which Taro calls through. */
type Wx = Record<string, Fn>
const wx = () => (globalThis as unknown as { wx: Wx }).wx

/**
 * Opens `pagePath` as the account of login `code`. The first visit makes this device's login key
 * (a fresh account of its own, which the guard sends on to verification); the device is then
 * pointed at `code`'s account and the page opened again, as a relaunch would.
 */
async function openAs(pagePath: string, backend: Backend, code: string, ready: string): Promise<HostedPage> {
  const first = await hostPage(pagePath, backend)
  await first.waitUntil(
    () => first.navigations.some((url) => url.startsWith('/pages/verify/index')),
    'the redirect to verification',
    15_000,
  )
  first.unload()
  wx().setStorageSync('app:device-key', JSON.stringify(code))
  wx().removeStorageSync('p:session')
  return relaunch(pagePath, backend, ready)
}

/** Opens `pagePath` again on this device (its session kept), once it shows `ready`. */
async function relaunch(pagePath: string, backend: Backend, ready: string): Promise<HostedPage> {
  jest.resetModules()
  const page = await hostPage(pagePath, backend)
  await page.waitForText(ready, 15_000).catch((e: Error) => {
    throw new Error(`${e.message}; went to: ${page.navigations.join(', ')}`)
  })
  return page
}

/** A node of Taro's render data: class, text, children and props under short keys. */
interface RenderNode {
  cl?: string
  v?: string
  cn?: RenderNode[]
  [prop: string]: unknown
}

function findNode(node: RenderNode | undefined, className: string): RenderNode | undefined {
  if (!node) return undefined
  if (typeof node.cl === 'string' && node.cl.split(/\s+/).includes(className)) return node
  for (const child of node.cn ?? []) {
    const found = findNode(child, className)
    if (found) return found
  }
  return undefined
}

const renderData = (page: HostedPage) => page.page.instance.data.root as RenderNode | undefined

/** The source of the QR image the page renders (the image's one data URL prop), or null. */
function qrSource(page: HostedPage): string | null {
  const image = findNode(renderData(page), 'pass-qr')
  if (!image || !page.page.querySelector('.pass-qr')) return null
  const src = Object.values(image).find((v): v is string => typeof v === 'string' && v.startsWith('data:'))
  return src ?? null
}

/** The live clock's text, as shown. */
const clockText = (page: HostedPage) => (page.page.querySelector('.pass-live__time')?.dom.textContent ?? '').trim()

const masked = (doc: string) => `${doc.slice(0, 3)}***********${doc.slice(-4)}`
const observingUntil = (ends: string) => `居家观察至 ${Number(ends.slice(5, 7))}月${Number(ends.slice(8))}日`
const passRequests = (page: HostedPage) => page.requests.filter((r) => r.method === 'GET' && /\/api\/v1\/pass$/.test(r.url))

/** The person leaves the page (another page on top, or the phone locked) and comes back to it. */
function leaveAndReturn(page: HostedPage): void {
  const instance = page.page.instance as unknown as Record<string, Fn>
  instance.onHide()
  instance.onShow()
}

describe('my pass, weapp build', () => {
  it('shows a verified citizen green, the holder masked, the QR picture and a clock to the second that runs', async () => {
    const backend = testBackend()
    const person = await verifiedCitizen(backend, 'pass-weapp-green', { name: '欧阳娜娜' })
    const page = await openAs(SHOW, backend, 'pass-weapp-green', '绿码')
    const text = page.text()
    expect(text).toContain('可正常通行')
    expect(text).not.toContain('黄码')
    expect(text).not.toContain('红码')
    expect(text).toContain('持码人')
    expect(text).toContain('欧阳**')
    expect(text).toContain(masked(person.docNumber))
    expect(text).not.toContain(person.docNumber)
    expect(text).not.toContain('欧阳娜娜')
    expect(text).toContain('二维码每分钟自动更新，截图无效')
    expect(qrSource(page)).toMatch(/^data:image\/gif;base64,[A-Za-z0-9+/]+=*$/)
    expect(clockText(page)).toMatch(/^\d{2}:\d{2}:\d{2}$/)
    expect(text).toMatch(/\d{1,2}月\d{1,2}日 星期[日一二三四五六]/)
    // The clock moves on by itself: a screenshot would not.
    const shown = clockText(page)
    await page.waitUntil(() => clockText(page) !== shown, `the clock to move on from ${shown}`)
    expect(clockText(page)).toMatch(/^\d{2}:\d{2}:\d{2}$/)
    expect(passRequests(page)).toHaveLength(1)
    page.unload()
  })

  it('shows yellow, with until when to observe at home, once the person has declared a return', async () => {
    const backend = testBackend()
    const person = await verifiedCitizen(backend, 'pass-weapp-yellow', { name: '欧阳娜娜' })
    const d = await declare(backend, person.token, declarationBody(backend))
    expect(d.status).toBe(201)
    const page = await openAs(SHOW, backend, 'pass-weapp-yellow', '黄码')
    expect(page.text()).toContain('请配合居家观察')
    expect(page.text()).toContain(observingUntil(d.body.observationEndsOn))
    expect(page.text()).not.toContain('绿码')
    expect(page.text()).not.toContain(person.docNumber)
    expect(page.text()).toContain(masked(person.docNumber))
    expect(qrSource(page)).toMatch(/^data:image\/gif;base64,/)
    page.unload()
  })

  it('renews the code when the person comes back to the page, with the colour as it is now, and keeps the screen awake only while shown', async () => {
    const backend = testBackend()
    const person = await verifiedCitizen(backend, 'pass-weapp-renew', { name: '欧阳娜娜' })
    ;(await openAs(SHOW, backend, 'pass-weapp-renew', '绿码')).unload()
    // Opened again with the session kept, so the pass is on screen at the page's first show (the
    // last test opens it behind a silent log-in instead).
    const page = await relaunch(SHOW, backend, '绿码')
    const firstQr = qrSource(page)
    expect(firstQr).toMatch(/^data:image\/gif;base64,/)
    expect(passRequests(page)).toHaveLength(1)

    const d = await declare(backend, person.token, declarationBody(backend))
    expect(d.status).toBe(201)
    const awake: unknown[] = []
    wx().setKeepScreenOn = (opts) => {
      const o = opts as { keepScreenOn: boolean; success?: Fn }
      awake.push(o.keepScreenOn)
      o.success?.({ errMsg: 'setKeepScreenOn:ok' })
    }
    leaveAndReturn(page)
    await page.waitForText('黄码')
    await page.waitUntil(() => qrSource(page) !== firstQr, 'a new QR picture')
    expect(page.text()).toContain(observingUntil(d.body.observationEndsOn))
    expect(page.text()).not.toContain('绿码')
    expect(qrSource(page)).toMatch(/^data:image\/gif;base64,/)
    expect(passRequests(page)).toHaveLength(2)
    expect(awake).toEqual([false, true])
    page.unload()
  })

  // Guards useLivePass renewing on a show that follows a hide. With no stored session the page's
  // first onShow fires while the identity guard is still up (the silent log-in under way), so the
  // part of the page that holds the pass mounts after that show and never hears it. It used to
  // renew only on "a show after the first show": the first real return (hide, then show) counted
  // as that first show and renewed nothing, while the hide had cancelled the renewal timer, so no
  // request was ever sent again and the code on screen ran out.
  it('renews the code on the first return to the page when it opened with no stored session', async () => {
    const backend = testBackend()
    await verifiedCitizen(backend, 'pass-weapp-no-session', { name: '欧阳娜娜' })
    clearWeappStorage()
    // openAs opens the page with this device's login key but no session: the guard logs in silently.
    const page = await openAs(SHOW, backend, 'pass-weapp-no-session', '绿码')
    expect(page.requests.some((r) => r.method === 'POST' && /\/api\/v1\/auth\/login$/.test(r.url))).toBe(true)
    const firstQr = qrSource(page)
    expect(firstQr).toMatch(/^data:image\/gif;base64,/)
    expect(passRequests(page)).toHaveLength(1)

    leaveAndReturn(page)
    await page.waitUntil(() => passRequests(page).length === 2, 'a second GET /pass after the return')
    await page.waitUntil(() => qrSource(page) !== null && qrSource(page) !== firstQr, 'a new QR picture')
    expect(qrSource(page)).toMatch(/^data:image\/gif;base64,/)
    expect(page.text()).toContain('绿码')
    expect(passRequests(page)).toHaveLength(2)
    page.unload()
  })
})

describe('checking a pass, weapp build', () => {
  it('lets a community worker check a typed code: the colour in words, the holder masked, and when', async () => {
    const backend = testBackend()
    const person = await verifiedCitizen(backend, 'pass-weapp-holder', { name: '欧阳娜娜' })
    const { body: pass } = await call(backend, 'GET', '/pass', { token: person.token })
    const page = await openAs(SCAN, backend, WORKER, '扫描对方的通行码')
    expect(page.text()).not.toContain('仅对工作人员开放')
    await page.input('token', pass.token)
    await page.tap('btn--primary', '核验')
    await page.waitForText('绿码')
    expect(page.text()).toContain('可正常通行')
    expect(page.text()).toContain(`欧阳** ${masked(person.docNumber)}`)
    expect(page.text()).toContain(`核验时间 ${shanghaiDateTime(backend.clock.now())}`)
    expect(page.text()).not.toContain(person.docNumber)
    expect(page.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/pass/verify'))).toHaveLength(1)
    // The holder sees the check in their list.
    const checks = await call(backend, 'GET', '/pass/checks', { token: person.token })
    expect(checks.body.items).toHaveLength(1)
    page.unload()
  })

  it('checks what the camera scanned', async () => {
    const backend = testBackend()
    const person = await verifiedCitizen(backend, 'pass-weapp-scanned', { name: '欧阳娜娜' })
    expect((await declare(backend, person.token, declarationBody(backend))).status).toBe(201)
    const { body: pass } = await call(backend, 'GET', '/pass', { token: person.token })
    const page = await openAs(SCAN, backend, WORKER, '扫描对方的通行码')
    wx().scanCode = (opts) => {
      const o = opts as { success?: Fn; complete?: Fn }
      const res = { errMsg: 'scanCode:ok', result: pass.token, scanType: 'QR_CODE' }
      setTimeout(() => {
        o.success?.(res)
        o.complete?.(res)
      }, 0)
    }
    await page.tap('btn--primary', '扫描对方的通行码')
    await page.waitForText('黄码')
    expect(page.text()).toContain('请配合居家观察')
    expect(page.text()).toContain(`核验时间 ${shanghaiDateTime(backend.clock.now())}`)
    expect(page.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/pass/verify'))).toHaveLength(1)
    page.unload()
  })
})
