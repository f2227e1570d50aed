import { call, login, testBackend } from '../helpers/backend'
import { clearWeappStorage, hostPage } from './harness'

beforeEach(() => {
  jest.resetModules()
  clearWeappStorage()
})

describe('verification page, weapp build', () => {
  it('shows a wrong check digit beside the field, then verifies with the SMS code', async () => {
    const backend = testBackend()
    const page = await hostPage('pages/verify/index', backend)
    await page.waitForText('获取验证码')

    await page.input('name', '李四')
    await page.input('docNumber', '110105194912310021')
    await page.input('phone', '13800138001')
    await page.input('smsCode', '123456')
    await page.tap('btn--primary', '提交认证')
    await page.waitForText('身份证号校验位不正确，请逐位核对')
    expect(page.requests.filter((r) => r.url.includes('/identity/verify'))).toHaveLength(0)

    await page.input('docNumber', '11010519491231002X')
    await page.tap('btn--text', '获取验证码')
    await page.waitForText('演示环境不发真实短信')
    const code = /验证码是 (\d{6})/.exec(page.text())?.[1]
    expect(code).toMatch(/^\d{6}$/)
    await page.input('smsCode', code!)
    await page.tap('btn--primary', '提交认证')
    await page.waitForText('你已完成实名认证（李四）')

    // The server agrees: the document now belongs to this account.
    const other = await login(backend, 'someone-else')
    const sms = await call(backend, 'POST', '/identity/sms', { token: other.token, body: { phone: '13900000000' } })
    const again = await call(backend, 'POST', '/identity/verify', {
      token: other.token,
      body: { name: '李四', docType: 'resident_id', docNumber: '11010519491231002X', phone: '13900000000', smsCode: sms.body.devCode },
    })
    expect(again.body.error.code).toBe('DOCUMENT_IN_USE')
    page.unload()
  })
})
