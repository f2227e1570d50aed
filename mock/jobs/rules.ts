import type { InferOutput } from 'valibot'
import {
  MAX_APPLICATIONS_PER_DAY,
  MAX_FAVORITES,
  MAX_SUBSCRIPTIONS,
  type ApplicationRequestSchema,
  type ApplicationStatus,
  type JobListQuerySchema,
  type JobSort,
  type ListPage,
  type SubscriptionRequestSchema,
} from '@/core/contract'
import { addDays, shanghaiDate, startOfShanghaiDay } from '@/core/time/shanghai'
import type { PublishJobsRequest } from '../controls/schemas'
import { dictDelete, dictEntries, dictHas, dictSet, dictSize, dictValues } from '../core/dict'
import { HttpError, conflict, forbidden, notFound, validationFailed } from '../core/http'
import { paginate, type PageRequest } from '../core/paging'
import { sha256Hex } from '../core/random'
import { districtByCodeOrName } from '../core/regions'
import type { Ctx } from '../core/router'
import { nextId, type Account } from '../core/state'
import { requireAccount, requireVerified } from '../session/accounts'
import { DAY, isOpen } from './postings'
import { publishPostings } from './seed-postings'
import { compareKeys, matches, normaliseCriteria, search, sortKey } from './search'
import {
  applicationsOf,
  favoritesOf,
  jobs,
  lastSeq,
  posting,
  subscriptionsOf,
  type Posting,
  type StoredApplication,
  type StoredSubscription,
} from './state'

export function requirePosting(ctx: Ctx, id: string): Posting {
  const p = posting(ctx, id)
  if (!p) throw notFound('没有找到这个岗位，它可能已被撤下')
  return p
}

/** An application's status on the server's clock: seen after a day, decided after three. */
export function statusOf(app: StoredApplication, now: number): ApplicationStatus {
  const elapsed = now - app.createdAt
  if (elapsed < DAY) return 'submitted'
  if (elapsed < 3 * DAY) return 'viewed'
  return app.outcome
}

/** Where an application ends up, fixed from the seed and its id when it is made. */
function outcomeFor(seed: number, applicationId: string): StoredApplication['outcome'] {
  const bucket = parseInt(sha256Hex(`${seed}:jobs:outcome:${applicationId}`).slice(0, 4), 16) % 10
  if (bucket < 4) return 'interview'
  if (bucket < 9) return 'rejected'
  return 'viewed'
}

/** Open postings published after the person last looked, matching the saved search, newest first. */
export function newPostings(ctx: Ctx, sub: StoredSubscription): Posting[] {
  const published = jobs.state(ctx).published
  const c = normaliseCriteria({ q: sub.q, district: sub.districtCode, industry: sub.industry, salaryMin: sub.salaryMin })
  const day = ctx.clock.today()
  const out: Posting[] = []
  for (let i = published.length - 1; i >= 0 && published[i].seq > sub.lastSeenSeq; i -= 1) {
    const p = published[i]
    if (isOpen(p, day) && matches(p, c)) out.push(p)
  }
  return out
}

/** The caller's saved search: someone else's is 403, one that does not exist 404. */
function ownSubscription(ctx: Ctx, account: Account, id: string): StoredSubscription {
  const mine = subscriptionsOf(ctx, account.id).find((s) => s.id === id)
  if (mine) return mine
  for (const theirs of dictValues(jobs.state(ctx).subscriptions)) {
    if (theirs.some((s) => s.id === id)) throw forbidden('这不是你保存的搜索')
  }
  throw notFound('没有找到这个保存的搜索，它可能已被删除')
}

function openCount(ctx: Ctx): number {
  const day = ctx.clock.today()
  const base = jobs.base(ctx)
  let n = 0
  for (const p of base.postings) if (isOpen(p, day)) n += 1
  for (const p of jobs.state(ctx).published) if (isOpen(p, day)) n += 1
  return n
}

