import { screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import VerifyPage from '../../src/pages/verify/index'
import { freshApp, renderPage } from '../helpers/pages'

describe('verify page', () => {
  it('renders the form', async () => {
    freshApp()
    renderPage(<VerifyPage />, { path: '/pages/verify/index' })
    expect(await screen.findByText('实名认证')).toBeTruthy()
    expect(screen.getByText('获取验证码')).toBeTruthy()
    void Taro
  })
})
