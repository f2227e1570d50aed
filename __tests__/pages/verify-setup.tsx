/**
 * The verification page opened as a person reaches it (`verify.test.tsx`, `verify-faults.test.tsx`,
 * `text-limits.test.tsx`): rendered, logged in silently, and the demo SMS code read off the screen.
 */
import { screen, waitFor } from '@testing-library/react'
import VerifyPage from '@/pages/verify/index'
import { getSessionState } from '@/core/session/session'
import { renderPage } from '../helpers/pages'

/** Renders the verification page with `params` and waits until its silent login is done. */
export async function renderVerify(params: Record<string, string> = {}): Promise<void> {
  renderPage(<VerifyPage />, { path: '/pages/verify/index', params })
  await screen.findByText('获取验证码')
  // The page logs in silently first.
  await waitFor(() => expect(getSessionState().status).toBe('signed-in'))
}

/** The six-digit code the demo environment shows once an SMS was asked for. */
export async function smsCodeShown(): Promise<string> {
  return /验证码是 (\d{6})/.exec((await screen.findByText(/验证码是/)).textContent ?? '')![1]
}
