import * as v from 'valibot'
import { parseIso } from '@/core/time/shanghai'
import { route } from '../core/router'

const ResetBody = v.object({
  seed: v.optional(v.pipe(v.number('seed 应为整数'), v.integer('seed 应为整数'), v.minValue(0), v.maxValue(2 ** 31 - 1))),
})
const ClockBody = v.object({
  now: v.pipe(
    v.string('now 应为带时区的 ISO 时间'),
    v.check((s) => !Number.isNaN(parseIso(s)), 'now 应为带时区的 ISO 时间'),
  ),
})
const rate = v.optional(v.pipe(v.number(), v.minValue(0, '应在 0–1 之间'), v.maxValue(1, '应在 0–1 之间')))
const FaultsBody = v.object({
  latencyMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000, '不超过 60000'))),
  failRate: rate,
  dropRate: rate,
})

/** The mock's own controls (API.md, Mock-only controls). Services add theirs beside their routes. */
export const controlRoutes = [
  route({
    method: 'POST',
    path: '/__mock/reset',
    auth: 'none',
    control: true,
    body: ResetBody,
    handle(ctx, { body }) {
      ctx.env.reset(body.seed ?? 1)
      return { status: 200, body: { seed: body.seed ?? 1, now: ctx.clock.iso() } }
    },
  }),
  route({
    method: 'POST',
    path: '/__mock/clock',
    auth: 'none',
    control: true,
    body: ClockBody,
    handle(ctx, { body }) {
      ctx.clock.set(parseIso(body.now))
      return { status: 200, body: { now: ctx.clock.iso() } }
    },
  }),
  route({
    method: 'POST',
    path: '/__mock/faults',
    auth: 'none',
    control: true,
    body: FaultsBody,
    handle(ctx, { body }) {
      const faults = ctx.env.faults
      faults.latencyMs = body.latencyMs ?? 0
      faults.failRate = body.failRate ?? 0
      faults.dropRate = body.dropRate ?? 0
      return { status: 200, body: { ...faults } }
    },
  }),
]
