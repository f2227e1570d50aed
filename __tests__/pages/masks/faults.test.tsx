/**
 * The masks forms on a bad network: the submit fails (a 500, or the answer lost after the server
 * acted) and every reload behind it fails too. The choice stays on screen, the reason is said
 * beside the button, the retry carries the same Idempotency-Key, and nothing is made twice.
 */
import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Backend } from '@/mock/backend'
import { reservationOf, stockOf, type MasksState } from '@/mock/masks/state'
import { verifiedCitizen } from '../../helpers/backend'
import { firstComeRound, reserve } from '../../helpers/masks'
import { tap, type, valueOf } from '../../helpers/drive'
import { expectBesideButton, expectOneKey, failThenRetry, faultRows, faultyNet, reads } from '../faults'
import { OUTLET, counter, openReserve, setUpReserve } from './setup'

let redirect: jest.SpyInstance

beforeEach(() => {
  jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'ok', content: '' }))
  redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
  jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
})
afterEach(() => jest.restoreAllMocks())

const masks = (backend: Backend) => backend.db.services.masks as MasksState

describe('reserve on a bad network', () => {
  async function openWithThree(stockPerOutlet = 50) {
    const { backend, roundId } = await setUpReserve(firstComeRound({ stockPerOutlet }), 'net-person')
    const net = faultyNet(backend)
    await openReserve()
    await tap(screen.getByLabelText('增加'))
    await tap(screen.getByLabelText('增加'))
    expect(screen.getByText('3 个')).toBeTruthy()
    return { backend, net, roundId }
  }

  it.each(faultRows({ then: '再点一次提交不会重复预约' }))(
    'keeps the page and the choice after %s, with every reload failing too, and retries with the same key',
    async (_what, fault, said) => {
      const { backend, net, roundId } = await openWithThree()
      await failThenRetry(net, { path: '/masks/reservations', fault, said, button: '提交预约' }, () => {
        // The page is still the form with the choice, never the load-error screen.
        expect(screen.queryByText('预约信息没有加载出来')).toBeNull()
        expect(screen.getByText('领取网点')).toBeTruthy()
        expect(screen.getByText('3 个')).toBeTruthy()
        expect(redirect).not.toHaveBeenCalled()
      })
      await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/masks/pages/mine/index' }))
      const keys = net.keys('POST', '/masks/reservations')
      expect(keys.length).toBeGreaterThan(1)
      expectOneKey(keys)
      expect(Object.values(masks(backend).reservations).filter((r) => r.roundId === roundId)).toHaveLength(1)
      expect(stockOf(masks(backend), roundId, OUTLET).remaining).toBe(47)
    },
  )

  it('keeps the page when a refusal reloads the outlet and that reload fails', async () => {
    const { backend, net, roundId } = await openWithThree(4)
    // Someone faster took the last place meanwhile: the refusal is final and the page reloads.
    await reserve(backend, (await verifiedCitizen(backend, 'faster')).token, { roundId, outletId: OUTLET, quantity: 2 })
    net.set(reads('fail'))
    await tap('提交预约')
    await waitFor(() => expectBesideButton(/这个网点只剩 2 个/, '提交预约'))
    expect(screen.queryByText('预约信息没有加载出来')).toBeNull()
    expect(screen.getByText('3 个')).toBeTruthy()
  })
})

describe('pickup on a bad network', () => {
  it.each(faultRows({ then: '不会重复核销', lost: 'the hand-over', only: ['fail', 'lose'] }))(
    'keeps the code after %s, says so beside the button, and hands over once with the same key',
    async (_what, fault, said) => {
      const { backend, code, id } = await counter()
      const net = faultyNet(backend)
      type('pickupCode', code)
      await failThenRetry(net, { path: '/masks/pickups', fault, said, button: '核销取件码' }, () => {
        expect(valueOf('pickupCode')).toBe(code)
      })
      expect(await screen.findByText('核销成功，请发放')).toBeTruthy()
      const keys = net.keys('POST', '/masks/pickups')
      expect(new Set(keys).size).toBe(1)
      expect(reservationOf(masks(backend), id).state).toBe('picked_up')
    },
  )
})
