import { JOB_INDUSTRIES, type JobIndustry } from '@/core/contract'
import { addDays, shanghaiDate } from '@/core/time/shanghai'
import { SEED_EPOCH_MS } from '../core/clock'
import { intBetween, pick, rngFor } from '../core/random'
import { shanghaiDistricts } from '../core/regions'
import { jobId } from './postings'
import type { Employer, JobsBase, Posting } from './state'
import { BRANDS, EXPERIENCE, KINDS, SUFFIXES, TAGS } from './vocabulary'

// Made-up postings: the seed's, and those the `/__mock/jobs` control publishes. Seed data, so the
// mutation run leaves this file out (mutation/README.md); the rules over postings are elsewhere.

export const SEED_POSTINGS = 5200
/** Seed postings were published over the weeks before the seed's start. */
const SEED_SPAN_DAYS = 45

/** `count` distinct items in random order (a partial Fisher–Yates shuffle). */
export function sample<T>(rng: () => number, items: readonly T[], count: number): T[] {
  const out = items.slice()
  const n = Math.min(count, out.length)
  for (let i = 0; i < n; i += 1) {
    const j = i + Math.floor(rng() * (out.length - i))
    const t = out[i]
    out[i] = out[j]
    out[j] = t
  }
  return out.slice(0, n)
}

/** Each industry's employers, each in one district, so an employer's postings agree on where. */
function makeEmployers(seed: number): Record<JobIndustry, Employer[]> {
  const rng = rngFor(seed, 'jobs:employers')
  const districts = shanghaiDistricts()
  const out = {} as Record<JobIndustry, Employer[]>
  for (const industry of JOB_INDUSTRIES) {
    const names: string[] = []
    for (const brand of sample(rng, BRANDS, 24)) {
      const suffix = pick(rng, SUFFIXES[industry])
      names.push(suffix.endsWith('有限公司') ? `上海${brand}${suffix}` : `${brand}${suffix}`)
    }
    out[industry] = names.map((name) => ({ name, district: pick(rng, districts) }))
  }
  return out
}

/** Monthly pay rounded to 500 yuan, as postings write it. */
function round500(n: number): number {
  return Math.max(500, Math.round(n / 500) * 500)
}

function makePosting(
  rng: () => number,
  employers: Record<JobIndustry, Employer[]>,
  seq: number,
  postedAt: number,
  deadline: string,
): Posting {
  const industry = pick(rng, JOB_INDUSTRIES)
  const kindIndex = Math.floor(rng() * KINDS[industry].length)
  const kind = KINDS[industry][kindIndex]
  const employer = pick(rng, employers[industry])
  const [lo, hi] = kind.pay
  const salaryMin = round500(lo * (0.85 + rng() * 0.35))
  const salaryMax = Math.max(salaryMin + 500, round500(salaryMin + (hi - lo) * (0.5 + rng() * 0.7)))
  const tags = sample(rng, TAGS, intBetween(rng, 2, 4))
  return {
    id: jobId(seq),
    seq,
    title: kind.title,
    employer: employer.name,
    districtCode: employer.district.code,
    district: employer.district.name,
    industry,
    kind: kindIndex,
    salaryMin,
    salaryMax,
    tags,
    postedAt,
    deadline,
    headcount: rng() < 0.5 ? intBetween(rng, 1, 3) : intBetween(rng, 4, 30),
    education: kind.education,
    experience: pick(rng, EXPERIENCE),
    hay: `${kind.title}\n${employer.name}`.toLowerCase(),
  }
}

/** The seed's postings: published over the weeks before its start, in working hours. */
export function seedPostings(seed: number): { employers: Record<JobIndustry, Employer[]>; postings: Posting[] } {
  const employers = makeEmployers(seed)
  const rng = rngFor(seed, 'jobs:postings')
  const startDay = shanghaiDate(SEED_EPOCH_MS)
  const dayStarts = Array.from({ length: SEED_SPAN_DAYS }, (_, i) => Date.parse(`${addDays(startDay, -i)}T00:00:00+08:00`))
  const deadlines = Array.from({ length: 61 }, (_, i) => addDays(startDay, i))
  const startMinute = (SEED_EPOCH_MS - dayStarts[0]) / 60_000
  const postings: Posting[] = []
  for (let seq = 0; seq < SEED_POSTINGS; seq += 1) {
    // Whole minutes in working hours over the 45 days before the start (today: before the start).
    const daysAgo = Math.floor(rng() * SEED_SPAN_DAYS)
    const minuteOfDay = intBetween(rng, 8 * 60, daysAgo === 0 ? startMinute - 1 : 20 * 60)
    const postedAt = dayStarts[daysAgo] + minuteOfDay * 60_000
    postings.push(makePosting(rng, employers, seq, postedAt, deadlines[intBetween(rng, 0, 60)]))
  }
  return { employers, postings }
}

/** New postings published now (the `/__mock/jobs` control). */
export function publishPostings(seed: number, base: JobsBase, firstSeq: number, count: number, now: number): Posting[] {
  const today = shanghaiDate(now)
  const out: Posting[] = []
  const rng = rngFor(seed, `jobs:published:${firstSeq}`)
  for (let i = 0; i < count; i += 1) {
    const seq = firstSeq + i
    out.push(makePosting(rng, base.employers, seq, now, addDays(today, intBetween(rng, 7, 45))))
  }
  return out
}
