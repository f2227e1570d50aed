import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import JobDetailPage, { sharePath } from '@/jobs/pages/detail/index'
import { api, TransportFailure } from '@/core/api'
import { login } from '@/core/session/session'
import { call, verifiedCitizen } from '../../helpers/backend'
import { jobDetail, jobsBackend, listJobs, setClock } from '../../helpers/jobs'
import { tap, wholeText } from '../../helpers/drive'
import { freshApp, inProcessTransport, renderPage } from '../../helpers/pages'

afterEach(() => jest.restoreAllMocks())

function renderDetail(id: string) {
  return renderPage(<JobDetailPage />, { path: '/jobs/pages/detail/index', params: { id } })
}

describe('job detail page', () => {
  it('tells everything about the posting, without logging in', async () => {
    const backend = freshApp(jobsBackend())
    const [summary] = (await listJobs(backend)).items
    const job = await jobDetail(backend, summary.id)
    const handle = jest.spyOn(backend, 'handle')
    renderDetail(job.id)
    expect(await screen.findByText(job.title)).toBeTruthy()
    for (const text of [
      `${job.salaryMin}–${job.salaryMax} 元/月`,
      job.employer,
      job.address,
      `${job.headcount} 人`,
      job.education,
      job.experience,
      job.description,
      job.contactMasked,
    ]) {
      expect(screen.getAllByText(wholeText(text)).length).toBeGreaterThan(0)
    }
    for (const r of job.requirements) expect(screen.getAllByText(`· ${r}`).length).toBeGreaterThan(0)
    expect(screen.getAllByText(`还剩 ${job.daysLeft} 天截止`).length).toBeGreaterThan(0)
    // Public: no log-in happened to read it.
    expect(handle.mock.calls.some(([req]) => req.path.endsWith('/auth/login'))).toBe(false)
  })

  it('opens the application page for this posting', async () => {
    const backend = freshApp(jobsBackend())
    const [job] = (await listJobs(backend)).items
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderDetail(job.id)
    await screen.findByText(job.title)
    await tap('投递简历')
    expect(navigate).toHaveBeenCalledWith({ url: `/jobs/pages/apply/index?id=${job.id}` })
  })

  it('says "今天截止" on the last day and "已截止" after it, and then offers no application', async () => {
    const backend = freshApp(jobsBackend())
    const [job] = (await listJobs(backend)).items
    await setClock(backend, `${job.deadline}T09:00:00+08:00`)
    const first = renderDetail(job.id)
    expect((await screen.findAllByText('今天截止')).length).toBeGreaterThan(0)
    first.unmount()
    // Midnight in Shanghai after the deadline.
    await setClock(backend, new Date(Date.parse(`${job.deadline}T00:00:00+08:00`) + 86_400_000).toISOString())
    renderDetail(job.id)
    expect((await screen.findAllByText('已截止')).length).toBeGreaterThan(0)
    expect(screen.getByText('已截止，不能再投递').closest('.taro-button-core')!.className).toContain('btn--disabled')
    expect(screen.queryByText('投递简历')).toBeNull()
  })

  it('keeps a favorite for the person and takes it back', async () => {
    const backend = freshApp(jobsBackend())
    const [job] = (await listJobs(backend)).items
    await login('fan')
    renderDetail(job.id)
    await screen.findByText(job.title)
    await tap('☆ 收藏')
    expect(await screen.findByText('★ 已收藏')).toBeTruthy()
    const [token] = Object.keys(backend.db.core.sessions)
    expect((await call(backend, 'GET', '/jobs/favorites', { token })).body.items.map((j: { id: string }) => j.id)).toEqual([job.id])
    await tap('★ 已收藏')
    expect(await screen.findByText('☆ 收藏')).toBeTruthy()
    expect((await call(backend, 'GET', '/jobs/favorites', { token })).body.total).toBe(0)
  })

  it('shows an application already made, with the way to its progress', async () => {
    const backend = freshApp(jobsBackend())
    const [job] = (await listJobs(backend)).items
    const person = await verifiedCitizen(backend, 'done-before')
    await call(backend, 'POST', `/jobs/${job.id}/applications`, { token: person.token, body: {} })
    await login('done-before')
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderDetail(job.id)
    expect(await screen.findByText('已投递，查看进度')).toBeTruthy()
    await tap('已投递，查看进度')
    expect(navigate).toHaveBeenCalledWith({ url: '/jobs/pages/mine/index?tab=applications' })
  })

  it('says a posting that does not exist is gone, and a failed load can be retried', async () => {
    const backend = freshApp(jobsBackend())
    const missing = renderDetail('j999999')
    expect(await screen.findByText('没有找到这个岗位')).toBeTruthy()
    missing.unmount()
    api.setTransport(async () => {
      throw new TransportFailure('request:fail', false)
    })
    const [job] = (await listJobs(backend)).items
    renderDetail(job.id)
    expect(await screen.findByText('岗位没有加载出来')).toBeTruthy()
    api.setTransport(inProcessTransport(backend))
    await tap('重新加载')
    await waitFor(() => expect(screen.getByText(job.title)).toBeTruthy())
  })

  it('shares a path with the posting id and nothing about the person', () => {
    expect(sharePath('j000123')).toBe('/jobs/pages/detail/index?id=j000123')
  })
})
