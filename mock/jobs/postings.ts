import { JOB_INDUSTRIES, type JobDetail, type JobIndustry, type JobSummary } from '@/core/contract'
import { maskPhone } from '@/core/identity/masking'
import { addDays, daysBetween, shanghaiDate, toIsoShanghai } from '@/core/time/shanghai'
import { SEED_EPOCH_MS } from '../core/clock'
import { fakePhone } from '../core/people'
import { intBetween, pick, rngFor } from '../core/random'
import { shanghaiDistricts, type Region } from '../core/regions'
import { BRANDS, CONTACT_SURNAMES, EXPERIENCE, KINDS, REQUIREMENTS, STREET_WORDS, SUFFIXES, TAGS } from './vocabulary'

/** A posting as the mock keeps it: plain JSON (published ones live in the persisted state). */
export interface Posting {
  id: string
  /** Order of publication: seed postings 0…n-1, then each published one. */
  seq: number
  title: string
  employer: string
  districtCode: string
  district: string
  industry: JobIndustry
  /** Which kind of job in `KINDS[industry]` (its duties feed the description). */
  kind: number
  salaryMin: number
  salaryMax: number
  tags: string[]
  postedAt: number
  deadline: string
  headcount: number
  education: string
  experience: string
  /** Lower-cased title and employer, what search looks in. */
  hay: string
}

export const SEED_POSTINGS = 5200
const DAY_MS = 24 * 3600 * 1000
/** Seed postings were published over the weeks before the seed's start. */
const SEED_SPAN_DAYS = 45

export function jobId(seq: number): string {
  return `j${String(seq + 1).padStart(6, '0')}`
}

/** The seq of a well-formed job id, or null. */
export function seqOf(id: string): number | null {
  const m = /^j(\d{6})$/.exec(id)
  if (!m) return null
  const n = Number(m[1]) - 1
  return n >= 0 ? n : null
}

interface Employer {
  name: string
  district: Region
}

/** `count` distinct items in random order (a partial Fisher–Yates shuffle). */
function sample<T>(rng: () => number, items: readonly T[], count: number): T[] {
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

export interface JobsBase {
  employers: Record<JobIndustry, Employer[]>
  /** Seed postings by seq. */
  postings: Posting[]
  /** The same postings in each sort's order, so a filtered list needs no sorting. */
  byLatest: Posting[]
  bySalary: Posting[]
}

/** Newest first, then the higher id: a posting published later always comes first. */
export function compareLatest(a: Posting, b: Posting): number {
  return b.postedAt - a.postedAt || b.seq - a.seq
}

export function compareSalary(a: Posting, b: Posting): number {
  return b.salaryMax - a.salaryMax || b.seq - a.seq
}

export function createJobsBase(seed: number): JobsBase {
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
  return {
    employers,
    postings,
    byLatest: postings.slice().sort(compareLatest),
    bySalary: postings.slice().sort(compareSalary),
  }
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

export function isOpen(p: Posting, today: string): boolean {
  return p.deadline >= today
}

export function toSummary(p: Posting, today: string): JobSummary {
  const left = daysBetween(today, p.deadline)
  return {
    id: p.id,
    title: p.title,
    employer: p.employer,
    district: p.district,
    districtCode: p.districtCode,
    industry: p.industry,
    salaryMin: p.salaryMin,
    salaryMax: p.salaryMax,
    tags: p.tags.slice(),
    postedAt: toIsoShanghai(p.postedAt),
    deadline: p.deadline,
    closed: left < 0,
    daysLeft: left < 0 ? null : left,
  }
}

/** The long texts of a posting, derived from its id so they need not be stored. */
export function toDetail(seed: number, p: Posting, today: string, mine: { applied: boolean; favorite: boolean }): JobDetail {
  const rng = rngFor(seed, `jobs:detail:${p.id}`)
  const kind = KINDS[p.industry][p.kind]
  const requirements = [p.education, p.experience === '经验不限' ? '经验不限，可带教' : `${p.experience}相关工作经验`]
  requirements.push(...sample(rng, REQUIREMENTS, intBetween(rng, 2, 3)))
  const surname = pick(rng, CONTACT_SURNAMES)
  const title = rng() < 0.5 ? '先生' : '女士'
  return {
    ...toSummary(p, today),
    description: `${kind.duties}。招聘 ${p.headcount} 人，工作地点在${p.district}，${p.tags.join('、')}。`,
    requirements,
    headcount: p.headcount,
    education: p.education,
    experience: p.experience,
    address: `上海市${p.district}${pick(rng, STREET_WORDS)}路 ${intBetween(rng, 1, 1999)} 号`,
    contactMasked: `${surname}${title} ${maskPhone(fakePhone(rng))}`,
    applied: mine.applied,
    favorite: mine.favorite,
  }
}

export const DAY = DAY_MS
