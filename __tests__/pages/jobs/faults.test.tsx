/**
 * The jobs forms on a bad network: applying and saving a search fail (a 500, a dropped request,
 * or the answer lost after the server acted) and every reload behind them fails too. What was
 * typed stays, the reason is said beside the button, the retry carries the same Idempotency-Key,
 * and nothing is made twice.
 */
import { screen, waitFor } from '@testing-library/react'
import ApplyPage from '@/jobs/pages/apply/index'
import JobListPage from '@/jobs/pages/list/index'
import type { Backend } from '@/mock/backend'
import { call } from '../../helpers/backend'
import { jobsBackend, listJobs } from '../../helpers/jobs'
import { textareaShown, type, valueOf } from '../../helpers/drive'
import { asVerified, freshApp, renderPage } from '../../helpers/pages'
import { FAULTS, expectBesideButton, expectOneKey, failThenRetry, faultyNet } from '../faults'

afterEach(() => jest.restoreAllMocks())

describe('applying on a bad network', () => {
  it.each(FAULTS)('keeps the message after %s, says so beside the button, and applies once with one key', async (_what, fault, said) => {
    const backend = freshApp(jobsBackend())
    const [job] = (await listJobs(backend)).items
    const person = await asVerified(backend, 'net-applicant')
    const net = faultyNet(backend)
    renderPage(<ApplyPage />, { path: '/jobs/pages/apply/index', params: { id: job.id } })
    await screen.findByText('确认投递')
    type(document.querySelector('taro-textarea-core'), '有两年经验，下周可以到岗')
    await failThenRetry(net, { path: '/applications', fault, said, button: '确认投递' }, () => {
      expect(textareaShown()).toBe('有两年经验，下周可以到岗')
    })
    expect(await screen.findByText('投递成功')).toBeTruthy()
    expectOneKey(net.keys('POST', '/applications'))
    expect((await call(backend, 'GET', '/jobs/applications', { token: person.token })).body.items).toHaveLength(1)
  })
})

describe('saving a search on a bad network', () => {
  const subscriptions = async (backend: Backend, token: string) =>
    (await call(backend, 'GET', '/jobs/subscriptions', { token })).body.items as unknown[]

  it.each(FAULTS)('keeps the search after %s, says so beside the button, and saves it once with one key', async (_what, fault, said) => {
    const backend = freshApp(jobsBackend())
    const person = await asVerified(backend, 'net-searcher')
    const net = faultyNet(backend)
    renderPage(<JobListPage />, { path: '/jobs/pages/list/index' })
    await screen.findByText('全市岗位共 5200 个')
    type('q', '护士')
    await screen.findByText(/符合条件的岗位共/)
    await failThenRetry(net, { path: '/jobs/subscriptions', fault, said, button: '保存搜索', within: '.jobs-list__head' }, () => {
      expect(valueOf('q')).toBe('护士')
    })
    await waitFor(() => expectBesideButton(/已保存/, '保存搜索', '.jobs-list__head'))
    expectOneKey(net.keys('POST', '/jobs/subscriptions'))
    expect(await subscriptions(backend, person.token)).toHaveLength(1)
  })
})
