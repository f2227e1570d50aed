import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { TransportFailure, api, type Transport } from '@/core/api'
import { readDraft } from '@/core/storage/drafts'
import type { Backend } from '@/mock/backend'
import { stockOf, type MasksState } from '@/mock/masks/state'
import ReservePage, { RESERVE_DRAFT, type ReserveDraft } from '@/masks/pages/reserve/index'
import { verifiedCitizen } from '../../helpers/backend'
import { T, firstComeRound, lotteryRound, ms, reserve } from '../../helpers/masks'
import { tap, wholeText } from '../../helpers/drive'
import { inProcessTransport, renderPage } from '../../helpers/pages'
import { OUTLET, RESERVE_PATH, openReserve, setUpReserve } from './setup'

let confirmSpy: jest.SpyInstance
let redirect: jest.SpyInstance

beforeEach(() => {
  confirmSpy = jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'ok', content: '' }))
  redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
  jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
})
afterEach(() => jest.restoreAllMocks())

const state = (backend: Backend) => backend.db.services.masks as MasksState
const reservationsAt = (backend: Backend, roundId: string) =>
  Object.values(state(backend).reservations).filter((r) => r.roundId === roundId)
const storedDraft = () => readDraft<ReserveDraft>(RESERVE_DRAFT)

describe('reserve page', () => {
  it('reserves the chosen quantity after a confirmation naming the outlet and the pickup window', async () => {
    const { backend, roundId } = await setUpReserve()
    await openReserve()
    const outletName = (await screen.findByText(/^.+（.+店）$/)).textContent!
    expect(screen.getByText('剩余 50 个')).toBeTruthy()
    expect(screen.getByText(wholeText('2月11日 09:00 至 2月13日 20:00'))).toBeTruthy()
    await tap(screen.getByLabelText('增加'))
    await tap(screen.getByLabelText('增加'))
    expect(screen.getByText('3 个')).toBeTruthy()
    await tap('提交预约')
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/masks/pages/mine/index' }))
    expect(confirmSpy).toHaveBeenCalledTimes(1)
    const question = confirmSpy.mock.calls[0][0] as { title: string; content: string }
    expect(question.title).toBe('确认预约')
    expect(question.content).toContain(`「${outletName}」预约 3 个口罩`)
    expect(question.content).toContain('2月11日 09:00 至 2月13日 20:00')
    const made = reservationsAt(backend, roundId)
    expect(made.map((r) => [r.outletId, r.quantity, r.state])).toEqual([[OUTLET, 3, 'reserved']])
    expect(storedDraft()).toBeUndefined()
  })

  it('stays put when the person says no at the confirmation', async () => {
    confirmSpy.mockImplementation(async () => ({ confirm: false, cancel: true, errMsg: 'ok', content: '' }))
    const { backend, roundId } = await setUpReserve()
    await openReserve()
    await tap('提交预约')
    expect(reservationsAt(backend, roundId)).toHaveLength(0)
    expect(redirect).not.toHaveBeenCalled()
  })

  it('keeps the quantity within the limit', async () => {
    await setUpReserve(firstComeRound({ stockPerOutlet: 50, perPersonLimit: 2 }))
    await openReserve()
    for (let i = 0; i < 4; i += 1) {
      await tap(screen.getByLabelText('增加'))
    }
    expect(document.querySelector('.masks-stepper__value')?.textContent).toBe('2 个')
    expect(screen.getByText(wholeText('每人每轮最多 2 个'))).toBeTruthy()
    expect(screen.getByLabelText('增加').getAttribute('aria-disabled')).toBe('true')
  })

  it('says so when the outlet is sold out, and offers another outlet', async () => {
    await setUpReserve(firstComeRound({ stockPerOutlet: 0 }))
    await openReserve()
    expect(screen.getByText('这个网点本轮的口罩已经约完了，请换一个网点。')).toBeTruthy()
    expect(screen.getByText('本轮已约完')).toBeTruthy()
    expect(screen.getByText('提交预约').closest('.taro-button-core')?.hasAttribute('disabled')).toBe(true)
  })

  it("shows the server's SOLD_OUT in words when the last masks went while the person was choosing", async () => {
    const { backend, roundId } = await setUpReserve(firstComeRound({ stockPerOutlet: 1 }))
    await openReserve()
    await reserve(backend, (await verifiedCitizen(backend, 'faster')).token, { roundId, outletId: OUTLET, quantity: 1 })
    await tap('提交预约')
    // The refusal, then the outlet reloaded as sold out: said once, with the way out.
    expect(await screen.findByText(/^这个网点本轮的口罩已经约完了，请换一个网点/)).toBeTruthy()
    await waitFor(() => expect(screen.getByText('本轮已约完')).toBeTruthy())
    expect(screen.getAllByText(/^这个网点本轮的口罩已经约完了/)).toHaveLength(1)
    expect(screen.getAllByText('换一个网点 ›').length).toBeGreaterThan(0)
    expect(reservationsAt(backend, roundId)).toHaveLength(1)
  })

  it('says when the round opens, and does not let the person submit before', async () => {
    const { backend, roundId } = await setUpReserve(firstComeRound({ opensAt: T(0, '12:00') }))
    await openReserve()
    expect(screen.getByText(/本轮还没开始，2月10日 12:00 开放预约/)).toBeTruthy()
    await tap('还没开始')
    expect(confirmSpy).not.toHaveBeenCalled()
    expect(reservationsAt(backend, roundId)).toHaveLength(0)
  })

  it('shows ROUND_CLOSED in words when the round closed while the page was open, keeping the choice', async () => {
    const { backend, roundId } = await setUpReserve()
    await openReserve()
    await tap(screen.getByLabelText('增加'))
    backend.clock.set(ms(T(0, '20:00')))
    await tap('提交预约')
    expect(await screen.findByText(/^本轮预约已于 2月10日 20:00 结束，请留意下一轮/)).toBeTruthy()
    expect(screen.getAllByText('查看本轮安排 ›')).toHaveLength(1)
    expect(screen.getByText('本轮已结束')).toBeTruthy()
    expect(document.querySelector('.masks-stepper__value')?.textContent).toBe('2 个')
    expect(reservationsAt(backend, roundId)).toHaveLength(0)
  })

  it("says the person already has this round's reservation and links to it", async () => {
    const { backend, roundId, token } = await setUpReserve()
    await reserve(backend, token, { roundId, outletId: 'o310115-01', quantity: 2 })
    await openReserve()
    expect(await screen.findByText(/你本轮已在「.+」预约 2 个，每个证件每轮只能预约一次。/)).toBeTruthy()
    await tap('查看我的预约 ›')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/masks/pages/mine/index' })
  })

  it('shows ALREADY_RESERVED from the server when another device reserved meanwhile', async () => {
    const { backend, roundId, token } = await setUpReserve()
    await openReserve()
    await reserve(backend, token, { roundId, outletId: 'o310115-01', quantity: 1 })
    await tap('提交预约')
    expect(await screen.findByText(/你本轮已在「.+」预约 1 个，每个证件每轮只能预约一次。/)).toBeTruthy()
    expect(screen.getByText('查看我的预约 ›')).toBeTruthy()
    expect(reservationsAt(backend, roundId)).toHaveLength(1)
  })

  it('keeps the choice when the answer is lost, and a second tap makes no second reservation', async () => {
    const { backend, roundId } = await setUpReserve()
    // The request reaches the server, but every answer to it is lost on the way back.
    let loseAnswers = true
    const keys: string[] = []
    const real = inProcessTransport(backend)
    const flaky: Transport = async (req) => {
      const res = await real(req)
      if (req.method === 'POST' && req.url.endsWith('/masks/reservations')) {
        keys.push(req.headers['Idempotency-Key'])
        if (loseAnswers) throw new TransportFailure('request:fail timeout', true)
      }
      return res
    }
    api.setTransport(flaky)
    await openReserve()
    await tap(screen.getByLabelText('增加'))
    await tap('提交预约')
    expect(await screen.findByText(/请求超时，请稍后重试.*再点一次提交不会重复预约/)).toBeTruthy()
    expect(document.querySelector('.masks-stepper__value')?.textContent).toBe('2 个')
    expect(redirect).not.toHaveBeenCalled()
    await waitFor(() => expect(storedDraft()?.quantity).toBe(2))
    expect(storedDraft()?.attempt?.key).toBe(keys[0])

    loseAnswers = false
    await tap('提交预约')
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/masks/pages/mine/index' }))
    expect(new Set(keys).size).toBe(1)
    expect(keys.length).toBeGreaterThan(1)
    expect(reservationsAt(backend, roundId).map((r) => r.quantity)).toEqual([2])
    expect(stockOf(state(backend), roundId, OUTLET).remaining).toBe(48)
  })

  it('keeps the choice when the page is opened again after a failed submit', async () => {
    const { backend, roundId } = await setUpReserve()
    const real = inProcessTransport(backend)
    let offline = true
    api.setTransport(async (req) => {
      if (offline && req.method === 'POST') throw new TransportFailure('request:fail', false)
      return real(req)
    })
    const first = renderPage(<ReservePage />, { path: RESERVE_PATH, params: { outletId: OUTLET } })
    await screen.findByText('领取网点')
    for (let i = 0; i < 3; i += 1) {
      await tap(screen.getByLabelText('增加'))
    }
    await tap('提交预约')
    expect(await screen.findByText(/网络连接不畅/)).toBeTruthy()
    first.unmount()

    offline = false
    await openReserve()
    expect(screen.getByText('4 个')).toBeTruthy()
    await tap('提交预约')
    await waitFor(() => expect(redirect).toHaveBeenCalled())
    expect(reservationsAt(backend, roundId).map((r) => r.quantity)).toEqual([4])
  })

  it('says what to do when the page cannot load', async () => {
    await setUpReserve()
    api.setTransport(async () => {
      throw new TransportFailure('request:fail', false)
    })
    renderPage(<ReservePage />, { path: RESERVE_PATH, params: { outletId: OUTLET } })
    expect(await screen.findByText('预约信息没有加载出来')).toBeTruthy()
    expect(screen.getByText(/网络连接不畅.*请检查网络后重试/)).toBeTruthy()
    expect(screen.getByText('重新加载')).toBeTruthy()
  })

  it('enters a lottery with its own words and the draw time', async () => {
    const { backend, roundId } = await setUpReserve(lotteryRound({ stockPerOutlet: 3 }))
    await openReserve()
    expect(screen.getByText('本轮投放 3 个')).toBeTruthy()
    expect(screen.getByText('2月10日 21:00')).toBeTruthy()
    await tap('登记抽签')
    await waitFor(() => expect(redirect).toHaveBeenCalled())
    const question = confirmSpy.mock.calls[0][0] as { title: string; content: string }
    expect(question.title).toBe('确认登记')
    expect(question.content).toContain('2月10日 21:00 抽签')
    expect(reservationsAt(backend, roundId).map((r) => r.state)).toEqual(['entered'])
  })
})
