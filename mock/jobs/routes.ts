import {
  APPLICATION_STATUS_LABELS,
  ApplicationRequestSchema,
  JobListQuerySchema,
  ListQuery,
  MAX_APPLICATIONS_PER_DAY,
  MAX_FAVORITES,
  MAX_SUBSCRIPTIONS,
  PublishJobsRequestSchema,
  SubscriptionRequestSchema,
  type Application,
  type AttentionItem,
  type JobSort,
  type Subscription,
} from '@/core/contract'
import { addDays, shanghaiDate, startOfShanghaiDay } from '@/core/time/shanghai'
import { HttpError, conflict, forbidden, notFound, validationFailed } from '../core/http'
import { paginate } from '../core/paging'
import { districtByCodeOrName, regionByCode } from '../core/regions'
import { route, type Ctx, type Route } from '../core/router'
import { nextId, type Account } from '../core/state'
import { requireAccount, requireVerified } from '../session/accounts'
import { isOpen, publishPostings, toDetail, toSummary, type Posting } from './postings'
import { compareKeys, matches, normaliseCriteria, search, sortKey } from './search'
import { jobsModule, lastSeq, outcomeFor, posting, statusOf, type StoredApplication, type StoredSubscription } from './state'

const API = '/api/v1'

function today(ctx: Ctx): string {
  return ctx.clock.today()
}

function requirePosting(ctx: Ctx, id: string): Posting {
  const p = posting(ctx, id)
  if (!p) throw notFound('没有找到这个岗位，它可能已被撤下')
  return p
}

// Reads never add empty records to the state; writes make them on first use.
function applicationsOf(ctx: Ctx, accountId: string, forWrite = false): StoredApplication[] {
  const all = jobsModule.state(ctx).applications
  return forWrite ? (all[accountId] ??= []) : (all[accountId] ?? [])
}

function favoritesOf(ctx: Ctx, accountId: string, forWrite = false): Record<string, number> {
  const all = jobsModule.state(ctx).favorites
  return forWrite ? (all[accountId] ??= {}) : (all[accountId] ?? {})
}

function subscriptionsOf(ctx: Ctx, accountId: string, forWrite = false): StoredSubscription[] {
  const all = jobsModule.state(ctx).subscriptions
  return forWrite ? (all[accountId] ??= []) : (all[accountId] ?? [])
}

