import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ApplyPage from '@/jobs/pages/apply/index'
import { api, TransportFailure, type TransportRequest } from '@/core/api'
import { readDraft } from '@/core/storage/drafts'
import type { Backend } from '@/mock/backend'
import { call } from '../../helpers/backend'
import { apply as applyDirect, jobsBackend, listJobs, setClock } from '../../helpers/jobs'
import { tap, textareaShown, type } from '../../helpers/drive'
import { asVerified, freshApp, inProcessTransport, renderPage } from '../../helpers/pages'

afterEach(() => jest.restoreAllMocks())

function renderApply(id: string) {
  return renderPage(<ApplyPage />, { path: '/jobs/pages/apply/index', params: { id } })
}

/** Taro's Textarea is a web component (`taro-textarea-core`) that reports `detail.value`. */
function messageBox(): HTMLElement | null {
  return document.querySelector('taro-textarea-core')
}

async function applicationsOf(backend: Backend, token: string): Promise<{ jobId: string; message?: string }[]> {
  return (await call(backend, 'GET', '/jobs/applications', { token, query: { limit: '50' } })).body.items
}

describe('apply page', () => {
  it('sends an unverified person to verification and back, with nothing personal in the address', async () => {
    const backend = freshApp(jobsBackend())
    const [job] = (await listJobs(backend)).items
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderApply(job.id)
    await waitFor(() => expect(redirect).toHaveBeenCalled())
    const url = (redirect.mock.calls[0][0] as { url: string }).url
    expect(url).toBe(`/pages/verify/index?redirect=${encodeURIComponent(`/jobs/pages/apply/index?id=${job.id}`)}`)
  })

  it('confirms with the masked identity, applies with the message and says so', async () => {
    const backend = freshApp(jobsBackend())
    const [job] = (await listJobs(backend)).items
    const person = await asVerified(backend, 'applicant', '王小明')
    renderApply(job.id)
    expect(await screen.findByText('王**')).toBeTruthy()
    expect(screen.queryByText('王小明')).toBeNull()
    expect(screen.getByText(`${person.docNumber.slice(0, 3)}***********${person.docNumber.slice(-4)}`)).toBeTruthy()
    expect(screen.getByText(`${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`)).toBeTruthy()
    type(messageBox(), '有两年经验，下周可以到岗')
    await tap('确认投递')
    expect(await screen.findByText('投递成功')).toBeTruthy()
    expect(await applicationsOf(backend, person.token)).toEqual([
      expect.objectContaining({ jobId: job.id, message: '有两年经验，下周可以到岗' }),
    ])
    expect(Object.keys(localStorage).filter((k) => k.startsWith('p:draft:'))).toEqual([])
  })

  it('never applies twice when the answer is lost: the retry carries the same key', async () => {
    const backend = freshApp(jobsBackend())
    const [job] = (await listJobs(backend)).items
    const person = await asVerified(backend, 'unlucky')
    const keys: string[] = []
    const real = inProcessTransport(backend, (req: TransportRequest) => {
      if (req.method === 'POST' && req.url.includes('/applications')) keys.push(req.headers['Idempotency-Key'])
    })
    let lose = true
    // The server takes the application, but every answer to the POST is lost on the way back.
    api.setTransport(async (req) => {
      const res = await real(req)
      if (lose && req.method === 'POST') throw new TransportFailure('request:fail', false)
      return res
    })
    renderApply(job.id)
    await screen.findByText('确认投递')
    type(messageBox(), '你好')
    await tap('确认投递')
    expect(await screen.findByText(/网络连接不畅/)).toBeTruthy()
    expect(await applicationsOf(backend, person.token)).toHaveLength(1)
    lose = false
    await tap('确认投递')
    expect(await screen.findByText('投递成功')).toBeTruthy()
    expect(await applicationsOf(backend, person.token)).toHaveLength(1)
    expect(keys.length).toBeGreaterThanOrEqual(2)
    expect(new Set(keys).size).toBe(1)
  })

  it('keeps the message in a draft when the page is closed before sending', async () => {
    const backend = freshApp(jobsBackend())
    const [job] = (await listJobs(backend)).items
    await asVerified(backend, 'drafter')
    const first = renderApply(job.id)
    await screen.findByText('确认投递')
    type(messageBox(), '先写一半')
    // The draft is written a moment after the last keystroke: wait until it is in storage, where
    // the page opened again reads it.
    await waitFor(() => expect(readDraft<{ message: string }>(`jobs-apply:${job.id}`)?.message).toBe('先写一半'))
    first.unmount()
    renderApply(job.id)
    await screen.findByText('确认投递')
    expect(textareaShown()).toBe('先写一半')
  })

  it('says a closed posting is closed and offers no way to apply', async () => {
    const backend = freshApp(jobsBackend())
    const [job] = (await listJobs(backend)).items
    await setClock(backend, new Date(Date.parse(`${job.deadline}T00:00:00+08:00`) + 86_400_000).toISOString())
    await asVerified(backend, 'too-late')
    renderApply(job.id)
    expect(await screen.findByText(`这个岗位已于 ${job.deadline} 截止招聘，不能再投递。看看其他岗位吧。`)).toBeTruthy()
    expect(screen.getByText('岗位已截止，不能投递').closest('.taro-button-core')!.className).toContain('btn--disabled')
    expect(messageBox()).toBeNull()
  })

  it('tells the server’s JOB_CLOSED when the posting closes while the page is open', async () => {
    const backend = freshApp(jobsBackend())
    const [job] = (await listJobs(backend)).items
    await setClock(backend, `${job.deadline}T23:59:00+08:00`)
    await asVerified(backend, 'last-minute')
    renderApply(job.id)
    await screen.findByText('确认投递')
    await setClock(backend, new Date(Date.parse(`${job.deadline}T00:00:00+08:00`) + 86_400_000).toISOString())
    await tap('确认投递')
    expect(await screen.findByText(/截止招聘，不能再投递/)).toBeTruthy()
    expect(screen.getByText('岗位已截止，不能投递')).toBeTruthy()
  })

  it('says when the posting was applied to already', async () => {
    const backend = freshApp(jobsBackend())
    const [job] = (await listJobs(backend)).items
    const person = await asVerified(backend, 'again')
    await applyDirect(backend, person.token, job.id)
    renderApply(job.id)
    expect(await screen.findByText('你已经投递过这个岗位')).toBeTruthy()
    expect(screen.queryByText('确认投递')).toBeNull()
  })

  it('says when today’s 20 applications are used up, keeping the message', async () => {
    const backend = freshApp(jobsBackend())
    const jobs = (await listJobs(backend, { limit: '21' })).items
    const person = await asVerified(backend, 'busy')
    for (const j of jobs.slice(0, 20)) expect((await applyDirect(backend, person.token, j.id)).status).toBe(201)
    renderApply(jobs[20].id)
    await screen.findByText('确认投递')
    type(messageBox(), '第二十一个')
    await tap('确认投递')
    expect(await screen.findByText(/每天最多投递 20 个岗位/)).toBeTruthy()
    expect(textareaShown()).toBe('第二十一个')
  })
})
