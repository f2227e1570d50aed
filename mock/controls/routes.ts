import { parseIso } from '@/core/time/shanghai'
import { CONTROL_PREFIX, route } from '../core/router'
import { ClockRequestSchema, FaultsRequestSchema, ResetRequestSchema } from './schemas'

/**
 * The mock's own controls (API.md, Mock-only controls), under `/api/v1/__mock` like every path; the
 * backend also serves each at the root. Services add theirs beside their routes; every control's
 * body is in ./schemas.
 */
export const controlRoutes = [
  route({
    method: 'POST',
    path: `${CONTROL_PREFIX}/reset`,
    auth: 'ignore',
    control: true,
    body: ResetRequestSchema,
    async handle(ctx, { body }) {
      await ctx.env.reset(body.seed ?? 1, ctx.stores)
      return { status: 200, body: { seed: body.seed ?? 1, now: ctx.clock.iso() } }
    },
  }),
  route({
    method: 'POST',
    path: `${CONTROL_PREFIX}/clock`,
    auth: 'ignore',
    control: true,
    body: ClockRequestSchema,
    async handle(ctx, { body }) {
      ctx.clock.set(parseIso(body.now))
      await ctx.stores.database?.saveClock({ mockMs: ctx.clock.now(), realMs: ctx.clock.real() })
      return { status: 200, body: { now: ctx.clock.iso() } }
    },
  }),
  route({
    method: 'POST',
    path: `${CONTROL_PREFIX}/faults`,
    auth: 'ignore',
    control: true,
    body: FaultsRequestSchema,
    handle(ctx, { body }) {
      const faults = ctx.env.faults
      faults.latencyMs = body.latencyMs ?? 0
      faults.failRate = body.failRate ?? 0
      faults.dropRate = body.dropRate ?? 0
      return { status: 200, body: { ...faults } }
    },
  }),
]
