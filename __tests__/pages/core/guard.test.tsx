import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { useVerifiedUser } from '@/core/session/hooks'
import { login, logout } from '@/core/session/session'
import { testBackend, verifiedCitizen } from '../../helpers/backend'
import { freshApp, renderPage } from '../../helpers/pages'

function Protected() {
  const guard = useVerifiedUser()
  if (guard.status === 'ready') return <Text>欢迎 {guard.user.identity?.name}</Text>
  if (guard.status === 'error') return <Text>{guard.message}</Text>
  return <Text>正在确认身份</Text>
}

afterEach(() => jest.restoreAllMocks())

describe('useVerifiedUser', () => {
  it('sends an unverified person to verification, to come back to this page', async () => {
    freshApp()
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderPage(<Protected />, { path: '/masks/pages/reserve/index', params: { outletId: 'o001' } })
    await waitFor(() =>
      expect(redirect).toHaveBeenCalledWith({
        url: `/pages/verify/index?redirect=${encodeURIComponent('/masks/pages/reserve/index?outletId=o001')}`,
      }),
    )
    expect(screen.getByText('正在确认身份')).toBeTruthy()
  })

  it('lets a verified person in', async () => {
    const backend = testBackend()
    await verifiedCitizen(backend, 'guard-ok', { name: '周九' })
    freshApp(backend)
    await login('guard-ok')
    renderPage(<Protected />, { path: '/jobs/pages/mine/index' })
    expect(await screen.findByText('欢迎 周九')).toBeTruthy()
  })

  it('sends someone who logged out to the login page', async () => {
    freshApp()
    await login()
    await logout()
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderPage(<Protected />, { path: '/jobs/pages/mine/index' })
    await waitFor(() =>
      expect(redirect).toHaveBeenCalledWith({ url: `/pages/login/index?redirect=${encodeURIComponent('/jobs/pages/mine/index')}` }),
    )
  })
})
