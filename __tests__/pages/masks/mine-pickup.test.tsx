import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import qrcode from 'qrcode-generator'
import { login } from '@/core/session/session'
import type { Backend } from '@/mock/backend'
import { reservationOf, stockOf, type MasksState } from '@/mock/masks/state'
import MinePage from '@/masks/pages/mine/index'
import PickupPage from '@/masks/pages/pickup/index'
import { call, login as staffLogin, verifiedCitizen } from '../../helpers/backend'
import { T, currentRound, firstComeRound, lotteryRound, masksBackend, ms, reserve, startRound } from '../../helpers/masks'
import { tap, type, wholeText } from '../../helpers/drive'
import { freshApp, renderPage } from '../../helpers/pages'
import { OUTLET, counter } from './setup'

let modal: jest.SpyInstance

beforeEach(() => {
  modal = jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'ok', content: '' }))
  jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
})
afterEach(() => jest.restoreAllMocks())

const stock = (backend: Backend, roundId: string) => stockOf(backend.db.services.masks as MasksState, roundId, OUTLET).remaining

/**
 * The image a scanner reads: jsdom cannot decode pixels, so compare with what qrcode-generator
 * draws for exactly these digits (the browser check decodes the real screenshot).
 */
function qrFor(code: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(code, 'Numeric')
  qr.make()
  return qr.createDataURL(8, 4)
}

describe('my reservations', () => {
  it("shows a reservation's code large, its QR, the window and the masked holder, and cancels it", async () => {
    const backend = masksBackend()
    const { round } = await startRound(backend, firstComeRound({ stockPerOutlet: 10 }))
    const person = await verifiedCitizen(backend, 'mine-owner', { name: '王小明' })
    const r = await reserve(backend, person.token, { roundId: round.id, outletId: OUTLET, quantity: 4 })
    freshApp(backend)
    await login('mine-owner')
    renderPage(<MinePage />, { path: '/masks/pages/mine/index' })
    const code = r.pickupCode!
    expect(await screen.findByText(`${code.slice(0, 4)} ${code.slice(4)}`)).toBeTruthy()
    expect(screen.getByText('已预约，待领取')).toBeTruthy()
    expect(screen.getByText(wholeText(/你有 4 个口罩待领取/))).toBeTruthy()
    expect(document.querySelector('.masks-qr img')?.getAttribute('src')).toBe(qrFor(code))
    expect(screen.getByRole('img', { name: '取件二维码，领取时出示给发放点工作人员扫码' })).toBeTruthy()
    expect(screen.getByText(wholeText('2月11日 09:00 至 2月13日 20:00'))).toBeTruthy()
    expect(screen.getByText(`王**（${person.docNumber.slice(0, 3)}***********${person.docNumber.slice(-4)}）`)).toBeTruthy()
    expect(document.body.textContent).not.toContain('王小明')
    expect(document.body.textContent).not.toContain(person.docNumber)

    await tap('取消预约')
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '取消预约' })
    expect((modal.mock.calls[0][0] as { content: string }).content).toContain('4 个口罩')
    expect(await screen.findByText('已取消')).toBeTruthy()
    expect(screen.queryByText(`${code.slice(0, 4)} ${code.slice(4)}`)).toBeNull()
    expect(stock(backend, round.id)).toBe(10)
  })

  it('keeps the reservation when the person does not confirm the cancel', async () => {
    modal.mockImplementation(async () => ({ confirm: false, cancel: true, errMsg: 'ok', content: '' }))
    const backend = masksBackend()
    const { round } = await startRound(backend, firstComeRound({ stockPerOutlet: 10 }))
    await reserve(backend, (await verifiedCitizen(backend, 'keeper')).token, { roundId: round.id, outletId: OUTLET, quantity: 2 })
    freshApp(backend)
    await login('keeper')
    renderPage(<MinePage />, { path: '/masks/pages/mine/index' })
    await tap(await screen.findByText('取消预约'))
    expect(screen.getByText('已预约，待领取')).toBeTruthy()
    expect(stock(backend, round.id)).toBe(8)
  })

  it('tells a lottery entrant when the draw is, and afterwards whether they won', async () => {
    const backend = masksBackend()
    const { round } = await startRound(backend, lotteryRound({ stockPerOutlet: 0 }))
    await reserve(backend, (await verifiedCitizen(backend, 'entrant')).token, { roundId: round.id, outletId: OUTLET, quantity: 1 })
    freshApp(backend)
    await login('entrant')
    const view = renderPage(<MinePage />, { path: '/masks/pages/mine/index' })
    expect(await screen.findByText('已登记，等待抽签')).toBeTruthy()
    expect(screen.getByText(wholeText('2月10日 21:00 抽签，结果会显示在这里。'))).toBeTruthy()
    expect(screen.getByText('放弃这次登记')).toBeTruthy()
    view.unmount()
    backend.clock.set(ms(T(0, '21:00')))
    renderPage(<MinePage />, { path: '/masks/pages/mine/index' })
    expect(await screen.findByText('未中签')).toBeTruthy()
    expect(screen.getByText(/这一轮没有抽中/)).toBeTruthy()
    expect(screen.queryByText('放弃这次登记')).toBeNull()
  })

  it('says what to do when there is nothing yet', async () => {
    const backend = masksBackend()
    await verifiedCitizen(backend, 'newcomer')
    freshApp(backend)
    await login('newcomer')
    renderPage(<MinePage />, { path: '/masks/pages/mine/index' })
    expect(await screen.findByText('你还没有口罩预约')).toBeTruthy()
    await tap('去预约')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/masks/pages/round/index' })
  })

  it('sends an unverified person to verification first', async () => {
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    freshApp(masksBackend())
    renderPage(<MinePage />, { path: '/masks/pages/mine/index' })
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: expect.stringMatching(/^\/pages\/verify\/index\?redirect=/) }))
    expect(screen.getByText('正在确认你的身份…')).toBeTruthy()
  })
})

