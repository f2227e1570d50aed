import * as v from 'valibot'
import { ALLOCATIONS, JobSummarySchema, MAX_PER_PERSON_LIMIT } from '@/core/contract'
import { parseIso } from '@/core/time/shanghai'

/**
 * The bodies and answers of the `/__mock` controls (API.md, Mock-only controls). They live with
 * the mock, not in `src/core/contract`: no page ever sends them, so no build shipped to people
 * should carry them. Tests, benchmarks and e2e flows import them from here.
 */

/** `POST /__mock/reset`: a fresh world from `seed` (1 when absent). */
export const ResetRequestSchema = v.object({
  seed: v.optional(v.pipe(v.number('seed 应为整数'), v.integer('seed 应为整数'), v.minValue(0), v.maxValue(2 ** 31 - 1))),
})

/** `POST /__mock/clock`: where the server's clock stands now. */
export const ClockRequestSchema = v.object({
  now: v.pipe(
    v.string('now 应为带时区的 ISO 时间'),
    v.check((s) => !Number.isNaN(parseIso(s)), 'now 应为带时区的 ISO 时间'),
  ),
})

const rate = v.optional(v.pipe(v.number(), v.minValue(0, '应在 0–1 之间'), v.maxValue(1, '应在 0–1 之间')))

/** `POST /__mock/faults`: what a bad network does to every request but the controls. */
export const FaultsRequestSchema = v.object({
  latencyMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000, '不超过 60000'))),
  failRate: rate,
  dropRate: rate,
})

const isoInstant = (label: string) =>
  v.pipe(
    v.string(`请填写${label}`),
    v.check((s) => !Number.isNaN(parseIso(s)), `${label}应为带时区的 ISO 时间`),
  )

/**
 * `a` comes after `b` (or at the same instant, unless `strict`). A time that does not parse is
 * reported on its own field, so it passes here.
 */
const follows = (a: string, b: string | undefined, strict = false) => {
  const x = parseIso(a)
  const y = b === undefined ? NaN : parseIso(b)
  return Number.isNaN(x) || Number.isNaN(y) || (strict ? x > y : x >= y)
}

/** `POST /__mock/masks/round`: the times must follow one another. */
export const RoundControlSchema = v.pipe(
  v.object({
    allocation: v.picklist(ALLOCATIONS, 'allocation 应为 first_come 或 lottery'),
    perPersonLimit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_PER_PERSON_LIMIT)),
    opensAt: isoInstant('opensAt'),
    closesAt: isoInstant('closesAt'),
    drawAt: v.optional(isoInstant('drawAt')),
    pickupFrom: isoInstant('pickupFrom'),
    pickupUntil: isoInstant('pickupUntil'),
    stockPerOutlet: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))),
    product: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40))),
  }),
  v.forward(
    v.check((b) => follows(b.closesAt, b.opensAt, true), 'closesAt 应晚于 opensAt'),
    ['closesAt'],
  ),
  v.forward(
    v.check((b) => b.allocation === 'first_come' || b.drawAt !== undefined, '抽签轮次需要 drawAt'),
    ['drawAt'],
  ),
  v.forward(
    v.check((b) => b.drawAt === undefined || follows(b.drawAt, b.closesAt), 'drawAt 不应早于 closesAt'),
    ['drawAt'],
  ),
  v.forward(
    v.check(
      (b) => follows(b.pickupFrom, b.allocation === 'lottery' ? b.drawAt : b.opensAt),
      'pickupFrom 不应早于 opensAt（抽签轮次不应早于 drawAt）',
    ),
    ['pickupFrom'],
  ),
  v.forward(
    v.check(
      (b) => follows(b.pickupUntil, b.pickupFrom, true) && follows(b.pickupUntil, b.closesAt, true),
      'pickupUntil 应晚于 pickupFrom 和 closesAt',
    ),
    ['pickupUntil'],
  ),
)
export type RoundControl = v.InferOutput<typeof RoundControlSchema>

/** `POST /__mock/jobs`: publish postings now. */
export const PublishJobsRequestSchema = v.object({
  count: v.optional(
    v.pipe(
      v.number('count 应为 1–1000 的整数'),
      v.integer('count 应为 1–1000 的整数'),
      v.minValue(1, 'count 应为 1–1000 的整数'),
      v.maxValue(1000, 'count 应为 1–1000 的整数'),
    ),
  ),
})
export type PublishJobsRequest = v.InferOutput<typeof PublishJobsRequestSchema>
export const PublishJobsResponseSchema = v.object({ items: v.array(JobSummarySchema), total: v.number() })
export type PublishJobsResponse = v.InferOutput<typeof PublishJobsResponseSchema>
