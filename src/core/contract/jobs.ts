import * as v from 'valibot'
import { CalendarDate, IsoTime, ListQuery, TEXT_LIMITS, listSchema, queryText, text } from './common'

/**
 * Jobs (招聘岗位) of API.md, with these decisions where the table leaves room:
 *
 * - `/jobs` lists open postings only (today ≤ `deadline`, Shanghai dates on the server's clock);
 *   a closed posting stays readable at `/jobs/:id` with `closed: true`.
 * - Order: `latest` = `postedAt` desc, then id desc; `salary` = `salaryMax` desc, then id desc.
 *   Ids grow with each new posting, so a posting published after a cursor was issued always sorts
 *   before it under `latest` and never turns up in a later page.
 * - `industry` is one of `JOB_INDUSTRIES` (another value is 400 `fields.industry`); `district`
 *   is a code or a name as everywhere (unknown: an empty list).
 * - Every item also carries `districtCode`, `closed` and `daysLeft` (whole Shanghai days until the
 *   deadline, 0 = the last day, null once closed), so a page never trusts the phone's clock.
 * - Applications: checked in this order: 401, 400 (body), 403 `IDENTITY_REQUIRED`, 404,
 *   409 `ALREADY_APPLIED`, 409 `JOB_CLOSED`, 429 `RATE_LIMITED` (20 per Shanghai day per account,
 *   with `Retry-After` until midnight). `status` moves with the server's clock: `submitted`, after a
 *   day `viewed`, after three days `interview` or `rejected` for most (fixed per application).
 * - Favorites: `PUT` answers 200 `{ jobId, favorite: true }` however often it is sent; `DELETE`
 *   answers 204 whether or not it was a favorite (the end state is what was asked); an unknown
 *   posting is 404 for both; at most `MAX_FAVORITES` (409 `TOO_MANY_FAVORITES`).
 * - Saved searches: at least one criterion (400 `fields.q`); district must be a known one
 *   (400 `fields.district`); at most `MAX_SUBSCRIPTIONS` per account (409 `TOO_MANY_SUBSCRIPTIONS`);
 *   the same criteria twice is 409 `ALREADY_SUBSCRIBED`. `newCount` counts open postings published
 *   after `lastSeenAt` that match; `GET /jobs/subscriptions/:id/postings` lists them (newest first)
 *   and `POST /jobs/subscriptions/:id/seen` marks them seen (`newCount` back to 0). Someone
 *   else's saved search is 403 `FORBIDDEN`, an unknown one 404; `DELETE` answers 204.
 * - `GET /me/attention` says "你关注的搜索有 N 个新岗位" and names interview invitations.
 */

export const JOB_INDUSTRIES = [
  'it',
  'manufacturing',
  'logistics',
  'retail',
  'catering',
  'healthcare',
  'education',
  'finance',
  'construction',
  'property',
  'community',
  'domestic',
  'media',
  'energy',
  'agriculture',
] as const
export type JobIndustry = (typeof JOB_INDUSTRIES)[number]

export const JOB_INDUSTRY_LABELS: Record<JobIndustry, string> = {
  it: '信息技术',
  manufacturing: '生产制造',
  logistics: '物流运输',
  retail: '批发零售',
  catering: '餐饮服务',
  healthcare: '医疗卫生',
  education: '教育培训',
  finance: '金融保险',
  construction: '建筑工程',
  property: '物业与房产',
  community: '社区与公共服务',
  domestic: '家政服务',
  media: '文化传媒',
  energy: '能源环保',
  agriculture: '农林牧渔',
}

export const JOB_SORTS = ['latest', 'salary'] as const
export type JobSort = (typeof JOB_SORTS)[number]

export const APPLICATION_STATUSES = ['submitted', 'viewed', 'interview', 'rejected'] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '已投递，等待企业查看',
  viewed: '企业已查看',
  interview: '邀请面试',
  rejected: '未通过筛选',
}

export const MAX_APPLICATIONS_PER_DAY = 20
export const MAX_SUBSCRIPTIONS = 10
export const MAX_FAVORITES = 200
export const SALARY_FILTER_MAX = 200_000

