import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import VerifyPage from '@/pages/verify/index'
import { getSessionState, loadSession } from '@/core/session/session'
import { readDraft } from '@/core/storage/drafts'
import { call, login, testBackend } from '../helpers/backend'
import { tap, type } from '../helpers/drive'
import { freshApp, renderPage } from '../helpers/pages'
import { renderVerify, smsCodeShown } from './verify-setup'

afterEach(() => jest.restoreAllMocks())

describe('verification page', () => {
  it('shows a wrong check digit beside the field and sends nothing', async () => {
    const backend = freshApp()
    const handle = jest.spyOn(backend, 'handle')
    await renderVerify()
    type('name', '张三')
    type('docNumber', '110105194912310021')
    type('phone', '13800138000')
    type('smsCode', '123456')
    await tap('提交认证')
    expect(await screen.findByText('身份证号校验位不正确，请逐位核对')).toBeTruthy()
    expect(handle.mock.calls.filter(([req]) => req.path.endsWith('/identity/verify'))).toHaveLength(0)
  })

  it('sends the SMS code, counts down 60 s, and shows the demo code', async () => {
    freshApp()
    await renderVerify()
    type('phone', '13800138000')
    await tap('获取验证码')
    expect(await screen.findByText('60 秒后重发')).toBeTruthy()
    expect(screen.getByText(/演示环境不发真实短信，验证码是 \d{6}/)).toBeTruthy()
  })

  it('keeps the form after a wrong SMS code and shows the server message beside the field', async () => {
    freshApp()
    await renderVerify()
    type('name', '张三')
    type('docNumber', '11010519491231002X')
    type('phone', '13800138000')
    await tap('获取验证码')
    const code = await smsCodeShown()
    type('smsCode', code === '000000' ? '111111' : '000000')
    await tap('提交认证')
    expect(await screen.findByText('验证码不正确，请核对短信后重新输入')).toBeTruthy()
    expect((document.querySelector('input[name="name"]') as HTMLInputElement).value).toBe('张三')
    expect((document.querySelector('input[name="docNumber"]') as HTMLInputElement).value).toBe('11010519491231002X')
  })

  it('keeps the draft when the app is closed and opened again', async () => {
    freshApp()
    const first = renderPage(<VerifyPage />, { path: '/pages/verify/index' })
    await screen.findByText('获取验证码')
    type('name', '赵六')
    type('docNumber', '11010519491231002X')
    // The draft is written a moment after the last keystroke: wait until storage has it, as an app
    // opened again finds it.
    await waitFor(() => expect(readDraft('verify')).toMatchObject({ name: '赵六', docNumber: '11010519491231002X' }))
    first.unmount()
    renderPage(<VerifyPage />, { path: '/pages/verify/index' })
    await screen.findByText('获取验证码')
    expect((document.querySelector('input[name="name"]') as HTMLInputElement).value).toBe('赵六')
    expect((document.querySelector('input[name="docNumber"]') as HTMLInputElement).value).toBe('11010519491231002X')
  })

  it('verifies, clears the draft and goes back to the page the person wanted', async () => {
    freshApp()
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    await renderVerify({ redirect: encodeURIComponent('/masks/pages/round/index') })
    type('name', '张三')
    type('docNumber', '11010519491231002X')
    type('phone', '13800138000')
    await tap('获取验证码')
    const code = await smsCodeShown()
    type('smsCode', code)
    await tap('提交认证')
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/masks/pages/round/index' }))
    expect(getSessionState().user?.verified).toBe(true)
    expect(Object.keys(localStorage).filter((k) => k.startsWith('p:draft:'))).toEqual([])
  })

  it('shows DOCUMENT_IN_USE beside the document number', async () => {
    const backend = testBackend()
    const other = await login(backend, 'someone-else')
    const sms = await call(backend, 'POST', '/identity/sms', { token: other.token, body: { phone: '13900000000' } })
    await call(backend, 'POST', '/identity/verify', {
      token: other.token,
      body: { name: '钱七', docType: 'resident_id', docNumber: '11010519491231002X', phone: '13900000000', smsCode: sms.body.devCode },
    })
    freshApp(backend)
    await renderVerify()
    type('name', '钱七')
    type('docNumber', '11010519491231002X')
    type('phone', '13800138000')
    await tap('获取验证码')
    const code = await smsCodeShown()
    type('smsCode', code)
    await tap('提交认证')
    expect((await screen.findAllByText(/该证件已用于另一个账号/)).length).toBeGreaterThan(0)
    loadSession()
    expect(getSessionState().user?.verified).toBe(false)
  })
})
