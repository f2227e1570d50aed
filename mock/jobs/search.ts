import type { JobIndustry, JobSort } from '@/core/contract'
import { districtByCodeOrName } from '../core/regions'
import { compareLatest, compareSalary, isOpen } from './postings'
import type { JobsBase, Posting } from './state'
import { buildTextIndex, candidates, type TextIndex } from './textIndex'

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

/** What makes two saved searches the same one: the same criteria, the text regardless of case. */
export function searchKey(s: { q?: string; districtCode?: string; industry?: JobIndustry; salaryMin?: number }): string {
  return JSON.stringify([(s.q ?? '').toLowerCase(), s.districtCode ?? '', s.industry ?? '', s.salaryMin ?? 0])
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

/** Every open posting in one sort's order, as of one Shanghai day and one count of published postings. */
interface OpenList {
  today: string
  published: number
  postings: readonly Posting[]
}

/**
 * The merged open postings per sort, kept per published array: one per backend state (which has
 * one seed base), so a fresh backend starts afresh. Published postings are only ever appended and
 * a posting's openness changes only with the day, so the day and the count say when one is stale.
 */
const openLists = new WeakMap<readonly Posting[], Partial<Record<JobSort, OpenList>>>()

/** Open postings in `sort` order: the seed's presorted list merged with the (few) published ones. */
function openPostings(base: JobsBase, published: readonly Posting[], sort: JobSort, today: string): readonly Posting[] {
  let lists = openLists.get(published)
  if (!lists) openLists.set(published, (lists = {}))
  const cached = lists[sort]
  if (cached && cached.today === today && cached.published === published.length) return cached.postings
  const open = (p: Posting) => isOpen(p, today)
  const compare = comparatorFor(sort)
  const seeded = (sort === 'salary' ? base.bySalary : base.byLatest).filter(open)
  const fresh = published.filter(open).sort(compare)
  let postings = seeded
  if (fresh.length > 0) {
    postings = []
    let i = 0
    let j = 0
    while (i < seeded.length || j < fresh.length) {
      if (j >= fresh.length || (i < seeded.length && compare(seeded[i], fresh[j]) <= 0)) postings.push(seeded[i++])
      else postings.push(fresh[j++])
    }
  }
  lists[sort] = { today, published: published.length, postings }
  return postings
}

function hasCriteria(c: Criteria): boolean {
  return c.q !== undefined || c.districtCode !== undefined || c.industry !== undefined || c.salaryMin !== undefined
}

/**
 * Open postings matching `c`, in `sort` order. The order is total (ties broken by seq), so
 * filtering the merged list gives what merging the filtered lists would. The answer may be the
 * cached list itself: read it, never change it.
 */
export function search(base: JobsBase, published: readonly Posting[], c: Criteria, sort: JobSort, today: string): readonly Posting[] {
  if (c.districtCode === null) return []
  if (c.q) return textSearch(base, published, c, c.q, sort, today)
  const open = openPostings(base, published, sort, today)
  return hasCriteria(c) ? open.filter((p) => matches(p, c)) : open
}

/** One index per seed base, built on the first search: bases are shared and never change. */
const textIndexes = new WeakMap<JobsBase, TextIndex>()

/**
 * A search with a text: the seed postings the index names and the (few) published ones, checked
 * against every criterion, in the sort's order. The order is total, so sorting the few hits
 * gives the order filtering the whole list would.
 */
function textSearch(base: JobsBase, published: readonly Posting[], c: Criteria, q: string, sort: JobSort, today: string): Posting[] {
  let index = textIndexes.get(base)
  if (!index) textIndexes.set(base, (index = buildTextIndex(base.postings)))
  // `matches` checks the text in each: the index only narrows down where to look.
  const hits = candidates(index, q).concat(published)
  const open = openPostings(base, published, sort, today)
  // Past a few hundred hits (a district's name is in most postings), walking the sorted list
  // beats sorting the hits (measured with the bench's queries).
  if (hits.length * 20 > open.length) {
    const held = new Set(hits)
    return open.filter((p) => held.has(p) && matches(p, c))
  }
  return hits.filter((p) => isOpen(p, today) && matches(p, c)).sort(comparatorFor(sort))
}

/** The order a cursor's `(k, i)` pairs follow: key descending, then id descending. */
export function compareKeys(a: { k: string | number; i: string }, b: { k: string | number; i: string }): number {
  const byKey = Number(b.k) - Number(a.k)
  if (byKey !== 0) return byKey
  return a.i === b.i ? 0 : a.i > b.i ? -1 : 1
}