export const JobSummarySchema = v.object({
  id: v.string(),
  title: v.string(),
  employer: v.string(),
  district: v.string(),
  districtCode: v.string(),
  industry: v.picklist(JOB_INDUSTRIES),
  /** Monthly pay in RMB (税前). */
  salaryMin: v.number(),
  salaryMax: v.number(),
  tags: v.array(v.string()),
  postedAt: IsoTime,
  /** The last day applications are taken (Shanghai). */
  deadline: CalendarDate,
  closed: v.boolean(),
  daysLeft: v.nullable(v.number()),
})
export type JobSummary = v.InferOutput<typeof JobSummarySchema>

export const JobDetailSchema = v.object({
  ...JobSummarySchema.entries,
  description: v.string(),
  requirements: v.array(v.string()),
  headcount: v.number(),
  education: v.string(),
  experience: v.string(),
  address: v.string(),
  /** The employer's contact person and phone, masked. */
  contactMasked: v.string(),
  applied: v.boolean(),
  favorite: v.boolean(),
})
export type JobDetail = v.InferOutput<typeof JobDetailSchema>

export const JobListSchema = listSchema(JobSummarySchema)

const salaryMinQuery = v.optional(
  v.pipe(
    v.string(),
    v.regex(/^\d{0,6}$/, '最低月薪应为整数（元）'),
    v.transform((s) => (s === '' ? undefined : Number(s))),
    v.check((n) => n === undefined || n <= SALARY_FILTER_MAX, `最低月薪不超过 ${SALARY_FILTER_MAX} 元`),
  ),
)

/** `GET /jobs` query; values arrive as strings. */
export const JobListQuerySchema = v.object({
  ...ListQuery.entries,
  q: queryText('搜索词', TEXT_LIMITS.jobQuery),
  district: queryText('区', TEXT_LIMITS.district),
  industry: v.optional(v.union([v.literal(''), v.picklist(JOB_INDUSTRIES)], '没有这个行业')),
  salaryMin: salaryMinQuery,
  sort: v.optional(v.union([v.literal(''), v.picklist(JOB_SORTS)], '排序方式应为 latest 或 salary')),
})

/** What a page sends for a list: the filters a person can set. */
export interface JobFilters {
  q?: string
  district?: string
  industry?: JobIndustry | ''
  salaryMin?: number
  sort?: JobSort
}

export const ApplicationRequestSchema = v.object({
  message: v.optional(text('附言', TEXT_LIMITS.applicationMessage, { min: 0 })),
})

export const ApplicationSchema = v.object({
  id: v.string(),
  jobId: v.string(),
  title: v.string(),
  employer: v.string(),
  district: v.string(),
  salaryMin: v.number(),
  salaryMax: v.number(),
  status: v.picklist(APPLICATION_STATUSES),
  createdAt: IsoTime,
  message: v.optional(v.string()),
})
export type Application = v.InferOutput<typeof ApplicationSchema>
export const ApplicationListSchema = listSchema(ApplicationSchema)

export const FavoriteResponseSchema = v.object({ jobId: v.string(), favorite: v.boolean() })

export const SubscriptionRequestSchema = v.object({
  q: queryText('搜索词', TEXT_LIMITS.jobQuery),
  district: queryText('区', TEXT_LIMITS.district),
  industry: v.optional(v.union([v.literal(''), v.picklist(JOB_INDUSTRIES)], '没有这个行业')),
  salaryMin: v.optional(
    v.pipe(
      v.number('最低月薪应为整数（元）'),
      v.integer('最低月薪应为整数（元）'),
      v.minValue(0, '最低月薪不能为负数'),
      v.maxValue(SALARY_FILTER_MAX, `最低月薪不超过 ${SALARY_FILTER_MAX} 元`),
    ),
  ),
})
export type SubscriptionRequest = v.InferInput<typeof SubscriptionRequestSchema>

export const SubscriptionSchema = v.object({
  id: v.string(),
  q: v.optional(v.string()),
  district: v.optional(v.string()),
  districtCode: v.optional(v.string()),
  industry: v.optional(v.picklist(JOB_INDUSTRIES)),
  salaryMin: v.optional(v.number()),
  createdAt: IsoTime,
  lastSeenAt: IsoTime,
  newCount: v.number(),
})
export type Subscription = v.InferOutput<typeof SubscriptionSchema>
export const SubscriptionListSchema = listSchema(SubscriptionSchema)

// A service's pages import this one module: their own contract and the core's.
export * from './core'
