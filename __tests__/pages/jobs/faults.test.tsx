/**
 * The jobs forms on a bad network: applying and saving a search fail (a 500, a dropped request,
 * or the answer lost after the server acted) and every reload behind them fails too. What was
 * typed stays, the reason is said beside the button, the retry carries the same Idempotency-Key,
 * and nothing is made twice.
 */
import { screen, waitFor } from '@testing-library/react'
import ApplyPage from '@/jobs/pages/apply/index'
import JobListPage from '@/jobs/pages/list/index'
import { login } from '@/core/session/session'
import type { Backend } from '@/mock/backend'
import { call, verifiedCitizen } from '../../helpers/backend'
import { jobsBackend, listJobs } from '../../helpers/jobs'
import { tap, type } from '../../helpers/drive'
import { freshApp, renderPage } from '../../helpers/pages'
import { both, expectBesideButton, faultyNet, reads, writesTo, type Fault } from '../faults'

// What the H5 build defines: the virtual list's anti-jitter filter for mini programs stays off.
process.env.TARO_PLATFORM = 'web'

const consoleError = console.error
beforeEach(() => {
  // jsdom has no inner <textarea> for Taro's <taro-textarea-core>: its value watcher throws. Noise only.
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (args[0] instanceof TypeError && String(args[0].stack).includes('taro-textarea-core')) return
    consoleError(...args)
  })
})
afterEach(() => jest.restoreAllMocks())

const FAULTS: [string, Fault, RegExp][] = [
  ['a 500', 'fail', /服务暂时出错/],
  ['a dropped request', 'drop', /网络连接不畅/],
  ['an answer lost after the server acted', 'lose', /请求超时/],
]

const messageShown = () => {
  const box = document.querySelector('taro-textarea-core') as (HTMLElement & { value?: string }) | null
  return box ? (box.value ?? box.getAttribute('value')) : null
}

describe('applying on a bad network', () => {
  it.each(FAULTS)('keeps the message after %s, says so beside the button, and applies once with one key', async (_what, fault, said) => {
    const backend = freshApp(jobsBackend())
    const [job] = listJobs(backend).items
    const person = verifiedCitizen(backend, 'net-applicant')
    await login('net-applicant')
    const net = faultyNet(backend)
    renderPage(<ApplyPage />, { path: '/jobs/pages/apply/index', params: { id: job.id } })
    await screen.findByText('确认投递')
    type(document.querySelector('taro-textarea-core'), '有两年经验，下周可以到岗')
    net.set(both(writesTo('/applications', fault), reads('drop')))
    await tap('确认投递')
    await waitFor(() => expectBesideButton(said, '确认投递'))
    expect(messageShown()).toBe('有两年经验，下周可以到岗')

    net.set(null)
    await tap('确认投递')
    expect(await screen.findByText('投递成功')).toBeTruthy()
    const keys = net.keys('POST', '/applications')
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(new Set(keys).size).toBe(1)
    expect(call(backend, 'GET', '/jobs/applications', { token: person.token }).body.items).toHaveLength(1)
  })
})

describe('saving a search on a bad network', () => {
  const subscriptions = (backend: Backend, token: string) => call(backend, 'GET', '/jobs/subscriptions', { token }).body.items as unknown[]

  it.each(FAULTS)('keeps the search after %s, says so beside the button, and saves it once with one key', async (_what, fault, said) => {
    const backend = freshApp(jobsBackend())
    const person = verifiedCitizen(backend, 'net-searcher')
    await login('net-searcher')
    const net = faultyNet(backend)
    renderPage(<JobListPage />, { path: '/jobs/pages/list/index' })
    await screen.findByText('全市岗位共 5200 个')
    type('q', '护士')
    await screen.findByText(/符合条件的岗位共/)
    net.set(both(writesTo('/jobs/subscriptions', fault), reads('drop')))
    await tap('保存搜索')
    await waitFor(() => expectBesideButton(said, '保存搜索', '.jobs-list__head'))
    expect((document.querySelector('input[name="q"]') as HTMLInputElement).value).toBe('护士')

    net.set(null)
    await tap('保存搜索')
    await waitFor(() => expectBesideButton(/已保存/, '保存搜索', '.jobs-list__head'))
    const keys = net.keys('POST', '/jobs/subscriptions')
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(new Set(keys).size).toBe(1)
    expect(subscriptions(backend, person.token)).toHaveLength(1)
  })
})
