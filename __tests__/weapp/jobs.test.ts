import type { JobSummary, ListPage } from '@/core/contract'
import { call, testBackend } from '../helpers/backend'
import { clearWeappStorage, hostPage, type HostedPage } from './harness'

// The list page renders thousands of postings' worth of pages on a busy machine.
jest.setTimeout(30_000)

beforeEach(() => {
  jest.resetModules()
  clearWeappStorage()
})

const LIST = 'jobs/pages/list/index'

async function firstPage(backend: ReturnType<typeof testBackend>, query: Record<string, string> = {}): Promise<ListPage<JobSummary>> {
  return (await call(backend, 'GET', '/jobs', { query: { limit: '50', ...query } })).body as ListPage<JobSummary>
}

const rows = (page: HostedPage) => page.page.querySelectorAll('.jobs-row')

describe('job list page, weapp build', () => {
  it('renders the newest postings as a few virtual rows, and opens one', async () => {
    const backend = testBackend()
    const expected = await firstPage(backend)
    const page = await hostPage(LIST, backend)
    await page.waitForText(`全市岗位共 ${expected.total} 个`, 15_000)
    await page.waitUntil(() => rows(page).length > 0, 'the first rows', 15_000)
    const shown = rows(page)
    expect(shown.length).toBeLessThanOrEqual(30)
    expect(page.text()).toContain(expected.items[0].title)
    expect(page.text()).toContain(`${expected.items[0].salaryMin}–${expected.items[0].salaryMax} 元/月`)
    // Only the rows in view exist, not the 50 postings of the page.
    expect(page.text()).not.toContain(expected.items[49].employer + expected.items[49].district)
    // The list reads nothing but the public list: no log-in for reading.
    expect(page.requests.every((r) => r.method === 'GET')).toBe(true)
    await page.tap('jobs-card')
    await page.waitUntil(() => page.navigations.length > 0, 'the way to the posting')
    expect(page.navigations).toEqual([`/jobs/pages/detail/index?id=${expected.items[0].id}`])
    page.unload()
  })

  it('filters by district from the sheet and sorts by pay', async () => {
    const backend = testBackend()
    const expected = await firstPage(backend, { district: '310115', sort: 'salary' })
    const page = await hostPage(LIST, backend)
    await page.waitForText('全市岗位共', 15_000)
    await page.tap('jobs-filter-chip', '全市')
    await page.waitForText('选择区')
    await page.tap('jobs-option-sheet__option', '浦东新区')
    // The district taken (its chip says so) before the sort is chosen to go with it.
    await page.waitUntil(
      () => page.page.querySelectorAll('.jobs-filter-chip').some((n) => (n.dom.textContent ?? '').includes('浦东新区')),
      'the district chip to say 浦东新区',
    )
    await page.tap('jobs-sort-option', '薪资最高')
    // The sort is sent after the district (debounced): wait for its request before reading the rows' order.
    await page.waitUntil(() => page.requests.some((r) => r.url.includes('sort=salary')), 'the request sorted by pay', 15_000)
    await page.waitForText(`符合条件的岗位共 ${expected.total} 个`, 15_000)
    await page.waitUntil(
      () => rows(page).length > 0 && page.text().includes(expected.items[0].employer),
      'the richest posting in 浦东新区 first',
      15_000,
    )
    const where = page.page.querySelectorAll('.jobs-card__where').map((n) => n.dom.textContent ?? '')
    expect(where.length).toBeGreaterThan(0)
    expect(where.every((t) => t.replace(/\s+/g, ' ').startsWith('浦东新区'))).toBe(true)
    expect(page.requests.some((r) => r.url.includes('district=310115') && r.url.includes('sort=salary'))).toBe(true)
    page.unload()
  })

  it('asks for the next page when the list is scrolled near its end, rows staying few', async () => {
    const backend = testBackend()
    const page = await hostPage(LIST, backend)
    await page.waitForText('全市岗位共', 15_000)
    await page.waitUntil(() => rows(page).length > 0, 'the first rows', 15_000)
    const scroller = page.page.querySelector('.jobs-list__scroller')
    if (!scroller) throw new Error('no scroller')
    const rowPx = 144
    // WeChat sends a stream of scroll events; the list ignores a first jolt, so send a few.
    for (const top of [40 * rowPx, 44 * rowPx, 46 * rowPx]) {
      scroller.dispatchEvent('scroll', {
        detail: { scrollTop: top, scrollLeft: 0, scrollHeight: 50 * rowPx + 200, scrollWidth: 343, deltaY: 100 },
      })
      // Each event lands (and renders) before the next, as a finger's come a frame apart.
      await page.settle('a scroll event')
    }
    await page.waitUntil(() => page.requests.some((r) => r.url.includes('cursor=')), 'the request for the next page', 15_000)
    const first = await firstPage(backend)
    // The cursor the first page gave, sent once.
    expect(page.requests.filter((r) => r.url.includes(`cursor=${encodeURIComponent(first.nextCursor!)}`))).toHaveLength(1)
    // Scrolled: the rows near the 46th posting are in view, and still only a few of them.
    expect(page.text()).toContain(first.items[45].employer)
    expect(rows(page).length).toBeLessThanOrEqual(30)
    page.unload()
  })
})
