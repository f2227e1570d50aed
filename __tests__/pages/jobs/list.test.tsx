import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import JobListPage from '@/jobs/pages/list/index'
import { JobResults } from '@/jobs/components/JobResults'
import { Screen } from '@/core/ui'
import type { JobSummary } from '@/core/contract'
import { api, TransportFailure } from '@/core/api'
import type { Backend } from '@/mock/backend'
import { call } from '../../helpers/backend'
import { jobsBackend, listJobs } from '../../helpers/jobs'
import { tap, type } from '../../helpers/drive'
import { freshApp, inProcessTransport, renderPage } from '../../helpers/pages'

afterEach(() => jest.restoreAllMocks())

function renderList(params: Record<string, string> = {}) {
  return renderPage(<JobListPage />, { path: '/jobs/pages/list/index', params })
}

const rows = () => document.querySelectorAll('.jobs-row')

/** Scrolls the virtual list to its end, as a finger would; the caller waits for what that loads. */
async function scrollToEnd() {
  const scroller = document.querySelector('.jobs-list__scroller') as HTMLElement
  const inner = scroller.querySelector('[id$="-inner"]') as HTMLElement
  const contentHeight = parseFloat(inner.style.height)
  const viewport = parseFloat(scroller.style.height)
  Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: contentHeight + 200 })
  await act(async () => {
    scroller.scrollTop = contentHeight - viewport
    fireEvent.scroll(scroller)
  })
}

function jobRequests(spy: jest.SpyInstance): { path: string; query: Record<string, string> }[] {
  return spy.mock.calls.map(([req]) => req as { path: string; query: Record<string, string> }).filter((r) => r.path === '/api/v1/jobs')
}

describe('job list page', () => {
  it('shows the newest postings with pay, place and deadline in words, and opens one', async () => {
    const backend = freshApp(jobsBackend())
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderList()
    expect(await screen.findByText('全市岗位共 5200 个')).toBeTruthy()
    const [first] = (await listJobs(backend, { limit: '1' })).items
    const row = rows()[0]
    expect(row.textContent).toContain(first.title)
    expect(row.textContent).toContain(`${first.salaryMin}–${first.salaryMax} 元/月`)
    expect(row.textContent).toContain(first.employer)
    expect(row.textContent).toContain(`还剩 ${first.daysLeft} 天截止`)
    await tap(row.querySelector('.jobs-card')!)
    expect(navigate).toHaveBeenCalledWith({ url: `/jobs/pages/detail/index?id=${first.id}` })
  })

  it('waits until typing stops, then searches once', async () => {
    const backend = freshApp(jobsBackend())
    const expected = (await listJobs(backend, { q: 'java' })).total
    const handle = jest.spyOn(backend, 'handle')
    renderList()
    await screen.findByText('全市岗位共 5200 个')
    type('q', 'j')
    type('q', 'ja')
    type('q', 'jav')
    type('q', 'JAVA')
    expect(await screen.findByText(`符合条件的岗位共 ${expected} 个`)).toBeTruthy()
    const searched = jobRequests(handle).filter((r) => r.query.q)
    expect(searched.map((r) => r.query.q)).toEqual(['JAVA'])
    expect(Array.from(rows()).every((r) => /java/i.test(r.querySelector('.jobs-card__title')!.textContent ?? ''))).toBe(true)
  })

  it('filters by district, industry and minimum pay from the sheets, and sorts by pay', async () => {
    const backend = freshApp(jobsBackend())
    renderList()
    await screen.findByText('全市岗位共 5200 个')
    await tap('全市')
    await tap('浦东新区')
    await tap('全部行业')
    await tap('物流运输')
    await tap('月薪不限')
    await tap('8000 元以上')
    const expected = await listJobs(backend, { district: '310115', industry: 'logistics', salaryMin: '8000', sort: 'salary' })
    await tap('薪资最高')
    expect(await screen.findByText(`符合条件的岗位共 ${expected.total} 个`)).toBeTruthy()
    await waitFor(() => expect(rows()[0].textContent).toContain(expected.items[0].employer))
    const shown = Array.from(rows()).map((r) => r.querySelector('.jobs-card__where')!.textContent)
    expect(shown.every((t) => t === '浦东新区 · 物流运输')).toBe(true)
    // The chips say what is chosen.
    expect(document.querySelector('#filter-district')!.textContent).toContain('浦东新区')
  })

  it('takes a saved search’s filters from the page query', async () => {
    const backend = freshApp(jobsBackend())
    renderList({ q: encodeURIComponent('司机'), district: '310115' })
    const expected = (await listJobs(backend, { q: '司机', district: '310115' })).total
    expect(await screen.findByText(`符合条件的岗位共 ${expected} 个`)).toBeTruthy()
    expect((document.querySelector('input[name="q"]') as HTMLInputElement).value).toBe('司机')
  })

  it('says when nothing matches and clears every condition in one tap', async () => {
    freshApp(jobsBackend())
    renderList()
    await screen.findByText('全市岗位共 5200 个')
    type('q', '不存在的岗位名称')
    expect(await screen.findByText('没有找到符合条件的岗位')).toBeTruthy()
    expect(rows()).toHaveLength(0)
    await tap('清除全部条件')
    expect(await screen.findByText('全市岗位共 5200 个')).toBeTruthy()
    expect((document.querySelector('input[name="q"]') as HTMLInputElement).value).toBe('')
  })

  it('says what went wrong when the list cannot load, and loads on retry', async () => {
    const backend = freshApp(jobsBackend())
    api.setTransport(async () => {
      throw new TransportFailure('request:fail', false)
    })
    renderList()
    expect(await screen.findByText('岗位没有加载出来', { selector: '.notice__title' })).toBeTruthy()
    expect(screen.getByText(/网络连接不畅/)).toBeTruthy()
    api.setTransport(inProcessTransport(backend))
    await tap('重新加载')
    expect(await screen.findByText('全市岗位共 5200 个')).toBeTruthy()
  })

  it('offers a retry at the end of the list when the next page fails', async () => {
    const backend = freshApp(jobsBackend())
    renderList()
    await screen.findByText('全市岗位共 5200 个')
    api.setTransport(async () => {
      throw new TransportFailure('request:fail', false)
    })
    await scrollToEnd()
    expect(await screen.findByText(/更多岗位没有加载出来/)).toBeTruthy()
    api.setTransport(inProcessTransport(backend))
    await tap('重试')
    await waitFor(() => expect(screen.getByText('继续上滑，加载更多岗位')).toBeTruthy())
    const inner = document.querySelector('[id$="-inner"]') as HTMLElement
    expect(parseFloat(inner.style.height)).toBeGreaterThan(50 * 100)
  })

  it('saves the current search for its new postings, and only when there is something to save', async () => {
    const backend: Backend = freshApp(jobsBackend())
    renderList()
    await screen.findByText('全市岗位共 5200 个')
    const save = screen.getByText('保存搜索').closest('.taro-button-core')!
    expect(save.className).toContain('btn--disabled')
    type('q', '护士')
    await screen.findByText(/符合条件的岗位共/)
    await tap('保存搜索')
    expect(await screen.findByText('已保存，有新岗位会在“我的求职”里提醒你')).toBeTruthy()
    const accounts = Object.values(backend.db.core.accounts)
    expect(accounts).toHaveLength(1)
    const token = Object.keys(backend.db.core.sessions)[0]
    const subs = (await call(backend, 'GET', '/jobs/subscriptions', { token })).body.items
    expect(subs).toEqual([expect.objectContaining({ q: '护士', newCount: 0 })])
  })
})

