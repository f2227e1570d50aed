import { testBackend } from '../helpers/backend'
import { clearWeappStorage, hostPage } from './harness'

beforeEach(() => {
  jest.resetModules()
  clearWeappStorage()
})

describe('home page, weapp build', () => {
  it('logs in silently and lists what needs attention and every service', async () => {
    const backend = testBackend()
    const home = await hostPage('pages/home/index', backend)
    await home.waitForText('完成实名认证')
    expect(home.text()).toContain('口罩预约')
    home.unload()
  })
})
