import type { InferOutput } from 'valibot'
import {
  DEFAULT_LIMIT,
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
import { addDays, startOfShanghaiDay } from '@/core/time/shanghai'
import type { PublishJobsRequest } from '../controls/schemas'
import { HttpError, conflict, forbidden, notFound, validationFailed } from '../core/http'
import { decodeCursor, encodeCursor, fingerprint, type PageRequest, type Position } from '../core/paging'
import { sha256Hex } from '../core/random'
import { districtByCodeOrName } from '../core/regions'
import type { Ctx } from '../core/router'
import type { Account } from '../core/state'
import { requireAccount, requireVerified } from '../session/accounts'
import { DAY, isOpen } from './postings'
import { publishPostings } from './seed-postings'
import { normaliseCriteria, searchKey, sortKey } from './search'
import { jobs, type Posting, type StoredApplication, type StoredSubscription } from './state'
import { jobsStore, type FavoriteRow, type Found, type PageAt, type PostingQuery } from './store'

export async function requirePosting(ctx: Ctx, id: string): Promise<Posting> {
  const p = await jobsStore(ctx).posting(id)
  if (!p) throw notFound('没有找到这个岗位，它可能已被撤下')
  return p
}

/** An application is seen a day after it is made, and decided three days after. */
const SEEN_AFTER = DAY
const DECIDED_AFTER = 3 * DAY

/** An application's status on the server's clock. */
export function statusOf(app: StoredApplication, now: number): ApplicationStatus {
  const elapsed = now - app.createdAt
  if (elapsed < SEEN_AFTER) return 'submitted'
  if (elapsed < DECIDED_AFTER) return 'viewed'
  return app.outcome
}

/** The latest time an application can have been made and be decided by `now`. */
export function decidedBy(now: number): number {
  return now - DECIDED_AFTER
}

/** Where an application ends up, fixed from the seed and its id when it is made. */
function outcomeFor(seed: number, applicationId: string): StoredApplication['outcome'] {
  const bucket = parseInt(sha256Hex(`${seed}:jobs:outcome:${applicationId}`).slice(0, 4), 16) % 10
  if (bucket < 4) return 'interview'
  if (bucket < 9) return 'rejected'
  return 'viewed'
}

/** A saved search's new postings: open ones published after the person last looked, matching it, newest first. */
function newPostingsQuery(ctx: Ctx, sub: StoredSubscription): PostingQuery {
  const criteria = normaliseCriteria({ q: sub.q, district: sub.districtCode, industry: sub.industry, salaryMin: sub.salaryMin })
  return { criteria, sort: 'latest', today: ctx.clock.today(), afterSeq: sub.lastSeenSeq }
}

export function newPostingsCount(ctx: Ctx, sub: StoredSubscription): Promise<number> {
  return jobsStore(ctx).countPostings(newPostingsQuery(ctx, sub))
}

/**
 * Cursor paging of API.md over a store's keyset pages: the cursor names the list, its filters and
 * the last item handed out, and the next page is what the store finds after that item. One item
 * more than the page is asked for, to know whether another page follows.
 */
async function keysetPage<T>(
  ctx: Ctx,
  opts: {
    list: string
    filters: Record<string, unknown>
    page: PageRequest
    position: (item: T) => Position
    fetch: (page: PageAt) => Promise<Found<T>>
  },
): Promise<ListPage<T>> {
  const fp = fingerprint(opts.list, opts.filters)
  const limit = opts.page.limit ?? DEFAULT_LIMIT
  const after = opts.page.cursor ? decodeCursor(ctx, opts.page.cursor, fp) : undefined
  const found = await opts.fetch({ after: after && { k: after.k, i: after.i }, limit: limit + 1 })
  const items = found.items.slice(0, limit)
  const last = items[items.length - 1]
  const at = last && opts.position(last)
  return {
    items,
    nextCursor: found.items.length > limit && at ? encodeCursor(ctx, { f: fp, k: at.k, i: at.i }) : null,
    total: found.total,
  }
}

/** `GET /jobs`: open postings matching the filters, as of `day`, in the sort asked for. */
export function jobsPage(ctx: Ctx, query: InferOutput<typeof JobListQuerySchema>, day: string): Promise<ListPage<Posting>> {
  const sort: JobSort = query.sort || 'latest'
  const criteria = normaliseCriteria({ q: query.q, district: query.district, industry: query.industry, salaryMin: query.salaryMin })
  return keysetPage(ctx, {
    list: 'jobs',
    // The district by its code, so a cursor from `district=黄浦区` serves `district=310101`.
    filters: {
      q: criteria.q,
      district: criteria.districtCode === null ? `unknown:${query.district}` : criteria.districtCode,
      industry: criteria.industry,
      salaryMin: criteria.salaryMin,
      sort,
    },
    page: query,
    position: (p) => ({ k: sortKey(sort, p), i: p.id }),
    fetch: (page) => jobsStore(ctx).postings({ criteria, sort, today: day }, page),
  })
}

/** The name of a person's own list in its cursors: someone else's cursor is not theirs. */
function ownList(name: 'applications' | 'favorites' | 'subscriptions', account: Account): string {
  return `jobs-${name}:${account.id}`
}

export function applicationsPage(ctx: Ctx, query: PageRequest): Promise<ListPage<StoredApplication>> {
  const account = requireAccount(ctx)
  return keysetPage(ctx, {
    list: ownList('applications', account),
    filters: {},
    page: query,
    position: (a) => ({ k: a.createdAt, i: a.id }),
    fetch: (page) => jobsStore(ctx).applications(account.id, page),
  })
}

/** The postings of these ids, which the store must hold (an application's, a favorite's): a miss is a broken invariant. */
export async function heldPostings(ctx: Ctx, ids: readonly string[]): Promise<Posting[]> {
  const found = await jobsStore(ctx).postingsOf(ids)
  return ids.map((id) => {
    const p = found.get(id)
    if (!p) throw new Error(`jobs store has no posting ${id}`)
    return p
  })
}

/** Favorites by when they were made; the page carries the postings themselves. */
export async function favoritesPage(ctx: Ctx, query: PageRequest): Promise<ListPage<Posting>> {
  const account = requireAccount(ctx)
  const page = await keysetPage<FavoriteRow>(ctx, {
    list: ownList('favorites', account),
    filters: {},
    page: query,
    position: (f) => ({ k: f.at, i: f.jobId }),
    fetch: (at) => jobsStore(ctx).favorites(account.id, at),
  })
  return {
    ...page,
    items: await heldPostings(
      ctx,
      page.items.map((f) => f.jobId),
    ),
  }
}

export function subscriptionsPage(ctx: Ctx, query: PageRequest): Promise<ListPage<StoredSubscription>> {
  const account = requireAccount(ctx)
  return keysetPage(ctx, {
    list: ownList('subscriptions', account),
    filters: {},
    page: query,
    position: (s) => ({ k: s.createdAt, i: s.id }),
    fetch: (page) => jobsStore(ctx).subscriptions(account.id, page),
  })
}

/** A saved search needs one criterion; the same one twice, or more than the limit, is refused. */
export async function subscribe(ctx: Ctx, body: InferOutput<typeof SubscriptionRequestSchema>): Promise<StoredSubscription> {
  const account = requireAccount(ctx)
  let districtCode: string | undefined
  if (body.district) {
    districtCode = districtByCodeOrName(body.district)?.code
    if (!districtCode) throw validationFailed({ district: '没有这个区，请从列表中选择' })
  }
  const now = ctx.clock.now()
  const sub: StoredSubscription = { id: '', accountId: account.id, createdAt: now, lastSeenAt: now, lastSeenSeq: -1 }
  if (body.q) sub.q = body.q
  if (districtCode) sub.districtCode = districtCode
  if (body.industry) sub.industry = body.industry
  if (body.salaryMin) sub.salaryMin = body.salaryMin
  if (!sub.q && !sub.districtCode && !sub.industry && !sub.salaryMin) {
    throw validationFailed({ q: '请至少设置一个条件：关键词、区、行业或最低月薪' })
  }
  const refused = (why: 'duplicate' | 'limit') =>
    why === 'duplicate'
      ? conflict('ALREADY_SUBSCRIBED', '你已经保存过这个搜索')
      : conflict('TOO_MANY_SUBSCRIPTIONS', `最多保存 ${MAX_SUBSCRIPTIONS} 个搜索，请先删除不再需要的`)
  const store = jobsStore(ctx)
  // Checked before an id is drawn, so a refusal uses none; the insert checks again for a request racing this one.
  const mine = await store.subscriptionsOf(account.id)
  const key = searchKey(sub)
  if (mine.some((s) => searchKey(s) === key)) throw refused('duplicate')
  if (mine.length >= MAX_SUBSCRIPTIONS) throw refused('limit')
  sub.lastSeenSeq = await store.lastSeq()
  sub.id = await ctx.stores.core.nextId('js')
  const saved = await store.insertSubscription(sub, MAX_SUBSCRIPTIONS)
  if (saved !== 'saved') throw refused(saved)
  return sub
}

/** The caller's saved search: someone else's is 403, one that does not exist 404. */
async function ownSubscription(ctx: Ctx, account: Account, id: string): Promise<StoredSubscription> {
  const sub = await jobsStore(ctx).subscription(id)
  if (!sub) throw notFound('没有找到这个保存的搜索，它可能已被删除')
  if (sub.accountId !== account.id) throw forbidden('这不是你保存的搜索')
  return sub
}

/** What is new for a saved search since the person last marked it seen. */
export async function subscriptionPostingsPage(ctx: Ctx, id: string, query: PageRequest): Promise<ListPage<Posting>> {
  const sub = await ownSubscription(ctx, requireAccount(ctx), id)
  return keysetPage(ctx, {
    list: `jobs-subscription:${sub.id}:${sub.lastSeenSeq}`,
    filters: {},
    page: query,
    position: (p) => ({ k: p.postedAt, i: p.id }),
    fetch: (page) => jobsStore(ctx).postings(newPostingsQuery(ctx, sub), page),
  })
}

export async function markSeen(ctx: Ctx, id: string): Promise<StoredSubscription> {
  const sub = await ownSubscription(ctx, requireAccount(ctx), id)
  const store = jobsStore(ctx)
  sub.lastSeenSeq = await store.lastSeq()
  sub.lastSeenAt = ctx.clock.now()
  await store.markSeen(sub.id, sub.lastSeenAt, sub.lastSeenSeq)
  return sub
}

export async function unsubscribe(ctx: Ctx, id: string): Promise<void> {
  const sub = await ownSubscription(ctx, requireAccount(ctx), id)
  await jobsStore(ctx).deleteSubscription(sub.id)
}

/** What a posting's page says about the caller, who may not be logged in. */
export async function relationTo(ctx: Ctx, p: Posting): Promise<{ applied: boolean; favorite: boolean }> {
  const account = ctx.account
  if (!account) return { applied: false, favorite: false }
  const store = jobsStore(ctx)
  return {
    applied: (await store.application(account.id, p.id)) !== undefined,
    favorite: (await store.favoriteAt(account.id, p.id)) !== undefined,
  }
}

/** Where several refusals apply, the first of API.md's order answers: IDENTITY_REQUIRED, 404, ALREADY_APPLIED, JOB_CLOSED, 429. */
export async function apply(ctx: Ctx, jobId: string, body: InferOutput<typeof ApplicationRequestSchema>): Promise<StoredApplication> {
  const account = requireVerified(ctx)
  const p = await requirePosting(ctx, jobId)
  const store = jobsStore(ctx)
  const alreadyApplied = () => conflict('ALREADY_APPLIED', '你已经投递过这个岗位，可在“我的求职”查看进度')
  if (await store.application(account.id, p.id)) throw alreadyApplied()
  const day = ctx.clock.today()
  if (!isOpen(p, day)) throw conflict('JOB_CLOSED', `这个岗位已于 ${p.deadline} 截止招聘，不能再投递`)
  const now = ctx.clock.now()
  const tomorrow = startOfShanghaiDay(addDays(day, 1))
  const today = { from: startOfShanghaiDay(day), until: tomorrow - 1, max: MAX_APPLICATIONS_PER_DAY }
  const rateLimited = () =>
    new HttpError(429, 'RATE_LIMITED', `每天最多投递 ${MAX_APPLICATIONS_PER_DAY} 个岗位，明天再来吧`, undefined, {
      'Retry-After': String(Math.max(1, Math.ceil((tomorrow - now) / 1000))),
    })
  // Checked before an id is drawn, so a refusal uses none; the insert checks again for a request racing this one.
  if ((await store.countApplications(account.id, today)) >= MAX_APPLICATIONS_PER_DAY) throw rateLimited()
  const id = await ctx.stores.core.nextId('ja')
  const app: StoredApplication = { id, jobId: p.id, createdAt: now, outcome: outcomeFor(ctx.env.seed, id) }
  if (body.message) app.message = body.message
  const made = await store.insertApplication(account.id, app, today)
  if (made === 'already') throw alreadyApplied()
  if (made === 'limit') throw rateLimited()
  return app
}

/** Favoriting is a set: again is no change, only the limit refuses. */
export async function favorite(ctx: Ctx, jobId: string): Promise<Posting> {
  const account = requireAccount(ctx)
  const p = await requirePosting(ctx, jobId)
  if ((await jobsStore(ctx).insertFavorite(account.id, p.id, ctx.clock.now(), MAX_FAVORITES)) === 'limit') {
    throw conflict('TOO_MANY_FAVORITES', `最多收藏 ${MAX_FAVORITES} 个岗位，请先取消一些收藏`)
  }
  return p
}

export async function unfavorite(ctx: Ctx, jobId: string): Promise<void> {
  const account = requireAccount(ctx)
  const p = await requirePosting(ctx, jobId)
  await jobsStore(ctx).deleteFavorite(account.id, p.id)
}

/** The `/__mock/jobs` control: new postings now, and how many are open with them. */
export async function publish(ctx: Ctx, body: PublishJobsRequest): Promise<{ fresh: Posting[]; total: number }> {
  const store = jobsStore(ctx)
  const base = jobs.base(ctx)
  const now = ctx.clock.now()
  const fresh = await store.publish((firstSeq) => publishPostings(ctx.env.seed, base, firstSeq, body.count ?? 1, now))
  return { fresh, total: await store.countPostings({ criteria: {}, sort: 'latest', today: ctx.clock.today() }) }
}