describe('staff pickup', () => {
  it('takes a typed code, hands over, and shows the quantity and the masked holder', async () => {
    const { backend, code, id } = await counter()
    expect(await screen.findByText(/（.+店）$/)).toBeTruthy()
    type('pickupCode', code)
    await tap('核销取件码')
    expect(await screen.findByText('核销成功，请发放')).toBeTruthy()
    expect(screen.getByText('3 个口罩')).toBeTruthy()
    expect(screen.getByText(/领取人：赵\*（110\*{11}\d{3}[\dX]），请核对证件后发放。/)).toBeTruthy()
    expect(reservationOf(backend.db.services.masks as MasksState, id).state).toBe('picked_up')
  })

  it('reads a scanned QR code and hands over', async () => {
    const { code } = await counter()
    jest
      .spyOn(Taro, 'scanCode')
      .mockImplementation(async () => ({ result: code, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '', errMsg: 'ok' }))
    await tap('扫描市民的二维码')
    expect(await screen.findByText('核销成功，请发放')).toBeTruthy()
  })

  it.each([
    ['a wrong code', async () => '00000000', '不能发放：没有这个取件码'],
    [
      'a used code',
      async (b: Backend, code: string) => {
        await call(b, 'POST', '/masks/pickups', { token: (await staffLogin(b, `staff:${OUTLET}`)).token, body: { pickupCode: code } })
        return code
      },
      '不能发放：这个取件码已经领过了',
    ],
    [
      "another outlet's code",
      async (b: Backend) => {
        const now = b.clock.now()
        b.clock.set(ms(T(0, '11:00')))
        const { round } = await currentRound(b)
        const other = await reserve(b, (await verifiedCitizen(b, 'elsewhere')).token, {
          roundId: round.id,
          outletId: 'o310104-01',
          quantity: 1,
        })
        b.clock.set(now)
        return other.pickupCode!
      },
      '不能发放：不是本网点的取件码',
    ],
  ])('refuses %s with the reason', async (_what, prepare, words) => {
    const { backend, code } = await counter()
    type('pickupCode', await prepare(backend, code))
    await tap('核销取件码')
    expect(await screen.findByText(words)).toBeTruthy()
  })

  it('refuses a code before the pickup window, and says when it starts', async () => {
    const { code } = await counter(T(0, '15:00'))
    type('pickupCode', code)
    await tap('核销取件码')
    expect(await screen.findByText('不能发放：还没到领取时间')).toBeTruthy()
    expect(screen.getByText(/2月11日 09:00 起可以领取/)).toBeTruthy()
  })

  it('asks for 8 digits before sending anything', async () => {
    await counter()
    type('pickupCode', '1234')
    await tap('核销取件码')
    expect(screen.getByText('取件码是 8 位数字，请核对')).toBeTruthy()
  })

  it('is only for outlet staff', async () => {
    const backend = masksBackend()
    await verifiedCitizen(backend, 'curious')
    freshApp(backend)
    await login('curious')
    renderPage(<PickupPage />, { path: '/masks/pages/pickup/index' })
    expect(await screen.findByText('这个页面供口罩发放网点的工作人员使用')).toBeTruthy()
  })
})