/** `GET /jobs`: open postings matching the filters, as of `day`, in the sort asked for. */
export function jobsPage(ctx: Ctx, query: InferOutput<typeof JobListQuerySchema>, day: string): ListPage<Posting> {
  const sort: JobSort = query.sort || 'latest'
  const c = normaliseCriteria({ q: query.q, district: query.district, industry: query.industry, salaryMin: query.salaryMin })
  const found = search(jobs.base(ctx), jobs.state(ctx).published, c, sort, day)
  return paginate(ctx, found, {
    list: 'jobs',
    // The district by its code, so a cursor from `district=黄浦区` serves `district=310101`.
    filters: {
      q: c.q,
      district: c.districtCode === null ? `unknown:${query.district}` : c.districtCode,
      industry: c.industry,
      salaryMin: c.salaryMin,
      sort,
    },
    page: query,
    keyOf: (p) => sortKey(sort, p),
    idOf: (p) => p.id,
    compare: compareKeys,
  })
}

/** One page of a person's own list: `rows` come newest first, each keyed by the time it was made. */
function ownPage<R>(
  ctx: Ctx,
  name: 'applications' | 'favorites' | 'subscriptions',
  query: PageRequest,
  rows: (accountId: string) => R[],
  keyOf: (row: R) => number,
  idOf: (row: R) => string,
): ListPage<R> {
  const account = requireAccount(ctx)
  return paginate(ctx, rows(account.id), {
    list: `jobs-${name}:${account.id}`,
    filters: {},
    page: query,
    keyOf,
    idOf,
    compare: compareKeys,
  })
}

export function applicationsPage(ctx: Ctx, query: PageRequest): ListPage<StoredApplication> {
  return ownPage(
    ctx,
    'applications',
    query,
    (id) => applicationsOf(ctx, id).slice().reverse(),
    (a) => a.createdAt,
    (a) => a.id,
  )
}

/** Favorites by when they were made; the page carries the postings themselves. */
export function favoritesPage(ctx: Ctx, query: PageRequest): ListPage<Posting> {
  const page = ownPage(
    ctx,
    'favorites',
    query,
    (id) => {
      return dictEntries(favoritesOf(ctx, id))
        .map(([jobId, at]) => ({ id: jobId, at }))
        .sort((a, b) => compareKeys({ k: a.at, i: a.id }, { k: b.at, i: b.id }))
    },
    (f) => f.at,
    (f) => f.id,
  )
  return { ...page, items: page.items.map((f) => posting(ctx, f.id)!) }
}

export function subscriptionsPage(ctx: Ctx, query: PageRequest): ListPage<StoredSubscription> {
  return ownPage(
    ctx,
    'subscriptions',
    query,
    (id) => subscriptionsOf(ctx, id).slice().reverse(),
    (s) => s.createdAt,
    (s) => s.id,
  )
}

/** A saved search needs one criterion; the same one twice, or more than the limit, is refused. */
export function subscribe(ctx: Ctx, body: InferOutput<typeof SubscriptionRequestSchema>): StoredSubscription {
  const account = requireAccount(ctx)
  let districtCode: string | undefined
  if (body.district) {
    districtCode = districtByCodeOrName(body.district)?.code
    if (!districtCode) throw validationFailed({ district: '没有这个区，请从列表中选择' })
  }
  const sub: StoredSubscription = {
    id: '',
    accountId: account.id,
    createdAt: ctx.clock.now(),
    lastSeenAt: ctx.clock.now(),
    lastSeenSeq: lastSeq(ctx),
  }
  if (body.q) sub.q = body.q
  if (districtCode) sub.districtCode = districtCode
  if (body.industry) sub.industry = body.industry
  if (body.salaryMin) sub.salaryMin = body.salaryMin
  if (!sub.q && !sub.districtCode && !sub.industry && !sub.salaryMin) {
    throw validationFailed({ q: '请至少设置一个条件：关键词、区、行业或最低月薪' })
  }
  const mine = subscriptionsOf(ctx, account.id, true)
  const same = (s: StoredSubscription) =>
    (s.q ?? '').toLowerCase() === (sub.q ?? '').toLowerCase() &&
    s.districtCode === sub.districtCode &&
    s.industry === sub.industry &&
    s.salaryMin === sub.salaryMin
  if (mine.some(same)) throw conflict('ALREADY_SUBSCRIBED', '你已经保存过这个搜索')
  if (mine.length >= MAX_SUBSCRIPTIONS) {
    throw conflict('TOO_MANY_SUBSCRIPTIONS', `最多保存 ${MAX_SUBSCRIPTIONS} 个搜索，请先删除不再需要的`)
  }
  sub.id = nextId(ctx.db.core, 'js')
  mine.push(sub)
  return sub
}

