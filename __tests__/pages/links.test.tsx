/**
 * A share link or a redirect cut short or mangled (`%E0%A4%A`, half an escape) is a link to
 * nothing: the page shows its not-found or full state, or goes home. It never crashes the page.
 */
import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import JobDetailPage from '@/jobs/pages/detail/index'
import JobListPage from '@/jobs/pages/list/index'
import ApplyPage from '@/jobs/pages/apply/index'
import { returnTo } from '@/core/session/hooks'
import { jobsBackend } from '../helpers/jobs'
import { asVerified, freshApp, renderPage } from '../helpers/pages'

const MALFORMED = '%E0%A4%A'

afterEach(() => jest.restoreAllMocks())

describe('malformed links', () => {
  it('a posting’s detail says it was not found', async () => {
    freshApp(jobsBackend())
    jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderPage(<JobDetailPage />, { path: '/jobs/pages/detail/index', params: { id: MALFORMED } })
    expect(await screen.findByText('没有找到这个岗位')).toBeTruthy()
  })

  it('the apply page says the posting was not found', async () => {
    const backend = freshApp(jobsBackend())
    await asVerified(backend, 'link-follower')
    renderPage(<ApplyPage />, { path: '/jobs/pages/apply/index', params: { id: MALFORMED } })
    expect(await screen.findByText(/没有找到这个岗位/)).toBeTruthy()
  })

  it('the job list drops the garbled filter and keeps the good ones', async () => {
    freshApp(jobsBackend())
    renderPage(<JobListPage />, { path: '/jobs/pages/list/index', params: { q: MALFORMED, industry: 'it' } })
    expect(await screen.findByText(/符合条件的岗位共 \d+ 个/)).toBeTruthy()
    expect((document.querySelector('input[name="q"]') as HTMLInputElement).value).toBe('')
  })

  it('a garbled redirect after logging in or verifying goes home', async () => {
    const tab = jest.spyOn(Taro, 'switchTab').mockImplementation(async () => ({ errMsg: 'ok' }))
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    expect(() => returnTo(MALFORMED)).not.toThrow()
    await waitFor(() => expect(tab).toHaveBeenCalledWith({ url: '/pages/home/index' }))
    expect(redirect).not.toHaveBeenCalled()
  })
})
