import { act, screen, waitFor } from '@testing-library/react'
import { StrictMode } from 'react'
import Taro from '@tarojs/taro'
import { api, TransportFailure, type Transport } from '@/core/api'
import type { Backend } from '@/mock/backend'
import { splitUrl } from '@/mock/embedded/backendTransport'
import ShowPage from '@/pass/pages/show/index'
import { call, testBackend } from '../../helpers/backend'
import { tap, wholeText } from '../../helpers/drive'
import { asVerified, freshApp, inProcessTransport, renderPage } from '../../helpers/pages'
import { declarationBody, declare, worker } from '../../helpers/returnees'

const SHOW_PATH = '/pass/pages/show/index'
const COLOUR_WORDS = ['绿码', '黄码', '红码']

afterEach(() => {
  jest.useRealTimers()
  jest.restoreAllMocks()
})

let people = 0
/** A verified person with a fresh document, signed in on this device over `backend`. */
async function signedIn(backend: Backend, name = '欧阳娜娜') {
  people += 1
  freshApp(backend)
  return asVerified(backend, `pass-show-${people}`, name)
}

function openShow() {
  return renderPage(<ShowPage />, { path: SHOW_PATH })
}

const masked = (doc: string) => `${doc.slice(0, 3)}***********${doc.slice(-4)}`

/** The QR picture's source, or null when the page shows none. */
function qrSource(): string | null {
  return document.querySelector('.pass-show__code img')?.getAttribute('src') ?? null
}

function noColourShown(): void {
  const text = document.body.textContent ?? ''
  for (const word of COLOUR_WORDS) expect(text).not.toContain(word)
}

/** `HH:MM:SS` of an instant, in Shanghai (UTC+8, no summer time). */
function shanghaiClock(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(11, 19)
}

/** The in-process backend, noting the phone's time of every `GET /pass` the page sends. */
function countingPassCalls(backend: Backend): number[] {
  const asked: number[] = []
  api.setTransport(
    inProcessTransport(backend, (req) => {
      if (req.method === 'GET' && splitUrl(req.url).path === '/api/v1/pass') asked.push(Date.now())
    }),
  )
  return asked
}

const offline: Transport = async () => {
  throw new TransportFailure('request:fail', false)
}

/** Fake timers for the page's renewal and clock; the runtime's own queues stay real. */
function fakeTimers(): void {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
}

async function advance(ms: number): Promise<void> {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms)
  })
}

describe('my pass, by colour', () => {
  it('is green for a fresh verified person, with the holder masked and a QR code', async () => {
    const backend = testBackend()
    const person = await signedIn(backend, '欧阳娜娜')
    openShow()
    expect(await screen.findByText('绿码')).toBeTruthy()
    expect(screen.getByText('可正常通行')).toBeTruthy()
    expect(screen.queryByText('黄码')).toBeNull()
    expect(screen.queryByText('红码')).toBeNull()
    expect(screen.getByText('欧阳**')).toBeTruthy()
    expect(screen.getByText(masked(person.docNumber))).toBeTruthy()
    const text = document.body.textContent ?? ''
    expect(text).not.toContain(person.docNumber)
    expect(text).not.toContain('欧阳娜娜')
    expect(qrSource()).toMatch(/^data:image\/gif;base64,/)
    expect(screen.getByRole('img', { name: '通行码二维码，请出示给工作人员扫码' })).toBeTruthy()
    expect(screen.getByText('二维码每分钟自动更新，截图无效')).toBeTruthy()
    // The token itself is only in the picture, never written on the page.
    const { body } = await call(backend, 'GET', '/pass', { token: person.token })
    expect(text).not.toContain(body.token)
  })

  it('is yellow after a declaration, saying until when to observe at home', async () => {
    const backend = testBackend()
    const person = await signedIn(backend)
    const d = await declare(backend, person.token, declarationBody(backend))
    expect(d.status).toBe(201)
    openShow()
    expect(await screen.findByText('黄码')).toBeTruthy()
    expect(screen.getByText('请配合居家观察')).toBeTruthy()
    const ends: string = d.body.observationEndsOn
    expect(screen.getByText(wholeText(`居家观察至 ${Number(ends.slice(5, 7))}月${Number(ends.slice(8))}日`))).toBeTruthy()
    expect(screen.getByText(wholeText(/^居家观察至 \d+月\d+日$/))).toBeTruthy()
    expect(screen.queryByText('绿码')).toBeNull()
    expect(document.body.textContent).not.toContain(person.docNumber)
    expect(qrSource()).not.toBeNull()
  })

  it('is red after a declaration with a fever, and says so', async () => {
    const backend = testBackend()
    const person = await signedIn(backend)
    const health = { temperature: 38.2, symptoms: [], contactWithCases: false }
    expect((await declare(backend, person.token, declarationBody(backend, { health }))).status).toBe(201)
    openShow()
    expect(await screen.findByText('红码')).toBeTruthy()
    expect(screen.getByText('请留在家中，等待社区联系')).toBeTruthy()
    expect(screen.getByText(wholeText('登记时体温 ≥ 37.3 ℃'))).toBeTruthy()
    expect(screen.queryByText('绿码')).toBeNull()
    expect(screen.queryByText('黄码')).toBeNull()
    expect(qrSource()).not.toBeNull()
  })

  it('is red once a worker escalates the declaration', async () => {
    const backend = testBackend()
    const person = await signedIn(backend)
    const d = await declare(backend, person.token, declarationBody(backend))
    const esc = await call(backend, 'POST', `/returnees/declarations/${d.body.id}/escalate`, {
      token: await worker(backend),
      body: { note: '电话未接' },
    })
    expect(esc.status).toBe(200)
    openShow()
    expect(await screen.findByText('红码')).toBeTruthy()
    expect(screen.getByText(wholeText('社区工作人员上报'))).toBeTruthy()
    expect(screen.queryByText('黄码')).toBeNull()
  })

  it('opens the list of who checked it', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    await signedIn(testBackend())
    openShow()
    await screen.findByText('绿码')
    await tap('谁看过我的通行码')
    expect(navigate).toHaveBeenCalledWith({ url: '/pass/pages/checks/index' })
  })

  it('sends an unverified person to verification first, to come back here', async () => {
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    freshApp(testBackend())
    openShow()
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: `/pages/verify/index?redirect=${encodeURIComponent(SHOW_PATH)}` }))
    expect(screen.getByText('正在确认你的身份…')).toBeTruthy()
    noColourShown()
    expect(qrSource()).toBeNull()
  })
})

