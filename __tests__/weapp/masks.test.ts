import type { MasksState } from '@/mock/masks/state'
import { testBackend, verifiedCitizen } from '../helpers/backend'
import { firstComeRound, startRound } from '../helpers/masks'
import { clearWeappStorage, hostPage, type HostedPage } from './harness'

// Each test hosts the page twice (see openAsVerified); a busy machine needs more than 5 s.
jest.setTimeout(30_000)

beforeEach(() => {
  jest.resetModules()
  clearWeappStorage()
})

const RESERVE = 'masks/pages/reserve/index'
const OUTLET = 'o310101-01'

type WxStorage = { setStorageSync(key: string, value: unknown): void; removeStorageSync(key: string): void }

/**
 * The reserve page needs a verified person. The first visit makes this device's login key (and
 * is sent to verification); the device is then pointed at a verified account and the page opened
 * again, as a relaunch would.
 */
async function openAsVerified(stock: number): Promise<{ page: HostedPage; backend: ReturnType<typeof testBackend>; roundId: string }> {
  const backend = testBackend()
  const { round } = await startRound(backend, firstComeRound({ stockPerOutlet: stock }))
  await verifiedCitizen(backend, 'masks-weapp-citizen', { name: '周五' })
  const first = await hostPage(RESERVE, backend, { outletId: OUTLET })
  await first.waitUntil(
    () => first.navigations.some((url) => url.startsWith('/pages/verify/index')),
    'the redirect to verification',
    15_000,
  )
  first.unload()
  const wx = (globalThis as unknown as { wx: WxStorage }).wx
  wx.setStorageSync('app:device-key', JSON.stringify('masks-weapp-citizen'))
  wx.removeStorageSync('p:session')
  jest.resetModules()
  const page = await hostPage(RESERVE, backend, { outletId: OUTLET })
  await page.waitForText('领取网点', 15_000).catch((e: Error) => {
    throw new Error(`${e.message}; the page says: ${page.text()} ; went to: ${page.navigations.join(', ')}`)
  })
  return { page, backend, roundId: round.id }
}

describe('reserve page, weapp build', () => {
  it('renders the outlet, steps the quantity and reserves once', async () => {
    const { page, backend, roundId } = await openAsVerified(20)
    const state = () => backend.db.services.masks as MasksState
    expect(page.text()).toContain('剩余 20 个')
    expect(page.text()).toContain('2月11日 09:00 至 2月13日 20:00')
    expect(page.text()).toContain('1 个')
    await page.tap('masks-stepper__btn', '+')
    await page.waitForText('2 个')
    await page.tap('btn--primary', '提交预约')
    await page.waitUntil(() => page.navigations.includes('/masks/pages/mine/index'), 'the way to my reservations', 15_000)
    const made = Object.values(state().reservations).filter((r) => r.roundId === roundId)
    expect(made.map((r) => [r.outletId, r.quantity, r.state])).toEqual([[OUTLET, 2, 'reserved']])
    expect(page.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/masks/reservations'))).toHaveLength(1)
    page.unload()
  })

  it('shows a sold-out outlet in words and keeps the button from sending', async () => {
    const { page, backend, roundId } = await openAsVerified(0)
    expect(page.text()).toContain('这个网点本轮的口罩已经约完了，请换一个网点。')
    // `tap` returns once the page has settled after the tap: a submit that got through would
    // have sent its POST by then.
    await page.tap('btn--primary', '提交预约')
    expect(Object.values((backend.db.services.masks as MasksState).reservations).filter((r) => r.roundId === roundId)).toHaveLength(0)
    expect(page.requests.some((r) => r.method === 'POST' && r.url.includes('/masks/'))).toBe(false)
    page.unload()
  })
})
