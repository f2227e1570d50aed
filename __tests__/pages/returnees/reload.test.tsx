/**
 * Coming back to a page reloads it in the background. When that reload fails, the page keeps what
 * it shows and says the refresh failed: it is never swapped for a load-error screen.
 */
import { act, screen } from '@testing-library/react'
import ConsolePage from '@/returnees/pages/console/index'
import StatusPage from '@/returnees/pages/status/index'
import { testBackend } from '../../helpers/backend'
import { renderPage } from '../../helpers/pages'
import { declarationBody, declare } from '../../helpers/returnees'
import { faultyNet, reads } from '../faults'
import { asCitizen, asWorker } from './setup'

// The page shown again (coming back from another page), on demand: Taro's didShow has no test hook.
const mockReshows: (() => void)[] = []
jest.mock('@/core/hooks/useReshow', () => ({
  useReshow: (fn: () => void) => {
    mockReshows.push(fn)
  },
}))
async function showAgain() {
  const latest = mockReshows.slice()
  mockReshows.length = 0
  await act(async () => {
    // Every hook call of the last render registered its callback: run each once.
    for (const fn of new Set(latest)) fn()
  })
}

beforeEach(() => {
  mockReshows.length = 0
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => jest.restoreAllMocks())

describe('a failed reload on coming back', () => {
  it('keeps the console’s numbers and list, and says the refresh failed', async () => {
    const backend = testBackend()
    await asWorker(backend)
    const net = faultyNet(backend)
    renderPage(<ConsolePage />, { path: '/returnees/pages/console/index' })
    expect(await screen.findByText('全部：共 14 人')).toBeTruthy()
    net.set(reads('drop'))
    await showAgain()
    expect(await screen.findByText(/刷新失败.*网络连接不畅/)).toBeTruthy()
    expect(screen.queryByText('名单没有加载出来')).toBeNull()
    expect(screen.queryByText('今日数字没有加载出来')).toBeNull()
    expect(screen.getByText('全部：共 14 人')).toBeTruthy()
    expect(screen.getByText('今日还未打卡')).toBeTruthy()
  })

  it('keeps a citizen’s status', async () => {
    const backend = testBackend()
    const person = await asCitizen(backend)
    await declare(backend, person.token, declarationBody(backend, { arrivalAgo: 3 }))
    const net = faultyNet(backend)
    renderPage(<StatusPage />, { path: '/returnees/pages/status/index' })
    expect(await screen.findByText('居家观察第 4 天')).toBeTruthy()
    net.set(reads('drop'))
    await showAgain()
    expect(await screen.findByText(/刷新失败.*网络连接不畅/)).toBeTruthy()
    expect(screen.queryByText('登记信息没有加载出来')).toBeNull()
    expect(screen.getByText('居家观察第 4 天')).toBeTruthy()
  })
})