describe('keeping the pass live', () => {
  it('asks for a new token 15 s before the one shown runs out, and shows the new code', async () => {
    const backend = testBackend()
    await signedIn(backend)
    fakeTimers()
    const asked = countingPassCalls(backend)
    openShow()
    expect(await screen.findByText('绿码')).toBeTruthy()
    expect(asked).toHaveLength(1)
    const first = qrSource()
    expect(first).not.toBeNull()

    // The token lives 60 s: nothing is asked until 45 s after the first.
    await advance(asked[0] + 44_000 - Date.now())
    expect(asked).toHaveLength(1)
    await advance(2_000)
    expect(asked).toHaveLength(2)
    expect(asked[1] - asked[0]).toBeGreaterThanOrEqual(44_000)
    expect(asked[1] - asked[0]).toBeLessThanOrEqual(46_000)
    await waitFor(() => expect(qrSource()).not.toBe(first))
    expect(screen.getByText('绿码')).toBeTruthy()

    // And again for the new token, 45 s after it was asked for.
    await advance(asked[1] + 46_000 - Date.now())
    expect(asked).toHaveLength(3)
    expect(screen.queryByText('通行码暂时无法刷新')).toBeNull()
  })

  it('keeps the colour while the token is good and a refresh fails, then shows no colour once it has run out', async () => {
    const backend = testBackend()
    await signedIn(backend)
    fakeTimers()
    const asked = countingPassCalls(backend)
    openShow()
    expect(await screen.findByText('绿码')).toBeTruthy()
    const issuedAt = asked[0]

    const failedAt: number[] = []
    api.setTransport(async (req) => {
      failedAt.push(Date.now())
      return offline(req)
    })
    await advance(issuedAt + 46_000 - Date.now())
    expect(failedAt.length).toBeGreaterThan(0)
    // Still good for about 14 s: the colour stays, with the network trouble said.
    expect(screen.getByText('绿码')).toBeTruthy()
    expect(screen.getByText(/^网络不畅，正在重试；这个码 1[3-5] 秒内有效$/)).toBeTruthy()
    expect(qrSource()).not.toBeNull()

    // Past 60 s: no colour, no code, and since when it could not refresh.
    await advance(issuedAt + 61_500 - Date.now())
    expect(screen.getByText('通行码暂时无法刷新')).toBeTruthy()
    expect(screen.getByText(`自 ${shanghaiClock(failedAt[0])} 起无法刷新，现在不能显示你的通行码颜色。恢复后会自动刷新。`)).toBeTruthy()
    expect(screen.getByText('暂时不能出示通行码')).toBeTruthy()
    noColourShown()
    expect(qrSource()).toBeNull()
    expect(screen.queryByRole('img')).toBeNull()
    expect(screen.queryByText(/网络不畅，正在重试/)).toBeNull()

    // The network is back: the next try (every 5 s) shows the pass again.
    const before = asked.length
    api.setTransport(inProcessTransport(backend, (req) => splitUrl(req.url).path === '/api/v1/pass' && asked.push(Date.now())))
    await advance(5_500)
    expect(asked.length).toBeGreaterThan(before)
    expect(await screen.findByText('绿码')).toBeTruthy()
    expect(screen.queryByText('通行码暂时无法刷新')).toBeNull()
    expect(screen.getByText('二维码每分钟自动更新，截图无效')).toBeTruthy()
    expect(qrSource()).not.toBeNull()
  })

  it('shows no colour when opened without a network, and retries at a tap', async () => {
    const backend = testBackend()
    await signedIn(backend)
    api.setTransport(offline)
    openShow()
    expect(await screen.findByText('通行码暂时无法刷新')).toBeTruthy()
    expect(screen.getByText(/^自 \d{2}:\d{2}:\d{2} 起无法刷新/)).toBeTruthy()
    expect(screen.getByText(wholeText('连不上网络，请检查手机的网络设置。也可以出示身份证件，由工作人员查询。'))).toBeTruthy()
    noColourShown()
    expect(qrSource()).toBeNull()

    api.setTransport(inProcessTransport(backend))
    await tap('立即重试')
    expect(await screen.findByText('绿码')).toBeTruthy()
    expect(qrSource()).not.toBeNull()
  })
})