/** What is new for a saved search since the person last marked it seen. */
export function subscriptionPostingsPage(ctx: Ctx, id: string, query: PageRequest): ListPage<Posting> {
  const sub = ownSubscription(ctx, requireAccount(ctx), id)
  return paginate(ctx, newPostings(ctx, sub), {
    list: `jobs-subscription:${sub.id}:${sub.lastSeenSeq}`,
    filters: {},
    page: query,
    keyOf: (p) => p.postedAt,
    idOf: (p) => p.id,
    compare: compareKeys,
  })
}

export function markSeen(ctx: Ctx, id: string): StoredSubscription {
  const sub = ownSubscription(ctx, requireAccount(ctx), id)
  sub.lastSeenSeq = lastSeq(ctx)
  sub.lastSeenAt = ctx.clock.now()
  return sub
}

export function unsubscribe(ctx: Ctx, id: string): void {
  const account = requireAccount(ctx)
  const sub = ownSubscription(ctx, account, id)
  const mine = subscriptionsOf(ctx, account.id, true)
  mine.splice(mine.indexOf(sub), 1)
}

/** What a posting's page says about the caller, who may not be logged in. */
export function relationTo(ctx: Ctx, p: Posting): { applied: boolean; favorite: boolean } {
  const account = ctx.account
  return {
    applied: account ? applicationsOf(ctx, account.id).some((a) => a.jobId === p.id) : false,
    favorite: account ? dictHas(favoritesOf(ctx, account.id), p.id) : false,
  }
}

/** Where several refusals apply, the first of API.md's order answers: IDENTITY_REQUIRED, 404, ALREADY_APPLIED, JOB_CLOSED, 429. */
export function apply(ctx: Ctx, jobId: string, body: InferOutput<typeof ApplicationRequestSchema>): StoredApplication {
  const account = requireVerified(ctx)
  const p = requirePosting(ctx, jobId)
  const mine = applicationsOf(ctx, account.id, true)
  if (mine.some((a) => a.jobId === p.id)) throw conflict('ALREADY_APPLIED', '你已经投递过这个岗位，可在“我的求职”查看进度')
  const day = ctx.clock.today()
  if (!isOpen(p, day)) throw conflict('JOB_CLOSED', `这个岗位已于 ${p.deadline} 截止招聘，不能再投递`)
  const now = ctx.clock.now()
  const todays = mine.filter((a) => shanghaiDate(a.createdAt) === day).length
  if (todays >= MAX_APPLICATIONS_PER_DAY) {
    const wait = startOfShanghaiDay(addDays(day, 1)) - now
    throw new HttpError(429, 'RATE_LIMITED', `每天最多投递 ${MAX_APPLICATIONS_PER_DAY} 个岗位，明天再来吧`, undefined, {
      'Retry-After': String(Math.max(1, Math.ceil(wait / 1000))),
    })
  }
  const id = nextId(ctx.db.core, 'ja')
  const app: StoredApplication = { id, jobId: p.id, createdAt: now, outcome: outcomeFor(ctx.env.seed, id) }
  if (body.message) app.message = body.message
  mine.push(app)
  return app
}

/** Favoriting is a set: again is no change, only the limit refuses. */
export function favorite(ctx: Ctx, jobId: string): Posting {
  const account = requireAccount(ctx)
  const p = requirePosting(ctx, jobId)
  const favs = favoritesOf(ctx, account.id, true)
  if (!dictHas(favs, p.id)) {
    if (dictSize(favs) >= MAX_FAVORITES) {
      throw conflict('TOO_MANY_FAVORITES', `最多收藏 ${MAX_FAVORITES} 个岗位，请先取消一些收藏`)
    }
    dictSet(favs, p.id, ctx.clock.now())
  }
  return p
}

export function unfavorite(ctx: Ctx, jobId: string): void {
  const account = requireAccount(ctx)
  const p = requirePosting(ctx, jobId)
  dictDelete(favoritesOf(ctx, account.id), p.id)
}

/** The `/__mock/jobs` control: new postings now, and how many are open with them. */
export function publish(ctx: Ctx, body: PublishJobsRequest): { fresh: Posting[]; total: number } {
  const state = jobs.state(ctx)
  const fresh = publishPostings(ctx.env.seed, jobs.base(ctx), lastSeq(ctx) + 1, body.count ?? 1, ctx.clock.now())
  state.published.push(...fresh)
  return { fresh, total: openCount(ctx) }
}
