import type { Application, JobDetail, JobSummary, Subscription } from '@/core/contract'
import { maskPhone } from '@/core/identity/masking'
import { daysBetween, toIsoShanghai } from '@/core/time/shanghai'
import { fakePhone } from '../core/people'
import { intBetween, pick, rngFor } from '../core/random'
import { regionByCode } from '../core/regions'
import type { Ctx } from '../core/router'
import { sample } from './seed-postings'
import { heldPostings, newPostingsCount, statusOf } from './rules'
import type { Posting, StoredApplication, StoredSubscription } from './state'
import { CONTACT_SURNAMES, KINDS, REQUIREMENTS, STREET_WORDS } from './vocabulary'

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

function toApplication(ctx: Ctx, app: StoredApplication, p: Posting): Application {
  const out: Application = {
    id: app.id,
    jobId: app.jobId,
    title: p.title,
    employer: p.employer,
    district: p.district,
    salaryMin: p.salaryMin,
    salaryMax: p.salaryMax,
    status: statusOf(app, ctx.clock.now()),
    createdAt: ctx.clock.iso(app.createdAt),
  }
  if (app.message) out.message = app.message
  return out
}

/** Applications as the API shows them, each with what its posting says. */
export async function toApplications(ctx: Ctx, apps: readonly StoredApplication[]): Promise<Application[]> {
  const jobIds = apps.map((a) => a.jobId)
  const postings = await heldPostings(ctx, jobIds)
  return apps.map((a, i) => toApplication(ctx, a, postings[i]))
}

export async function toSubscription(ctx: Ctx, sub: StoredSubscription): Promise<Subscription> {
  const out: Subscription = {
    id: sub.id,
    createdAt: ctx.clock.iso(sub.createdAt),
    lastSeenAt: ctx.clock.iso(sub.lastSeenAt),
    newCount: await newPostingsCount(ctx, sub),
  }
  if (sub.q) out.q = sub.q
  if (sub.districtCode) {
    out.districtCode = sub.districtCode
    out.district = regionByCode(sub.districtCode)?.name ?? sub.districtCode
  }
  if (sub.industry) out.industry = sub.industry
  if (sub.salaryMin) out.salaryMin = sub.salaryMin
  return out
}

/** One after another: a request's queries go to its one transaction in order. */
export async function toSubscriptions(ctx: Ctx, subs: readonly StoredSubscription[]): Promise<Subscription[]> {
  const out: Subscription[] = []
  for (const sub of subs) out.push(await toSubscription(ctx, sub))
  return out
}
