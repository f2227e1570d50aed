import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { TransportFailure, api } from '@/core/api'
import OutletsPage from '@/masks/pages/outlets/index'
import RoundPage from '@/masks/pages/round/index'
import { T, firstComeRound, lotteryRound, masksBackend, ms, startRound } from '../../helpers/masks'
import { tap, wholeText } from '../../helpers/drive'
import { freshApp, renderPage } from '../../helpers/pages'

let navigate: jest.SpyInstance
beforeEach(() => {
  navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
})
afterEach(() => jest.restoreAllMocks())

type Located = Awaited<ReturnType<typeof Taro.getLocation>>
const at = (latitude: number, longitude: number) =>
  jest.spyOn(Taro, 'getLocation').mockImplementation(async () => ({ latitude, longitude, accuracy: 30 }) as Located)
const denied = () =>
  jest.spyOn(Taro, 'getLocation').mockImplementation(async () => {
    throw { errMsg: 'getLocation:fail auth deny' }
  })

describe('round page', () => {
  it("shows what is on offer, the limit, how it is allocated, and counts down by the server's clock", async () => {
    freshApp(masksBackend())
    renderPage(<RoundPage />, { path: '/masks/pages/round/index' })
    expect(await screen.findByText('一次性使用医用口罩')).toBeTruthy()
    expect(screen.getByText('每人限 5 个')).toBeTruthy()
    expect(screen.getByText('预约中')).toBeTruthy()
    expect(screen.getByText('怎么分配：先到先得')).toBeTruthy()
    expect(screen.getByText(/^先到先得：按提交的先后分配/)).toBeTruthy()
    // The server says 10:00 on 10 Feb 2020 and the round closes at 20:00; the phone's own clock
    // is years away, so only the server's time gives "10 hours".
    expect(screen.getByText('距预约截止还有')).toBeTruthy()
    expect(screen.getByText(/^(9 小时 59 分|10 小时 00 分)$/)).toBeTruthy()
    expect(screen.getByText('2月10日 09:00 至 20:00')).toBeTruthy()
    expect(screen.getByText(wholeText('2月11日 09:00 至 2月13日 20:00'))).toBeTruthy()
    await tap('选择领取网点')
    expect(navigate).toHaveBeenCalledWith({ url: '/masks/pages/outlets/index' })
  })

  it('counts down to the opening of a round not open yet', async () => {
    const backend = masksBackend()
    await startRound(backend, firstComeRound({ opensAt: T(0, '12:30') }))
    freshApp(backend)
    renderPage(<RoundPage />, { path: '/masks/pages/round/index' })
    expect(await screen.findByText('未开始')).toBeTruthy()
    expect(screen.getByText('距开始预约还有')).toBeTruthy()
    expect(screen.getByText(/^(2 小时 29 分|2 小时 30 分)$/)).toBeTruthy()
    expect(screen.getByText('先看看附近网点')).toBeTruthy()
  })

  it("explains a lottery in one sentence, shows the seed's fingerprint, then the seed after the draw", async () => {
    const backend = masksBackend()
    const { round } = await startRound(backend, lotteryRound())
    freshApp(backend)
    const view = renderPage(<RoundPage />, { path: '/masks/pages/round/index' })
    expect(await screen.findByText('怎么分配：抽签分配')).toBeTruthy()
    expect(screen.getByText(/早登记晚登记中签机会一样/)).toBeTruthy()
    expect(screen.getByText(round.drawSeedHash!)).toBeTruthy()
    expect(screen.queryByText('抽签种子（已公布）')).toBeNull()
    view.unmount()
    backend.clock.set(ms(T(0, '21:00')))
    renderPage(<RoundPage />, { path: '/masks/pages/round/index' })
    expect(await screen.findByText('抽签种子（已公布）')).toBeTruthy()
    expect(screen.getByText(/本轮抽签结果已公布/)).toBeTruthy()
  })

  it('says what to do when the round cannot load', async () => {
    freshApp(masksBackend())
    api.setTransport(async () => {
      throw new TransportFailure('request:fail', false)
    })
    renderPage(<RoundPage />, { path: '/masks/pages/round/index' })
    expect(await screen.findByText('本轮信息没有加载出来')).toBeTruthy()
    expect(screen.getByText('重新加载')).toBeTruthy()
  })
})

describe('outlets page', () => {
  it('lists the nearest first when the person allows location, with distance and counted stock', async () => {
    at(31.2304, 121.4737)
    freshApp(masksBackend())
    renderPage(<OutletsPage />, { path: '/masks/pages/outlets/index' })
    expect(await screen.findByText('已按离你最近排列')).toBeTruthy()
    await waitFor(() => expect(document.querySelectorAll('.masks-outlet').length).toBe(20))
    const distances = [...document.querySelectorAll('.masks-outlet__distance')].map((el) => el.textContent ?? '')
    expect(distances[0]).toMatch(/^约 \d+ 米$/)
    expect(screen.getAllByText(/更新，数量随时在变，以提交后的结果为准$/).length).toBe(20)
    expect(screen.getByText('共 230 个发放网点')).toBeTruthy()
    await tap('加载更多')
    await waitFor(() => expect(document.querySelectorAll('.masks-outlet').length).toBe(40))
    await tap(document.querySelectorAll('.masks-outlet')[0])
    expect(navigate).toHaveBeenCalledWith({ url: expect.stringMatching(/^\/masks\/pages\/reserve\/index\?outletId=o\d{6}-\d{2}$/) })
  })

  it('falls back to districts when location is refused, and shows sold-out outlets in words', async () => {
    denied()
    const backend = masksBackend()
    await startRound(backend, firstComeRound({ stockPerOutlet: 0 }))
    freshApp(backend)
    renderPage(<OutletsPage />, { path: '/masks/pages/outlets/index' })
    expect(await screen.findByText(/没有获得你的位置，先按区列出网点/)).toBeTruthy()
    expect(screen.getByText('全部区')).toBeTruthy()
    await waitFor(() => expect(document.querySelectorAll('.masks-outlet').length).toBe(20))
    expect(screen.getAllByText('已约完')).toHaveLength(20)
    expect(screen.getAllByText('本轮已约完')).toHaveLength(20)
    expect(document.querySelector('.masks-outlet__distance')).toBeNull()
    expect(screen.getByText('使用我的位置')).toBeTruthy()
  })
})