function toApplication(ctx: Ctx, app: StoredApplication): Application {
  const p = posting(ctx, app.jobId)!
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

/** Open postings published after the person last looked, matching the saved search, newest first. */
function newPostings(ctx: Ctx, sub: StoredSubscription): Posting[] {
  const published = jobsModule.state(ctx).published
  const c = normaliseCriteria({ q: sub.q, district: sub.districtCode, industry: sub.industry, salaryMin: sub.salaryMin })
  const day = today(ctx)
  const out: Posting[] = []
  for (let i = published.length - 1; i >= 0 && published[i].seq > sub.lastSeenSeq; i -= 1) {
    const p = published[i]
    if (isOpen(p, day) && matches(p, c)) out.push(p)
  }
  return out
}

function toSubscription(ctx: Ctx, sub: StoredSubscription): Subscription {
  const out: Subscription = {
    id: sub.id,
    createdAt: ctx.clock.iso(sub.createdAt),
    lastSeenAt: ctx.clock.iso(sub.lastSeenAt),
    newCount: newPostings(ctx, sub).length,
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

function ownSubscription(ctx: Ctx, account: Account, id: string): StoredSubscription {
  const mine = subscriptionsOf(ctx, account.id).find((s) => s.id === id)
  if (mine) return mine
  const all = jobsModule.state(ctx).subscriptions
  for (const owner of Object.keys(all)) {
    if (all[owner].some((s) => s.id === id)) throw forbidden('这不是你保存的搜索')
  }
  throw notFound('没有找到这个保存的搜索，它可能已被删除')
}

function openCount(ctx: Ctx): number {
  const day = today(ctx)
  const base = jobsModule.base(ctx)
  let n = 0
  for (const p of base.postings) if (isOpen(p, day)) n += 1
  for (const p of jobsModule.state(ctx).published) if (isOpen(p, day)) n += 1
  return n
}

/**
 * `GET /jobs/<name>`: one of a person's own lists, paged. `rows` come newest first, each keyed by
 * the time it was made.
 */
function ownListRoute<R, T>(
  name: 'applications' | 'favorites' | 'subscriptions',
  rows: (ctx: Ctx, accountId: string) => R[],
  keyOf: (row: R) => number,
  idOf: (row: R) => string,
  toItems: (ctx: Ctx, rows: R[]) => T[],
): Route {
  return route({
    method: 'GET',
    path: `${API}/jobs/${name}`,
    auth: 'required',
    query: ListQuery,
    handle(ctx, { query }) {
      const account = requireAccount(ctx)
      const page = paginate(ctx, rows(ctx, account.id), {
        list: `jobs-${name}:${account.id}`,
        filters: {},
        page: query,
        keyOf,
        idOf,
        compare: compareKeys,
      })
      return { status: 200, body: { ...page, items: toItems(ctx, page.items) } }
    },
  })
}

export const jobsRoutes = [
  route({
    method: 'GET',
    path: `${API}/jobs`,
    auth: 'optional',
    query: JobListQuerySchema,
    handle(ctx, { query }) {
      const sort: JobSort = query.sort || 'latest'
      const c = normaliseCriteria({ q: query.q, district: query.district, industry: query.industry, salaryMin: query.salaryMin })
      const day = today(ctx)
      const found = search(jobsModule.base(ctx), jobsModule.state(ctx).published, c, sort, day)
      const page = paginate(ctx, found, {
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
      return { status: 200, body: { ...page, items: page.items.map((p) => toSummary(p, day)) } }
    },
  }),

  ownListRoute(
    'applications',
    (ctx, id) => applicationsOf(ctx, id).slice().reverse(),
    (a) => a.createdAt,
    (a) => a.id,
    (ctx, apps) => apps.map((a) => toApplication(ctx, a)),
  ),

  ownListRoute(
    'favorites',
    (ctx, id) => {
      const favs = favoritesOf(ctx, id)
      return Object.keys(favs)
        .map((jobId) => ({ id: jobId, at: favs[jobId] }))
        .sort((a, b) => compareKeys({ k: a.at, i: a.id }, { k: b.at, i: b.id }))
    },
    (f) => f.at,
    (f) => f.id,
    (ctx, favs) => {
      const day = today(ctx)
      return favs.map((f) => toSummary(posting(ctx, f.id)!, day))
    },
  ),

  ownListRoute(
    'subscriptions',
    (ctx, id) => subscriptionsOf(ctx, id).slice().reverse(),
    (s) => s.createdAt,
    (s) => s.id,
    (ctx, subs) => subs.map((s) => toSubscription(ctx, s)),
  ),

  route({
    method: 'POST',
    path: `${API}/jobs/subscriptions`,
    auth: 'required',
    idempotent: true,
    body: SubscriptionRequestSchema,
    handle(ctx, { body }) {
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
      sub.id = nextId(ctx.db, 'js')
      mine.push(sub)
      return { status: 201, body: toSubscription(ctx, sub) }
    },
  }),

  route({
    method: 'GET',
    path: `${API}/jobs/subscriptions/:id/postings`,
    auth: 'required',
    query: ListQuery,
    handle(ctx, { query }) {
      const sub = ownSubscription(ctx, requireAccount(ctx), ctx.params.id)
      const page = paginate(ctx, newPostings(ctx, sub), {
        list: `jobs-subscription:${sub.id}:${sub.lastSeenSeq}`,
        filters: {},
        page: query,
        keyOf: (p) => p.postedAt,
        idOf: (p) => p.id,
        compare: compareKeys,
      })
      const day = today(ctx)
      return { status: 200, body: { ...page, items: page.items.map((p) => toSummary(p, day)) } }
    },
  }),

  route({
    method: 'POST',
    path: `${API}/jobs/subscriptions/:id/seen`,
    auth: 'required',
    handle(ctx) {
      const sub = ownSubscription(ctx, requireAccount(ctx), ctx.params.id)
      sub.lastSeenSeq = lastSeq(ctx)
      sub.lastSeenAt = ctx.clock.now()
      return { status: 200, body: toSubscription(ctx, sub) }
    },
  }),

  route({
    method: 'DELETE',
    path: `${API}/jobs/subscriptions/:id`,
    auth: 'required',
    handle(ctx) {
      const account = requireAccount(ctx)
      const sub = ownSubscription(ctx, account, ctx.params.id)
      const mine = subscriptionsOf(ctx, account.id, true)
      mine.splice(mine.indexOf(sub), 1)
      return { status: 204 }
    },
  }),

  route({
    method: 'GET',
    path: `${API}/jobs/:id`,
    auth: 'optional',
    handle(ctx) {
      const p = requirePosting(ctx, ctx.params.id)
      const account = ctx.account
      const mine = {
        applied: account ? applicationsOf(ctx, account.id).some((a) => a.jobId === p.id) : false,
        favorite: account ? p.id in favoritesOf(ctx, account.id) : false,
      }
      return { status: 200, body: toDetail(ctx.env.seed, p, today(ctx), mine) }
    },
  }),

  route({
    method: 'POST',
    path: `${API}/jobs/:id/applications`,
    auth: 'required',
    idempotent: true,
    body: ApplicationRequestSchema,
    handle(ctx, { body }) {
      const account = requireVerified(ctx)
      const p = requirePosting(ctx, ctx.params.id)
      const mine = applicationsOf(ctx, account.id, true)
      if (mine.some((a) => a.jobId === p.id)) throw conflict('ALREADY_APPLIED', '你已经投递过这个岗位，可在“我的求职”查看进度')
      const day = today(ctx)
      if (!isOpen(p, day)) throw conflict('JOB_CLOSED', `这个岗位已于 ${p.deadline} 截止招聘，不能再投递`)
      const now = ctx.clock.now()
      const todays = mine.filter((a) => shanghaiDate(a.createdAt) === day).length
      if (todays >= MAX_APPLICATIONS_PER_DAY) {
        const wait = startOfShanghaiDay(addDays(day, 1)) - now
        throw new HttpError(429, 'RATE_LIMITED', `每天最多投递 ${MAX_APPLICATIONS_PER_DAY} 个岗位，明天再来吧`, undefined, {
          'Retry-After': String(Math.max(1, Math.ceil(wait / 1000))),
        })
      }
      const id = nextId(ctx.db, 'ja')
      const app: StoredApplication = { id, jobId: p.id, createdAt: now, outcome: outcomeFor(ctx.env.seed, id) }
      if (body.message) app.message = body.message
      mine.push(app)
      return { status: 201, body: toApplication(ctx, app) }
    },
  }),

  route({
    method: 'PUT',
    path: `${API}/jobs/:id/favorite`,
    auth: 'required',
    handle(ctx) {
      const account = requireAccount(ctx)
      const p = requirePosting(ctx, ctx.params.id)
      const favs = favoritesOf(ctx, account.id, true)
      if (!(p.id in favs)) {
        if (Object.keys(favs).length >= MAX_FAVORITES) {
          throw conflict('TOO_MANY_FAVORITES', `最多收藏 ${MAX_FAVORITES} 个岗位，请先取消一些收藏`)
        }
        favs[p.id] = ctx.clock.now()
      }
      return { status: 200, body: { jobId: p.id, favorite: true } }
    },
  }),

  route({
    method: 'DELETE',
    path: `${API}/jobs/:id/favorite`,
    auth: 'required',
    handle(ctx) {
      const account = requireAccount(ctx)
      const p = requirePosting(ctx, ctx.params.id)
      delete favoritesOf(ctx, account.id)[p.id]
      return { status: 204 }
    },
  }),

  route({
    method: 'POST',
    path: '/__mock/jobs',
    auth: 'none',
    control: true,
    body: PublishJobsRequestSchema,
    handle(ctx, { body }) {
      const state = jobsModule.state(ctx)
      const fresh = publishPostings(ctx.env.seed, jobsModule.base(ctx), lastSeq(ctx) + 1, body.count ?? 1, ctx.clock.now())
      state.published.push(...fresh)
      const day = today(ctx)
      return { status: 201, body: { items: fresh.map((p) => toSummary(p, day)), total: openCount(ctx) } }
    },
  }),
]

/** The home page's jobs items: new postings for saved searches, interview invitations. */
export function jobsAttention(ctx: Ctx, account: Account): AttentionItem[] {
  const items: AttentionItem[] = []
  const fresh = subscriptionsOf(ctx, account.id).reduce((n, s) => n + newPostings(ctx, s).length, 0)
  if (fresh > 0) {
    items.push({
      id: 'jobs:new-postings',
      service: 'jobs',
      title: `你关注的搜索有 ${fresh} 个新岗位`,
      detail: '点开看看最近发布、符合你条件的岗位',
      path: '/jobs/pages/mine/index?tab=subscriptions',
      tone: 'info',
    })
  }
  const now = ctx.clock.now()
  const interviews = applicationsOf(ctx, account.id).filter((a) => statusOf(a, now) === 'interview').length
  if (interviews > 0) {
    items.push({
      id: 'jobs:interviews',
      service: 'jobs',
      title: `${interviews} 个岗位${APPLICATION_STATUS_LABELS.interview}`,
      detail: '企业会打电话和你约面试时间，请留意来电',
      path: '/jobs/pages/mine/index?tab=applications',
      tone: 'success',
    })
  }
  return items
}