describe('job list at scale', () => {
  it('loads page after page as the person scrolls, with the same few rows in the page', async () => {
    const backend = freshApp(jobsBackend())
    renderList()
    await screen.findByText('全市岗位共 5200 个')
    const inner = () => document.querySelector('[id$="-inner"]') as HTMLElement
    const rowPx = parseFloat((document.querySelector('[id$="-0-wrapper"]') as HTMLElement).style.height)
    const loaded = () => Math.round(parseFloat(inner().style.height) / rowPx)
    const counts: number[] = []
    while (loaded() < 300) {
      const before = loaded()
      await scrollToEnd()
      await waitFor(() => expect(loaded()).toBeGreaterThan(before))
      counts.push(rows().length)
    }
    expect(loaded()).toBe(300)
    expect(Math.max(...counts)).toBeLessThanOrEqual(30)
    // In view: the end of the fifth page, where the last scroll went (the sixth page then loaded below).
    let page = await listJobs(backend, { limit: '50' })
    for (let i = 1; i < 5; i += 1) page = await listJobs(backend, { limit: '50', cursor: page.nextCursor! })
    const shown = Array.from(rows()).map((r) => r.textContent ?? '')
    const last = page.items[49]
    expect(shown.some((t) => t.startsWith(last.title) && t.includes(last.employer))).toBe(true)
  }, 30_000)

  it('renders the same handful of rows with 100, 1,000 or 5,000 postings loaded (counted in the DOM)', async () => {
    const backend = jobsBackend()
    const all: JobSummary[] = []
    let page = await listJobs(backend, { limit: '50' })
    all.push(...page.items)
    while (all.length < 5000) {
      page = await listJobs(backend, { limit: '50', cursor: page.nextCursor! })
      all.push(...page.items)
    }
    const figures: { loaded: number; rows: number; nodes: number; rowsMid: number }[] = []
    for (const n of [100, 1000, 5000]) {
      const onEnd = jest.fn()
      const view = render(
        <Screen>
          <JobResults
            items={all.slice(0, n)}
            total={5200}
            nextCursor="more"
            phase="ready"
            height={600}
            width={343}
            itemSize={132}
            onEndReached={onEnd}
            onRetry={() => undefined}
          />
        </Screen>,
      )
      const scroller = view.container.querySelector('.jobs-list__scroller') as HTMLElement
      const scrollTo = async (top: number) => {
        Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: n * 132 + 200 })
        await act(async () => {
          scroller.scrollTop = top
          fireEvent.scroll(scroller)
        })
      }
      await scrollTo(Math.floor(n / 2) * 132)
      const rowsMid = view.container.querySelectorAll('.jobs-row').length
      expect(view.container.textContent).toContain(all[Math.floor(n / 2)].employer)
      expect(onEnd).not.toHaveBeenCalled()
      await scrollTo(n * 132 - 600)
      expect(view.container.textContent).toContain(all[n - 1].employer)
      expect(onEnd).toHaveBeenCalled()
      figures.push({
        loaded: n,
        rows: view.container.querySelectorAll('.jobs-row').length,
        nodes: view.container.querySelectorAll('*').length,
        rowsMid,
      })
      view.unmount()
    }
    for (const f of figures) {
      expect(f.rows).toBeLessThanOrEqual(30)
      expect(f.rowsMid).toBeLessThanOrEqual(30)
    }
    // Flat: 5,000 loaded postings cost no more nodes than 100.
    expect(figures[2].nodes).toBeLessThanOrEqual(figures[0].nodes + 20)
    expect(figures[2].rows).toBe(figures[0].rows)
  }, 30_000)
})
