/**
 * Verification on a bad network: the submit fails (a 500, a dropped request, or the answer lost
 * after the server verified) and the reload behind it fails too. What was typed stays, the reason
 * is said beside the button, and an answer lost after the server verified is a success on the
 * retry, not "already verified". (`/identity/verify` takes no Idempotency-Key by the contract: a
 * verification is not a create, and the server refuses a second one by itself.)
 */
import { waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { getSessionState } from '@/core/session/session'
import { testBackend } from '../helpers/backend'
import { tap, type, valueOf } from '../helpers/drive'
import { freshApp } from '../helpers/pages'
import { both, expectBesideButton, failThenRetry, faultRows, faultyNet, reads, writesTo } from './faults'
import { renderVerify, smsCodeShown } from './verify-setup'

afterEach(() => jest.restoreAllMocks())

async function fillForm() {
  const backend = freshApp(testBackend())
  const net = faultyNet(backend)
  const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
  await renderVerify({ redirect: encodeURIComponent('/masks/pages/round/index') })
  type('name', '张三')
  type('docNumber', '11010519491231002X')
  type('phone', '13800138000')
  await tap('获取验证码')
  type('smsCode', await smsCodeShown())
  return { backend, net, redirect }
}

const verifiedAccounts = (backend: ReturnType<typeof testBackend>) => Object.values(backend.db.core.accounts).filter((a) => a.verified)

describe('verification on a bad network', () => {
  it.each(faultRows({ lost: 'the server verified' }))(
    'keeps the form after %s, says so beside the button, and verifies once',
    async (_what, fault, said) => {
      const { backend, net, redirect } = await fillForm()
      await failThenRetry(net, { path: '/identity/verify', fault, said, button: '提交认证' }, () => {
        expect(valueOf('name')).toBe('张三')
        expect(valueOf('docNumber')).toBe('11010519491231002X')
        expect(valueOf('phone')).toBe('13800138000')
        expect(redirect).not.toHaveBeenCalled()
      })
      await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/masks/pages/round/index' }))
      expect(getSessionState().user?.verified).toBe(true)
      expect(verifiedAccounts(backend)).toHaveLength(1)
    },
  )

  it('after a lost answer, a retry whose reload of the account fails too keeps the form and says so', async () => {
    const { net, redirect } = await fillForm()
    net.set(both(writesTo('/identity/verify', 'lose'), reads('drop')))
    await tap('提交认证')
    await waitFor(() => expectBesideButton(/请求超时/, '提交认证'))
    // The retry reaches the server (already verified), but reading the account back fails.
    net.set(reads('drop'))
    await tap('提交认证')
    await waitFor(() => expectBesideButton(/已完成实名认证.*网络连接不畅/, '提交认证'))
    expect(valueOf('name')).toBe('张三')
    net.set(null)
    await tap('提交认证')
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/masks/pages/round/index' }))
  })

  it('says a failed SMS request beside its button', async () => {
    const backend = freshApp(testBackend())
    const net = faultyNet(backend)
    await renderVerify()
    type('phone', '13800138000')
    net.set(writesTo('/identity/sms', 'drop'))
    await tap('获取验证码')
    await waitFor(() => expectBesideButton(/网络连接不畅.*验证码没有发出/, '获取验证码', '.field'))
  })
})
