/**
 * The masks forms on a bad network: the submit fails (a 500, or the answer lost after the server
 * acted) and every reload behind it fails too. The choice stays on screen, the reason is said
 * beside the button, the retry carries the same Idempotency-Key, and nothing is made twice.
 */
import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { login } from '@/core/session/session'
import type { Backend } from '@/mock/backend'
import { reservationOf, stockOf, type MasksState } from '@/mock/masks/state'
import ReservePage from '@/masks/pages/reserve/index'
import PickupPage from '@/masks/pages/pickup/index'
import { verifiedCitizen } from '../../helpers/backend'
import { T, firstComeRound, masksBackend, ms, reserve, startRound } from '../../helpers/masks'
import { tap, type } from '../../helpers/drive'
import { freshApp, renderPage } from '../../helpers/pages'
import { both, expectBesideButton, faultyNet, reads, writesTo, type Fault } from '../faults'

const OUTLET = 'o310101-01'
let redirect: jest.SpyInstance

beforeEach(() => {
  jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'ok', content: '' }))
  redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
  jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
})
afterEach(() => jest.restoreAllMocks())

const masks = (backend: Backend) => backend.db.services.masks as MasksState

describe('reserve on a bad network', () => {
  async function openReserve(stockPerOutlet = 50) {
    const backend = masksBackend()
    const { round } = startRound(backend, firstComeRound({ stockPerOutlet }))
    verifiedCitizen(backend, 'net-person', { name: '王小明' })
    freshApp(backend)
    await login('net-person')
    const net = faultyNet(backend)
    renderPage(<ReservePage />, { path: '/masks/pages/reserve/index', params: { outletId: OUTLET } })
    await screen.findByText('领取网点')
    await tap(screen.getByLabelText('增加'))
    await tap(screen.getByLabelText('增加'))
    expect(screen.getByText('3 个')).toBeTruthy()
    return { backend, net, roundId: round.id }
  }

  it.each<[string, Fault, RegExp]>([
    ['a 500', 'fail', /服务暂时出错.*再点一次提交不会重复预约/],
    ['a dropped request', 'drop', /网络连接不畅.*再点一次提交不会重复预约/],
    ['an answer lost after the server acted', 'lose', /请求超时.*再点一次提交不会重复预约/],
  ])('keeps the page and the choice after %s, with every reload failing too, and retries with the same key', async (_what, fault, said) => {
    const { backend, net, roundId } = await openReserve()
    net.set(both(writesTo('/masks/reservations', fault), reads('drop')))
    await tap('提交预约')
    await waitFor(() => expectBesideButton(said, '提交预约'))
    // The page is still the form with the choice, never the load-error screen.
    expect(screen.queryByText('预约信息没有加载出来')).toBeNull()
    expect(screen.getByText('领取网点')).toBeTruthy()
    expect(screen.getByText('3 个')).toBeTruthy()
    expect(redirect).not.toHaveBeenCalled()

    net.set(null)
    await tap('提交预约')
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/masks/pages/mine/index' }))
    const keys = net.keys('POST', '/masks/reservations')
    expect(keys.length).toBeGreaterThan(1)
    expect(new Set(keys).size).toBe(1)
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(Object.values(masks(backend).reservations).filter((r) => r.roundId === roundId)).toHaveLength(1)
    expect(stockOf(masks(backend), roundId, OUTLET).remaining).toBe(47)
  })

  it('keeps the page when a refusal reloads the outlet and that reload fails', async () => {
    const { backend, net, roundId } = await openReserve(4)
    // Someone faster took the last place meanwhile: the refusal is final and the page reloads.
    reserve(backend, verifiedCitizen(backend, 'faster').token, { roundId, outletId: OUTLET, quantity: 2 })
    net.set(reads('fail'))
    await tap('提交预约')
    await waitFor(() => expectBesideButton(/这个网点只剩 2 个/, '提交预约'))
    expect(screen.queryByText('预约信息没有加载出来')).toBeNull()
    expect(screen.getByText('3 个')).toBeTruthy()
  })
})

describe('pickup on a bad network', () => {
  it.each<[string, Fault, RegExp]>([
    ['a 500', 'fail', /服务暂时出错.*不会重复核销/],
    ['an answer lost after the hand-over', 'lose', /请求超时.*不会重复核销/],
  ])('keeps the code after %s, says so beside the button, and hands over once with the same key', async (_what, fault, said) => {
    const backend = masksBackend()
    const { round } = startRound(backend, firstComeRound({ stockPerOutlet: 10 }))
    const r = reserve(backend, verifiedCitizen(backend, 'at-counter', { name: '赵四' }).token, {
      roundId: round.id,
      outletId: OUTLET,
      quantity: 3,
    })
    backend.clock.set(ms(T(1, '10:00')))
    freshApp(backend)
    await login(`staff:${OUTLET}`)
    const net = faultyNet(backend)
    renderPage(<PickupPage />, { path: '/masks/pages/pickup/index' })
    await screen.findByText('市民的取件码')
    type('pickupCode', r.pickupCode!)
    net.set(both(writesTo('/masks/pickups', fault), reads('drop')))
    await tap('核销取件码')
    await waitFor(() => expectBesideButton(said, '核销取件码'))
    expect((document.querySelector('input[name="pickupCode"]') as HTMLInputElement).value).toBe(r.pickupCode)

    net.set(null)
    await tap('核销取件码')
    expect(await screen.findByText('核销成功，请发放')).toBeTruthy()
    const keys = net.keys('POST', '/masks/pickups')
    expect(new Set(keys).size).toBe(1)
    expect(reservationOf(masks(backend), r.id).state).toBe('picked_up')
  })
})
