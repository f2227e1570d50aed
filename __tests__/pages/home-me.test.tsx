import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import HomePage from '@/pages/home/index'
import MePage from '@/pages/me/index'
import LoginPage from '@/pages/login/index'
import { api, TransportFailure } from '@/core/api'
import { getSessionState, login } from '@/core/session/session'
import { largeTextEnabled, setLargeTextPreference } from '@/core/ui'
import { dictGet } from '@/mock/core/dict'
import { testBackend, verifiedCitizen } from '../helpers/backend'
import { tap } from '../helpers/drive'
import { freshApp, renderPage } from '../helpers/pages'

afterEach(() => {
  jest.restoreAllMocks()
  setLargeTextPreference('auto')
})

describe('home page', () => {
  it('asks an unverified person to verify and lists every service', async () => {
    freshApp()
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderPage(<HomePage />)
    expect(await screen.findByText('完成实名认证')).toBeTruthy()
    expect(screen.getByText('待办')).toBeTruthy()
    for (const title of ['口罩预约', '返沪人员登记', '招聘岗位']) expect(screen.getByText(title)).toBeTruthy()
    await tap('完成实名认证')
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/verify/index' })
  })

  it('greets a verified person by name and gives a worker their console', async () => {
    const backend = freshApp()
    await login('worker:310101002001')
    renderPage(<HomePage />)
    const name = dictGet(backend.db.core.accounts, getSessionState().user!.id)!.identity!.name
    expect(await screen.findByText(`${name}，你好`)).toBeTruthy()
    expect(screen.getByText('社区返沪人员管理')).toBeTruthy()
    expect(screen.queryByText('完成实名认证')).toBeNull()
  })

  it('says what went wrong when the to-do list cannot load, and keeps the services usable', async () => {
    freshApp()
    await login()
    api.setTransport(async () => {
      throw new TransportFailure('request:fail', false)
    })
    renderPage(<HomePage />)
    expect(await screen.findByText('待办没有加载出来')).toBeTruthy()
    expect(screen.getByText(/网络连接不畅/)).toBeTruthy()
    expect(screen.getByText('口罩预约')).toBeTruthy()
  })
})

describe('我的', () => {
  it('shows the owner their name and only masked numbers', async () => {
    const backend = testBackend()
    const person = await verifiedCitizen(backend, 'me-owner', { name: '孙八' })
    freshApp(backend)
    // The same device key → the same account: log this device in as that person.
    await login('me-owner')
    renderPage(<MePage />, { path: '/pages/me/index' })
    expect(await screen.findByText('孙八')).toBeTruthy()
    expect(screen.getByText(`${person.docNumber.slice(0, 3)}***********${person.docNumber.slice(-4)}`)).toBeTruthy()
    expect(document.body.textContent).not.toContain(person.docNumber)
    expect(document.body.textContent).not.toContain(person.phone)
  })

  it('turns 长辈模式 on: larger tokens for the whole screen', async () => {
    freshApp()
    await login()
    const { container } = renderPage(<MePage />, { path: '/pages/me/index' })
    expect(container.querySelector('.screen--large')).toBeNull()
    // The whole row is the switch, named by its words and saying whether it is on.
    const row = screen.getByRole('switch', { name: '长辈模式' })
    expect(row.getAttribute('aria-checked')).toBe('false')
    await tap(row)
    expect(container.querySelector('.screen--large')).not.toBeNull()
    expect(screen.getByRole('switch', { name: '长辈模式' }).getAttribute('aria-checked')).toBe('true')
    expect(screen.getByText('改为跟随微信字体设置')).toBeTruthy()
    await tap(screen.getByRole('switch', { name: '长辈模式' }))
    expect(container.querySelector('.screen--large')).toBeNull()
  })

  it('follows WeChat’s own font size until the person chooses', () => {
    expect(largeTextEnabled('auto', 16)).toBe(false)
    expect(largeTextEnabled('auto', 17)).toBe(false)
    expect(largeTextEnabled('auto', 18)).toBe(true)
    expect(largeTextEnabled('auto', undefined)).toBe(false)
    expect(largeTextEnabled('off', 24)).toBe(false)
    expect(largeTextEnabled('on', 16)).toBe(true)
  })

  it('logs out after a confirmation and forgets the person', async () => {
    freshApp()
    await login()
    jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'ok', content: '' }))
    renderPage(<MePage />, { path: '/pages/me/index' })
    await tap(await screen.findByText('退出登录'))
    await waitFor(() => expect(getSessionState().status).toBe('signed-out'))
    expect(Object.keys(localStorage).filter((k) => k.startsWith('p:'))).toEqual([])
    expect(await screen.findByText('你还没有登录。')).toBeTruthy()
  })
})

describe('login page', () => {
  it('logs in with a demo worker code and goes back where the person was going', async () => {
    freshApp()
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderPage(<LoginPage />, { path: '/pages/login/index', params: { redirect: encodeURIComponent('/returnees/pages/console/index') } })
    // Folded until asked for; each role is said in words and fills its own code.
    expect(document.querySelector('input[name="demoCode"]')).toBeNull()
    expect(document.body.textContent).not.toContain('worker:')
    await tap('演示账号')
    await tap(/云南中路居委会/)
    expect((document.querySelector('input[name="demoCode"]') as HTMLInputElement).value).toBe('worker:310101002001')
    await tap('用登录码登录')
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/returnees/pages/console/index' }))
    expect(getSessionState().user?.role).toBe('worker')
  })

  it('has no demo accounts in a build for a real backend', () => {
    const globals = globalThis as unknown as { DEMO_ACCOUNTS: boolean }
    globals.DEMO_ACCOUNTS = false
    try {
      freshApp()
      renderPage(<LoginPage />, { path: '/pages/login/index' })
      expect(screen.getByText('登录')).toBeTruthy()
      expect(screen.queryByText('演示账号')).toBeNull()
    } finally {
      globals.DEMO_ACCOUNTS = true
    }
  })
})
