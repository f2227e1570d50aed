import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MyJobsPage, { NEW_POSTINGS_TEMPLATE_ID } from '@/jobs/pages/mine/index'
import { login } from '@/core/session/session'
import type { Backend } from '@/mock/backend'
import { call, verifiedCitizen } from '../../helpers/backend'
import { apply, jobsBackend, listJobs, mySubscriptions, publish, setClock, subscribe } from '../../helpers/jobs'
import { tap } from '../../helpers/drive'
import { freshApp, renderPage } from '../../helpers/pages'

afterEach(() => {
  jest.restoreAllMocks()
  process.env.TARO_ENV = 'h5'
})

function renderMine(params: Record<string, string> = {}) {
  return renderPage(<MyJobsPage />, { path: '/jobs/pages/mine/index', params })
}

/** A verified person with a fresh token at the backend's current time. */
async function person(backend: Backend, code: string): Promise<string> {
  await verifiedCitizen(backend, code)
  return (await call(backend, 'POST', '/auth/login', { body: { code } })).body.token
}

describe('我的求职', () => {
  it('sends an unverified person to verification first', async () => {
    freshApp(jobsBackend())
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderMine()
    await waitFor(() => expect(redirect).toHaveBeenCalled())
    expect((redirect.mock.calls[0][0] as { url: string }).url).toMatch(/^\/pages\/verify\/index\?redirect=/)
  })

  it('lists my applications, newest first, with their status in words', async () => {
    const backend = freshApp(jobsBackend())
    const jobs = (await listJobs(backend, { limit: '3' })).items
    // Applied four days ago and just now: one decided, one waiting.
    await setClock(backend, '2020-02-06T10:00:00+08:00')
    const early = await person(backend, 'seeker')
    await apply(backend, early, jobs[0].id)
    await apply(backend, early, jobs[1].id)
    await setClock(backend, '2020-02-10T10:00:00+08:00')
    const now = (await call(backend, 'POST', '/auth/login', { body: { code: 'seeker' } })).body.token
    await apply(backend, now, jobs[2].id)
    const statuses = (await call(backend, 'GET', '/jobs/applications', { token: now })).body.items.map((a: { status: string }) => a.status)
    await login('seeker')
    renderMine()
    expect(await screen.findByText('已投递，等待企业查看')).toBeTruthy()
    const items = Array.from(document.querySelectorAll('.jobs-mine__item'))
    expect(items.map((i) => i.querySelector('.jobs-mine__item-title')!.textContent)).toEqual([jobs[2].title, jobs[1].title, jobs[0].title])
    const words: Record<string, string> = {
      submitted: '已投递，等待企业查看',
      viewed: '企业已查看',
      interview: '邀请面试',
      rejected: '未通过筛选',
    }
    expect(items.map((i) => i.querySelector('.tag')!.textContent)).toEqual(statuses.map((s: string) => words[s]))
    expect(items[1].textContent).toContain('2月6日投递')
  })

  it('says there are no applications yet, and where to start', async () => {
    const backend = freshApp(jobsBackend())
    await person(backend, 'newcomer')
    await login('newcomer')
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderMine()
    expect(await screen.findByText('你还没有投递过岗位')).toBeTruthy()
    await tap('去看看岗位')
    expect(navigate).toHaveBeenCalledWith({ url: '/jobs/pages/list/index' })
  })

  it('lists favorites and lets one go', async () => {
    const backend = freshApp(jobsBackend())
    const [a, b] = (await listJobs(backend)).items
    const token = await person(backend, 'keeper')
    await call(backend, 'PUT', `/jobs/${a.id}/favorite`, { token })
    await call(backend, 'PUT', `/jobs/${b.id}/favorite`, { token })
    await login('keeper')
    renderMine()
    await tap('收藏')
    await waitFor(() => expect(document.querySelectorAll('.jobs-mine__fav')).toHaveLength(2))
    await tap(screen.getAllByText('取消收藏')[0])
    await waitFor(() => expect(document.querySelectorAll('.jobs-mine__fav')).toHaveLength(1))
    expect((await call(backend, 'GET', '/jobs/favorites', { token })).body.total).toBe(1)
  })

  it('shows a saved search’s new postings since the last visit, then counts from here', async () => {
    const backend = freshApp(jobsBackend())
    const token = await person(backend, 'watcher')
    const sub = (await subscribe(backend, token, { industry: 'logistics' })).body
    const fresh = (await publish(backend, 200)).items.filter((j) => j.industry === 'logistics').reverse()
    await login('watcher')
    const request = jest.spyOn(Taro, 'requestSubscribeMessage')
    renderMine({ tab: 'subscriptions' })
    expect(await screen.findByText(`${fresh.length} 个新岗位`)).toBeTruthy()
    expect(await screen.findByText(`上次查看之后新发布 ${fresh.length} 个，先看最新的 5 个：`)).toBeTruthy()
    const shown = Array.from(document.querySelectorAll('.jobs-mine__fresh .jobs-card__employer')).map((e) => e.textContent)
    expect(shown).toEqual(fresh.slice(0, 5).map((j) => j.employer))
    expect(screen.getByText('物流运输')).toBeTruthy()
    // Seen now: the next visit starts counting from here.
    await waitFor(async () => expect((await mySubscriptions(backend, token))[0].newCount).toBe(0))
    expect((await mySubscriptions(backend, token))[0].id).toBe(sub.id)
    // Nothing asked of WeChat on its own.
    expect(request).not.toHaveBeenCalled()
  })

  it('asks WeChat for a subscription message only when the person taps, and skips it in the browser', async () => {
    const backend = freshApp(jobsBackend())
    const token = await person(backend, 'notify-me')
    await subscribe(backend, token, { q: '司机' })
    await login('notify-me')
    const request = jest
      .spyOn(Taro, 'requestSubscribeMessage')
      .mockImplementation(async () => ({ errMsg: 'requestSubscribeMessage:ok', [NEW_POSTINGS_TEMPLATE_ID]: 'accept' }))
    renderMine({ tab: 'subscriptions' })
    await screen.findByText('“司机”')
    expect(request).not.toHaveBeenCalled()
    await tap('开启微信提醒')
    expect(request).not.toHaveBeenCalled()
    expect(await screen.findByText(/网页版收不到微信提醒/)).toBeTruthy()
    process.env.TARO_ENV = 'weapp'
    await tap('开启微信提醒')
    expect(request).toHaveBeenCalledWith({ tmplIds: [NEW_POSTINGS_TEMPLATE_ID] })
    expect(await screen.findByText('已开启：有新岗位时微信会提醒你一次')).toBeTruthy()
  })

  it('deletes a saved search after asking', async () => {
    const backend = freshApp(jobsBackend())
    const token = await person(backend, 'tidy')
    await subscribe(backend, token, { q: '厨师', district: '310101' })
    await login('tidy')
    const modal = jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'ok' }))
    renderMine({ tab: 'subscriptions' })
    expect(await screen.findByText('“厨师” · 黄浦区')).toBeTruthy()
    await tap('删除')
    expect(modal).toHaveBeenCalled()
    expect(await screen.findByText('还没有关注的搜索')).toBeTruthy()
    expect(await mySubscriptions(backend, token)).toEqual([])
  })
})
