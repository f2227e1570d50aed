import type { ReturneesState } from '@/mock/returnees/state'
import { verifiedCitizen, testBackend } from '../helpers/backend'
import { clearWeappStorage, hostPage, type HostedPage } from './harness'

// Each test hosts the page twice (see openAsVerified); a busy machine needs more than 5 s.
jest.setTimeout(30_000)

beforeEach(() => {
  jest.resetModules()
  clearWeappStorage()
})

const DECLARE = 'returnees/pages/declare/index'

type WxStorage = { setStorageSync(key: string, value: unknown): void; removeStorageSync(key: string): void }

/**
 * The declaration page needs a verified person. The first visit makes this device's login key;
 * the test then points the device at a verified account (the mock maps one login code to one
 * account) and opens the page again, as a relaunch would.
 */
async function openAsVerified(): Promise<{ page: HostedPage; backend: ReturnType<typeof testBackend>; docNumber: string }> {
  const backend = testBackend()
  const person = await verifiedCitizen(backend, 'returnees-weapp-citizen', { name: '欧阳娜娜' })
  const first = await hostPage(DECLARE, backend)
  // Wait for its silent log-in to finish (the guard then sends the unverified device to verify).
  await first.waitUntil(
    () => first.navigations.some((url) => url.startsWith('/pages/verify/index')),
    'the redirect to verification',
    15_000,
  )
  first.unload()
  const wx = (globalThis as unknown as { wx: WxStorage }).wx
  wx.setStorageSync('app:device-key', JSON.stringify('returnees-weapp-citizen'))
  wx.removeStorageSync('p:session')
  jest.resetModules()
  const page = await hostPage(DECLARE, backend)
  await page.waitForText('提交登记', 15_000).catch((e: Error) => {
    throw new Error(`${e.message}; the page says: ${page.text()} ; went to: ${page.navigations.join(', ')}`)
  })
  return { page, backend, docNumber: person.docNumber }
}

/** Waits until the region lists have arrived (their pickers say 正在加载… until then). */
async function regionsLoaded(page: HostedPage): Promise<void> {
  await page.waitUntil(() => !page.text().includes('正在加载…'), 'the region lists to arrive (no more "正在加载…")', 15_000)
}

describe('declaration page, weapp build', () => {
  it('renders the identity from the session and the statement; an empty submit shows field errors and sends nothing', async () => {
    const { page } = await openAsVerified()
    expect(page.text()).toContain('欧阳娜娜 · 110***********')
    expect(page.text()).toContain('这些信息用来做什么')
    await page.tap('btn--primary', '提交登记')
    await page.waitForText('请选择出发的省份')
    expect(page.text()).toContain('请选择交通方式')
    expect(page.text()).toContain('请填写体温')
    expect(page.requests.filter((r) => r.url.includes('/returnees/declarations') && r.method === 'POST')).toHaveLength(0)
    page.unload()
  })

  it('declares through the pickers and inputs and goes to the status page', async () => {
    const { page, backend, docNumber } = await openAsVerified()
    await regionsLoaded(page)
    await page.pick('originProvince', 15) // 湖北省 (Shanghai is not offered)
    await page.waitForText('湖北省')
    await page.waitForText('出发城市')
    await regionsLoaded(page)
    await page.pick('originCity', 0) // 武汉市
    await page.waitForText('武汉市')
    await page.pick('transport-mode', 1) // 火车
    await page.waitForText('车次')
    await page.input('transport-number', 'G1722')
    await page.pick('arrivalDate', '2020-02-09')
    await page.pick('departureDate', '2020-02-08')
    await page.pick('district', 0)
    await page.waitForText('街道（镇）')
    await regionsLoaded(page)
    await page.pick('street', 0)
    await page.waitForText('居委会（村）')
    await regionsLoaded(page)
    await page.pick('residence-communityId', 0)
    await page.waitForText('云南中路居委会')
    await page.input('residence-address', '云南中路 18 弄 3 号 201 室')
    await page.input('temperature', '36.6')
    await page.tap('returnees-chip', '没有接触')
    // Chosen (the chip ticks) before the submit reads the answers.
    await page.waitForText('✓ 没有接触')
    await page.tap('btn--primary', '提交登记')
    await page.waitUntil(() => page.navigations.includes('/returnees/pages/status/index'), 'the way to the status page, declared', 10_000)
    const d = Object.values((backend.db.services.returnees as ReturneesState).declarations).find((x) => x.subject.docNumber === docNumber)
    expect(d).toMatchObject({
      originRegion: '420100',
      riskLevel: 'high',
      status: 'flagged',
      transport: { mode: 'train', number: 'G1722' },
      departureDate: '2020-02-08',
      arrivalDate: '2020-02-09',
      residence: { communityId: '310101002001', address: '云南中路 18 弄 3 号 201 室' },
      health: { temperature: 36.6, symptoms: [], contactWithCases: false },
    })
    page.unload()
  })
})
