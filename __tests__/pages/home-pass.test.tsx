import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import HomePage from '@/pages/home/index'
import { api, TransportFailure, type Transport } from '@/core/api'
import { login } from '@/core/session/session'
import type { Backend } from '@/mock/backend'
import { splitUrl } from '@/mock/embedded/backendTransport'
import { testBackend } from '../helpers/backend'
import { tap, wholeText } from '../helpers/drive'
import { asVerified, freshApp, inProcessTransport, renderPage } from '../helpers/pages'
import { COMMUNITY, declarationBody, declare } from '../helpers/returnees'

const COLOUR_WORDS = ['绿码', '黄码', '红码']

let navigate: jest.SpyInstance
beforeEach(() => {
  navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
})
afterEach(() => jest.restoreAllMocks())

let people = 0
async function signedIn(backend: Backend, name = '欧阳娜娜') {
  people += 1
  freshApp(backend)
  return asVerified(backend, `home-pass-${people}`, name)
}

/** The pass field on home, once it is there. */
async function passField(): Promise<Element> {
  await waitFor(() => expect(document.querySelector('.home__pass')).not.toBeNull())
  return document.querySelector('.home__pass')!
}

/** Whether `a` comes before `b` in the page. */
function before(a: Node, b: Node): boolean {
  return Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)
}

function colourWordsIn(element: Element): string[] {
  return COLOUR_WORDS.filter((word) => (element.textContent ?? '').includes(word))
}

describe('the pass on home', () => {
  it('shows a verified citizen their colour first, and opens the pass at a tap', async () => {
    const backend = testBackend()
    await signedIn(backend)
    renderPage(<HomePage />)
    expect(await screen.findByText('绿码')).toBeTruthy()
    expect(screen.getByText('出示通行码 ›')).toBeTruthy()
    const field = await passField()
    // First: before every other card and the services.
    expect(before(field, screen.getByText('办事服务'))).toBe(true)
    expect(before(screen.getByText('欧阳娜娜，你好'), field)).toBe(true)
    const cards = Array.from(document.querySelectorAll('.screen > *')).filter((e) => !e.classList.contains('home__greeting'))
    expect(cards[0]).toBe(field)
    expect(screen.queryByText('扫码核验通行码')).toBeNull()
    await tap('出示通行码 ›')
    expect(navigate).toHaveBeenCalledWith({ url: '/pass/pages/show/index' })
  })

  it('shows the colour the server gives: yellow with its reason after a declaration', async () => {
    const backend = testBackend()
    const person = await signedIn(backend)
    expect((await declare(backend, person.token, declarationBody(backend))).status).toBe(201)
    renderPage(<HomePage />)
    expect(await screen.findByText('黄码')).toBeTruthy()
    expect(screen.getByText(wholeText(/^居家观察至 \d+月\d+日$/))).toBeTruthy()
    expect(colourWordsIn(await passField())).toEqual(['黄码'])
  })

  it('shows no pass to an unverified person, only the service', async () => {
    const backend = freshApp(testBackend())
    await login()
    const passCalls: string[] = []
    api.setTransport(inProcessTransport(backend, (req) => splitUrl(req.url).path === '/api/v1/pass' && passCalls.push(req.url)))
    renderPage(<HomePage />)
    expect(await screen.findByText('完成实名认证')).toBeTruthy()
    expect(screen.getByText('通行码')).toBeTruthy()
    expect(document.querySelector('.home__pass')).toBeNull()
    expect(screen.queryByText('出示通行码 ›')).toBeNull()
    for (const word of COLOUR_WORDS) expect(document.body.textContent).not.toContain(word)
    expect(passCalls).toEqual([])
  })

  it('gives a worker their pass scanning first, then their own pass', async () => {
    freshApp(testBackend())
    await login(`worker:${COMMUNITY}`)
    renderPage(<HomePage />)
    const scan = await screen.findByText('扫码核验通行码')
    expect(screen.getByText('无手机人员查证件')).toBeTruthy()
    expect(screen.getByText('社区返沪人员管理')).toBeTruthy()
    expect(screen.queryByText('网点核销领取')).toBeNull()
    const field = await passField()
    expect(colourWordsIn(field)).toHaveLength(1)
    expect(before(scan, field)).toBe(true)
    await tap('扫码核验通行码')
    expect(navigate).toHaveBeenCalledWith({ url: '/pass/pages/scan/index' })
  })

  it('gives outlet staff pass scanning and the pickup counter, and their own pass after', async () => {
    freshApp(testBackend())
    await login('staff:o310106-03')
    renderPage(<HomePage />)
    const scan = await screen.findByText('扫码核验通行码')
    const pickup = screen.getByText('网点核销领取')
    expect(before(scan, pickup)).toBe(true)
    expect(screen.queryByText('社区返沪人员管理')).toBeNull()
    const field = await passField()
    expect(colourWordsIn(field)).toHaveLength(1)
    expect(before(pickup, field)).toBe(true)
    await tap('网点核销领取')
    expect(navigate).toHaveBeenCalledWith({ url: '/masks/pages/pickup/index' })
  })

  it('shows no colour when the pass cannot load, and a way to open it', async () => {
    const backend = testBackend()
    await signedIn(backend)
    const real = inProcessTransport(backend)
    const failPass: Transport = async (req) => {
      if (splitUrl(req.url).path === '/api/v1/pass') throw new TransportFailure('request:fail', false)
      return real(req)
    }
    api.setTransport(failPass)
    renderPage(<HomePage />)
    expect(await screen.findByText('通行码暂时无法显示')).toBeTruthy()
    expect(screen.getByText(/^网络连接不畅.*。点这里打开通行码重试 ›$/)).toBeTruthy()
    for (const word of COLOUR_WORDS) expect(document.body.textContent).not.toContain(word)
    // The to-do list loaded: only the pass failed.
    expect(screen.queryByText('待办没有加载出来')).toBeNull()
    await tap('通行码暂时无法显示')
    expect(navigate).toHaveBeenCalledWith({ url: '/pass/pages/show/index' })
  })

  it('shows the colour again once it loads', async () => {
    const backend = testBackend()
    await signedIn(backend)
    api.setTransport(async () => {
      throw new TransportFailure('request:fail', false)
    })
    const first = renderPage(<HomePage />)
    expect(await screen.findByText('通行码暂时无法显示')).toBeTruthy()
    first.unmount()
    api.setTransport(inProcessTransport(backend))
    renderPage(<HomePage />)
    expect(await screen.findByText('绿码')).toBeTruthy()
    expect(screen.queryByText('通行码暂时无法显示')).toBeNull()
  })
})