describe('keeping the screen awake in a browser (Screen Wake Lock)', () => {
  // What the browser hands back for a granted lock: its release is what the page must call.
  interface FakeLock {
    release: jest.Mock<Promise<void>, []>
  }

  /**
   * A `navigator.wakeLock` whose requests stay pending until `grant()` answers the oldest one with
   * a fresh lock. `request` counts the asks; `granted` holds every lock handed out, in order.
   */
  function fakeWakeLock() {
    const pending: ((lock: FakeLock) => void)[] = []
    const granted: FakeLock[] = []
    const request = jest.fn((type: string) => {
      expect(type).toBe('screen')
      return new Promise<FakeLock>((resolve) => pending.push(resolve))
    })
    Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: { request } })
    return {
      request,
      granted,
      /** The browser grants the oldest request still pending. */
      async grant(): Promise<FakeLock> {
        const answer = pending.shift()
        if (!answer) throw new Error('no wake lock request is pending')
        const lock: FakeLock = { release: jest.fn(async () => undefined) }
        granted.push(lock)
        await act(async () => {
          answer(lock)
        })
        return lock
      },
      /** The browser grants every request still pending. */
      async grantAll(): Promise<void> {
        while (pending.length) await this.grant()
      },
    }
  }

  beforeEach(() => {
    // The page takes the browser's road (the Wake Lock API, not setKeepScreenOn) only on H5, read
    // at each call; the pages project sets TARO_ENV=h5 in its setup file (taro-h5-setup.ts).
    expect(process.env.TARO_ENV).toBe('h5')
  })

  afterEach(() => {
    Reflect.deleteProperty(navigator, 'wakeLock')
  })

  // Guards useKeepScreenOn's H5 branch: the lock used to be recorded only once the request
  // resolved, so a page left before the browser granted it (the request still out) had nothing to
  // release then, and the late lock kept the screen on for good.
  it('lets go at once of a lock the browser grants after the page has gone', async () => {
    const wakeLock = fakeWakeLock()
    await signedIn(testBackend())
    const { unmount } = openShow()
    expect(await screen.findByText('绿码')).toBeTruthy()
    expect(wakeLock.request).toHaveBeenCalledTimes(1)

    unmount()
    const late = await wakeLock.grant()
    await waitFor(() => expect(late.release).toHaveBeenCalledTimes(1))
    expect(wakeLock.request).toHaveBeenCalledTimes(1)
  })

  it('holds the lock while the page is open and releases it once when the page goes', async () => {
    const wakeLock = fakeWakeLock()
    await signedIn(testBackend())
    const { unmount } = openShow()
    expect(await screen.findByText('绿码')).toBeTruthy()
    expect(wakeLock.request).toHaveBeenCalledTimes(1)
    const lock = await wakeLock.grant()
    expect(lock.release).not.toHaveBeenCalled()

    unmount()
    expect(lock.release).toHaveBeenCalledTimes(1)
    expect(wakeLock.request).toHaveBeenCalledTimes(1)
  })

  // Guards the "one request at a time": StrictMode runs the page's mount effect, its cleanup and
  // the effect again at once (keepAwake true, false, true), as a quick show/hide/show does. Each
  // true used to ask for a lock of its own; the second one granted overwrote the first, which was
  // then never released.
  it('asks for one lock however quickly the page wants it again, and leaves none behind', async () => {
    const wakeLock = fakeWakeLock()
    await signedIn(testBackend())
    const { unmount } = renderPage(
      <StrictMode>
        <ShowPage />
      </StrictMode>,
      { path: SHOW_PATH },
    )
    expect(await screen.findByText('绿码')).toBeTruthy()
    expect(wakeLock.request).toHaveBeenCalledTimes(1)
    await wakeLock.grantAll()
    expect(wakeLock.granted).toHaveLength(1)
    // Still wanted when granted: held, not let go.
    expect(wakeLock.granted[0].release).not.toHaveBeenCalled()

    unmount()
    for (const lock of wakeLock.granted) expect(lock.release).toHaveBeenCalledTimes(1)
  })
})
