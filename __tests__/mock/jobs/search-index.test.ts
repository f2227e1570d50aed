import type { JobSummary } from '@/core/contract'
import { createRng } from '@/mock/core/random'
import { jobsBackend, listJobs, publish, walkJobs } from '../../helpers/jobs'

/**
 * `GET /jobs?q=` answers from an index over titles and employers. Whatever it does inside, the
 * answer must be the scan's: every open posting whose title or employer holds the text (ignoring
 * case and the spaces around it), in the list's order. The scan here is over the unfiltered list,
 * read through the API; the queries are drawn from the postings themselves, plus some that match
 * nothing.
 */
const b = jobsBackend()
let published: JobSummary[] = []

async function everything(sort: 'latest' | 'salary'): Promise<JobSummary[]> {
  const out: JobSummary[] = []
  let page = await listJobs(b, { sort, limit: '50' })
  out.push(...page.items)
  while (page.nextCursor) {
    page = await listJobs(b, { sort, limit: '50', cursor: page.nextCursor })
    out.push(...page.items)
  }
  return out
}

const all: Record<'latest' | 'salary', JobSummary[]> = { latest: [], salary: [] }
let qs: string[] = []
beforeAll(async () => {
  published = (await publish(b, 40)).items
  all.latest = await everything('latest')
  all.salary = await everything('salary')
  qs = queries()
})
const hay = (j: JobSummary) => `${j.title}\n${j.employer}`.toLowerCase()

function queries(): string[] {
  const rng = createRng(42)
  const texts = [...new Set(all.latest.flatMap((j) => [j.title, j.employer]))]
  const out = new Set<string>()
  for (let n = 0; n < 70; n += 1) {
    const t = texts[Math.floor(rng() * texts.length)]
    const length = 1 + Math.floor(rng() * 4)
    const from = Math.floor(rng() * Math.max(1, t.length - length + 1))
    out.add(t.slice(from, from + length))
  }
  for (const t of texts.slice(0, 8)) out.add(t)
  // Three characters whose two pairs each occur, in different postings: a posting holding one
  // pair (or both, apart) must not be taken for one holding the whole.
  const pairsFrom = new Map<string, string[]>()
  for (const t of texts) for (let i = 0; i + 1 < t.length; i += 1) pairsFrom.set(t[i], [...(pairsFrom.get(t[i]) ?? []), t.slice(i, i + 2)])
  for (let n = 0; n < 40; n += 1) {
    const t = texts[Math.floor(rng() * texts.length)]
    if (t.length < 2) continue
    const i = Math.floor(rng() * (t.length - 1))
    const next = pairsFrom.get(t[i + 1]) ?? []
    if (next.length) out.add(t.slice(i, i + 2) + next[Math.floor(rng() * next.length)][1])
  }
  for (const q of ['JAVA', 'Ui', '  司机 ', '上海', '有限公司', '工', '火星', 'zz', '司机护士', '师傅x']) out.add(q)
  return [...out].filter((q) => q.trim() !== '')
}

describe('GET /jobs?q= answers as a scan of titles and employers would', () => {
  it('draws queries that find many, few and no postings', () => {
    const counts = qs.map((q) => all.latest.filter((j) => hay(j).includes(q.trim().toLowerCase())).length)
    expect(counts.some((n) => n === 0)).toBe(true)
    expect(counts.some((n) => n > 0 && n < 50)).toBe(true)
    expect(counts.some((n) => n > all.latest.length / 2)).toBe(true)
  })

  it.each(['latest', 'salary'] as const)('for every query, in the %s order, every page', async (sort) => {
    for (const q of qs) {
      const needle = q.trim().toLowerCase()
      const expected = all[sort].filter((j) => hay(j).includes(needle)).map((j) => j.id)
      const found = await walkJobs(b, { q, sort, limit: '50' })
      expect({ q, ids: found.ids, total: found.firstTotal }).toEqual({ q, ids: expected, total: expected.length })
    }
  })

  it('with a district and a salary too', async () => {
    const district = all.latest[0].district
    for (const q of qs.slice(0, 40)) {
      const needle = q.trim().toLowerCase()
      const expected = all.latest.filter((j) => hay(j).includes(needle) && j.district === district && j.salaryMax >= 8000).map((j) => j.id)
      expect({ q, ids: (await walkJobs(b, { q, district, salaryMin: '8000', limit: '50' })).ids }).toEqual({ q, ids: expected })
    }
  })

  it('finds the postings published since the seed, which the index does not hold, by title and by employer', async () => {
    expect(published).toHaveLength(40)
    for (const j of published.slice(0, 6)) {
      expect((await walkJobs(b, { q: j.title, limit: '50' })).ids).toContain(j.id)
      expect((await walkJobs(b, { q: j.employer, limit: '50' })).ids).toContain(j.id)
    }
  })
})
