import { search } from '@/mock/jobs/search'
import { createJobsBase } from '@/mock/jobs/seed'
import type { Posting } from '@/mock/jobs/state'

/**
 * The open list is the seed's presorted postings merged with the published ones. A published
 * posting can sort anywhere, first or last: the merge must keep every one, in the sort's order.
 */
describe('the open list with published postings at either end', () => {
  const base = createJobsBase(1)
  const today = '2020-02-10'
  const template = base.postings.find((p) => p.deadline >= '2020-03-01')!
  const made = (n: number, over: Partial<Posting>): Posting => ({
    ...template,
    id: `j${String(base.postings.length + n + 1).padStart(6, '0')}`,
    seq: base.postings.length + n,
    ...over,
  })
  const richest = Math.max(...base.postings.map((p) => p.salaryMax))
  const published = [made(0, { salaryMax: 1, salaryMin: 1 }), made(1, { salaryMax: richest + 1, salaryMin: richest })]

  it('by salary: the best paid first, the worst paid last, nothing lost', () => {
    const list = search(base, published, {}, 'salary', today)
    expect(list[0]).toBe(published[1])
    expect(list[list.length - 1]).toBe(published[0])
    const seededOpen = base.postings.filter((p) => p.deadline >= today).length
    expect(list).toHaveLength(seededOpen + 2)
    for (let i = 1; i < list.length; i += 1) expect(list[i - 1].salaryMax).toBeGreaterThanOrEqual(list[i].salaryMax)
  })

  it('by date: a posting dated before every seeded one comes last', () => {
    const oldest = Math.min(...base.postings.map((p) => p.postedAt))
    const old = [made(0, { postedAt: oldest - 1 })]
    const list = search(base, old, {}, 'latest', today)
    expect(list[list.length - 1]).toBe(old[0])
  })
})
