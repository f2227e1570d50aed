import type { JobIndustry, JobSort } from '@/core/contract'
import { districtByCodeOrName } from '../core/regions'
import { compareLatest, compareSalary, isOpen, type JobsBase, type Posting } from './postings'

/** What a list or a saved search asks for, normalised: a district by its code, q lower-cased. */
export interface Criteria {
  q?: string
  /** `null`: a district that does not exist, which matches nothing. */
  districtCode?: string | null
  industry?: JobIndustry
  salaryMin?: number
}

export function normaliseCriteria(input: { q?: string; district?: string; industry?: JobIndustry | ''; salaryMin?: number }): Criteria {
  const c: Criteria = {}
  const q = input.q?.trim().toLowerCase()
  if (q) c.q = q
  if (input.district) c.districtCode = districtByCodeOrName(input.district)?.code ?? null
  if (input.industry) c.industry = input.industry
  if (input.salaryMin) c.salaryMin = input.salaryMin
  return c
}

export function matches(p: Posting, c: Criteria): boolean {
  if (c.districtCode !== undefined && p.districtCode !== c.districtCode) return false
  if (c.industry && p.industry !== c.industry) return false
  if (c.salaryMin !== undefined && p.salaryMax < c.salaryMin) return false
  if (c.q && !p.hay.includes(c.q)) return false
  return true
}

export function comparatorFor(sort: JobSort): (a: Posting, b: Posting) => number {
  return sort === 'salary' ? compareSalary : compareLatest
}

/** The sort key a cursor remembers. */
export function sortKey(sort: JobSort, p: Posting): number {
  return sort === 'salary' ? p.salaryMax : p.postedAt
}

/**
 * Open postings matching `c`, in `sort` order: the seed's presorted list filtered, merged with
 * the (few) published ones.
 */
export function search(base: JobsBase, published: readonly Posting[], c: Criteria, sort: JobSort, today: string): Posting[] {
  if (c.districtCode === null) return []
  const keep = (p: Posting) => isOpen(p, today) && matches(p, c)
  const compare = comparatorFor(sort)
  const seeded = (sort === 'salary' ? base.bySalary : base.byLatest).filter(keep)
  const fresh = published.filter(keep).sort(compare)
  if (fresh.length === 0) return seeded
  const out: Posting[] = []
  let i = 0
  let j = 0
  while (i < seeded.length || j < fresh.length) {
    if (j >= fresh.length || (i < seeded.length && compare(seeded[i], fresh[j]) <= 0)) out.push(seeded[i++])
    else out.push(fresh[j++])
  }
  return out
}

/** The order a cursor's `(k, i)` pairs follow: key descending, then id descending. */
export function compareKeys(a: { k: string | number; i: string }, b: { k: string | number; i: string }): number {
  const byKey = Number(b.k) - Number(a.k)
  if (byKey !== 0) return byKey
  return a.i === b.i ? 0 : a.i > b.i ? -1 : 1
}
