import { act, screen, waitFor } from '@testing-library/react'
import { StrictMode } from 'react'
import Taro from '@tarojs/taro'
import { api, TransportFailure, type Transport } from '@/core/api'
import type { Backend } from '@/mock/backend'
import { splitUrl } from '@/mock/embedded/backendTransport'
import ShowPage from '@/pass/pages/show/index'
import { passQrDataUrl } from '@/pass/components/PassQr'
import { call, testBackend } from '../../helpers/backend'
import { tap, wholeText } from '../../helpers/drive'
import { asVerified, freshApp, inProcessTransport, renderPage } from '../../helpers/pages'
import { declarationBody, declare, freshDoc, worker } from '../../helpers/returnees'

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

function openShow(params?: Record<string, string>) {
  return renderPage(<ShowPage />, { path: SHOW_PATH, params })
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

describe('a family member’s pass (代亮码)', () => {
  interface Member {
    id: string
    name: string
    nameMasked: string
    docNumberMasked: string
  }

  /** A parent added to `owner`'s family through the backend, declared home from a trip (yellow). */
  async function addParent(backend: Backend, owner: { token: string }, name = '王秀英'): Promise<Member> {
    const added = await call(backend, 'POST', '/family/members', {
      token: owner.token,
      body: { name, docType: 'resident_id', docNumber: freshDoc(), relation: 'parent' },
    })
    expect(added.status).toBe(201)
    const d = await declare(backend, owner.token, { ...declarationBody(backend), memberId: added.body.id })
    expect(d.status).toBe(201)
    return added.body
  }

  /** The in-process backend, answering every `GET /pass` and noting whose it was and its token. */
  function watchingPasses(backend: Backend) {
    const inner = inProcessTransport(backend)
    const answers: { memberId: string | undefined; token: string; at: number }[] = []
    const held: (() => void)[] = []
    let hold: (memberId: string | undefined) => boolean = () => false
    api.setTransport(async (req) => {
      const { path, query } = splitUrl(req.url)
      const res = await inner(req)
      if (req.method !== 'GET' || path !== '/api/v1/pass') return res
      const memberId = query?.memberId
      if (res.status === 200) answers.push({ memberId, token: (res.data as { token: string }).token, at: Date.now() })
      // Answered by the server now, delivered to the page only when released: a slow network.
      if (hold(memberId)) await new Promise<void>((resolve) => held.push(resolve))
      return res
    })
    return {
      answers,
      /** From now on, answers for whoever `which` picks wait for `release`. */
      holdFor(which: (memberId: string | undefined) => boolean) {
        hold = which
      },
      get waiting() {
        return held.length
      },
      async release() {
        hold = () => false
        await act(async () => {
          for (const resolve of held.splice(0)) resolve()
        })
      },
    }
  }

  const tokenOf = (answers: { memberId: string | undefined; token: string }[], memberId: string | undefined) =>
    answers.filter((a) => a.memberId === memberId).at(-1)?.token

  /** What the holder card says, or null while the page shows none. */
  const holderCard = () => document.querySelector('.pass-show__holder')?.textContent ?? null

  it('shows no switch for a person with no family members', async () => {
    await signedIn(testBackend())
    openShow()
    expect(await screen.findByText('绿码')).toBeTruthy()
    expect(screen.getByText('我的通行码')).toBeTruthy()
    expect(screen.queryByText('出示谁的通行码')).toBeNull()
    expect(screen.queryByRole('radiogroup')).toBeNull()
  })

  it('switches to a member: their colour, their holder masked, a QR of their own token, and whose it is', async () => {
    const backend = testBackend()
    const owner = await signedIn(backend, '欧阳娜娜')
    const parent = await addParent(backend, owner)
    const passes = watchingPasses(backend)
    const title = jest.spyOn(Taro, 'setNavigationBarTitle')
    openShow()
    expect(await screen.findByText('绿码')).toBeTruthy()
    expect(await screen.findByText('出示谁的通行码')).toBeTruthy()
    expect(title).not.toHaveBeenCalled()
    expect(screen.getByRole('radio', { name: '✓ 我' })).toBeTruthy()
    expect(holderCard()).toContain('欧阳**')
    const own = qrSource()
    expect(own).toBe(passQrDataUrl(tokenOf(passes.answers, undefined)!))

    await tap('王秀英（父母）')
    expect(await screen.findByText('黄码')).toBeTruthy()
    expect(screen.getByRole('radio', { name: '✓ 王秀英（父母）' })).toBeTruthy()
    expect(screen.getByText('王秀英（父母）的通行码')).toBeTruthy()
    expect(screen.getByText(parent.nameMasked)).toBeTruthy()
    expect(screen.getByText(parent.docNumberMasked)).toBeTruthy()
    expect(holderCard()).not.toContain('欧阳**')
    expect(holderCard()).not.toContain(masked(owner.docNumber))
    expect(screen.queryByText('绿码')).toBeNull()
    const theirs = tokenOf(passes.answers, parent.id)
    expect(theirs).toBeTruthy()
    expect(theirs).not.toBe(tokenOf(passes.answers, undefined))
    expect(qrSource()).toBe(passQrDataUrl(theirs!))
    expect(qrSource()).not.toBe(own)
    expect(screen.getByText('谁看过王秀英的通行码')).toBeTruthy()

    // And back to 我: the person's own pass again, with a new token.
    await tap('我')
    expect(await screen.findByText('绿码')).toBeTruthy()
    expect(holderCard()).toContain('欧阳**')
    expect(screen.queryByText('黄码')).toBeNull()
    expect(qrSource()).toBe(passQrDataUrl(tokenOf(passes.answers, undefined)!))
    expect(title.mock.calls.map(([o]) => o.title)).toEqual(['家人的通行码', '我的通行码'])
  })

  it('never shows the previous person’s pass while the member’s is on its way', async () => {
    const backend = testBackend()
    const owner = await signedIn(backend, '欧阳娜娜')
    const parent = await addParent(backend, owner)
    const passes = watchingPasses(backend)
    openShow()
    expect(await screen.findByText('绿码')).toBeTruthy()
    await screen.findByText('王秀英（父母）')

    passes.holdFor((memberId) => memberId === parent.id)
    await tap('王秀英（父母）')
    await waitFor(() => expect(passes.waiting).toBe(1))
    // At once: no colour, no code, no holder, until the member's pass arrives.
    expect(screen.getByText('正在获取王秀英（父母）的通行码…')).toBeTruthy()
    noColourShown()
    expect(qrSource()).toBeNull()
    expect(holderCard()).toBeNull()
    expect(document.body.textContent).not.toContain('欧阳**')

    await passes.release()
    expect(await screen.findByText('黄码')).toBeTruthy()
    expect(screen.getByText(parent.nameMasked)).toBeTruthy()
  })

  it('drops a renewal that answers for the previous person after the switch', async () => {
    const backend = testBackend()
    const owner = await signedIn(backend, '欧阳娜娜')
    const parent = await addParent(backend, owner)
    fakeTimers()
    const passes = watchingPasses(backend)
    openShow()
    expect(await screen.findByText('绿码')).toBeTruthy()
    await screen.findByText('王秀英（父母）')

    // The person's renewal, 45 s on, is answered by the server but slow to arrive.
    passes.holdFor((memberId) => memberId === undefined)
    await advance(passes.answers[0].at + 46_000 - Date.now())
    expect(passes.waiting).toBe(1)
    expect(passes.answers.filter((a) => a.memberId === undefined)).toHaveLength(2)

    await tap('王秀英（父母）')
    expect(await screen.findByText('黄码')).toBeTruthy()
    const theirs = qrSource()
    expect(theirs).toBe(passQrDataUrl(tokenOf(passes.answers, parent.id)!))

    // The late answer for the person comes in now: the page stays on the member.
    await passes.release()
    await advance(1_000)
    expect(screen.getByText('黄码')).toBeTruthy()
    expect(screen.queryByText('绿码')).toBeNull()
    expect(qrSource()).toBe(theirs)
    expect(screen.getByText(parent.nameMasked)).toBeTruthy()
    expect(holderCard()).not.toContain('欧阳**')

    // The member's pass is renewed as the person's own was: 45 s after it was asked for.
    const asked = passes.answers.length
    const memberAskedAt = passes.answers.filter((a) => a.memberId === parent.id).at(-1)!.at
    await advance(memberAskedAt + 46_000 - Date.now())
    expect(passes.answers.length).toBe(asked + 1)
    expect(passes.answers.at(-1)!.memberId).toBe(parent.id)
    await waitFor(() => expect(qrSource()).toBe(passQrDataUrl(tokenOf(passes.answers, parent.id)!)))
    expect(qrSource()).not.toBe(theirs)
    expect(screen.getByText('黄码')).toBeTruthy()
  })

  it('opens on the member a link names, and links to their checks by id', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    const title = jest.spyOn(Taro, 'setNavigationBarTitle')
    const backend = testBackend()
    const owner = await signedIn(backend, '欧阳娜娜')
    const parent = await addParent(backend, owner)
    openShow({ memberId: parent.id })
    expect(await screen.findByText('黄码')).toBeTruthy()
    expect(screen.getByText(parent.nameMasked)).toBeTruthy()
    expect(await screen.findByRole('radio', { name: '✓ 王秀英（父母）' })).toBeTruthy()
    expect(screen.getByText('王秀英（父母）的通行码')).toBeTruthy()
    expect(title).toHaveBeenCalledWith({ title: '家人的通行码' })
    await tap('谁看过王秀英的通行码')
    expect(navigate).toHaveBeenCalledWith({ url: `/pass/pages/checks/index?memberId=${encodeURIComponent(parent.id)}` })
    // Only the id travels: never the member's name or document.
    const url: string = navigate.mock.calls[0][0].url
    expect(url).not.toContain(encodeURIComponent('王秀英'))
  })

  it('goes back to 我, saying so, when the linked member has been removed', async () => {
    const backend = testBackend()
    const owner = await signedIn(backend, '欧阳娜娜')
    const parent = await addParent(backend, owner)
    expect((await call(backend, 'DELETE', `/family/members/${parent.id}`, { token: owner.token })).status).toBe(204)
    openShow({ memberId: parent.id })
    expect(await screen.findByText('这位家人已被移除，不能再为其亮码')).toBeTruthy()
    expect(await screen.findByText('绿码')).toBeTruthy()
    expect(holderCard()).toContain('欧阳**')
    expect(screen.getByText('我的通行码')).toBeTruthy()
    expect(screen.queryByText('黄码')).toBeNull()
    expect(screen.queryByText('通行码暂时无法刷新')).toBeNull()
  })

  it('goes back to 我 when the member is removed while their pass is shown', async () => {
    const backend = testBackend()
    const owner = await signedIn(backend, '欧阳娜娜')
    const parent = await addParent(backend, owner)
    const other = await addParent(backend, owner, '李建国')
    fakeTimers()
    const passes = watchingPasses(backend)
    openShow()
    expect(await screen.findByText('绿码')).toBeTruthy()
    await tap(await screen.findByText('王秀英（父母）'))
    expect(await screen.findByText('黄码')).toBeTruthy()

    expect((await call(backend, 'DELETE', `/family/members/${parent.id}`, { token: owner.token })).status).toBe(204)
    const memberAskedAt = passes.answers.filter((a) => a.memberId === parent.id).at(-1)!.at
    await advance(memberAskedAt + 46_000 - Date.now())
    expect(await screen.findByText('这位家人已被移除，不能再为其亮码')).toBeTruthy()
    expect(await screen.findByText('绿码')).toBeTruthy()
    expect(screen.getByRole('radio', { name: '✓ 我' })).toBeTruthy()
    expect(holderCard()).toContain('欧阳**')
    // The family list is asked again: the removed member leaves the switch, the other stays.
    await waitFor(() => expect(screen.queryByText('王秀英（父母）')).toBeNull())
    expect(screen.getByText('李建国（父母）')).toBeTruthy()

    // Choosing someone else clears the message.
    await tap('李建国（父母）')
    expect(await screen.findByText('黄码')).toBeTruthy()
    expect(screen.getByText(other.nameMasked)).toBeTruthy()
    expect(screen.queryByText('这位家人已被移除，不能再为其亮码')).toBeNull()
  })

  it('shows no colour for a member once their token runs out with no new one', async () => {
    const backend = testBackend()
    const owner = await signedIn(backend, '欧阳娜娜')
    await addParent(backend, owner)
    fakeTimers()
    const passes = watchingPasses(backend)
    openShow()
    await tap(await screen.findByText('王秀英（父母）'))
    expect(await screen.findByText('黄码')).toBeTruthy()
    const askedAt = passes.answers.at(-1)!.at
    api.setTransport(offline)
    await advance(askedAt + 61_500 - Date.now())
    expect(screen.getByText('通行码暂时无法刷新')).toBeTruthy()
    expect(screen.getByText(/^自 \d{2}:\d{2}:\d{2} 起无法刷新，现在不能显示王秀英的通行码颜色。恢复后会自动刷新。$/)).toBeTruthy()
    noColourShown()
    expect(qrSource()).toBeNull()
  })
})
