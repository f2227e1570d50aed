import * as v from 'valibot'
import { ListQuery, PassQuerySchema } from '@/core/contract'
import { API_PREFIX, route } from '../core/router'
import { checksOf, lookupPass, passOf, verifyPass } from './rules'

const ChecksQuery = v.object({ ...ListQuery.entries, ...PassQuerySchema.entries })

export const passRoutes = [
  route({
    method: 'GET',
    path: `${API_PREFIX}/pass`,
    auth: 'required',
    query: PassQuerySchema,
    async handle(ctx, { query }) {
      return { status: 200, body: await passOf(ctx, query.memberId) }
    },
  }),

  // No body schemas: who may check comes before what they sent.
  route({
    method: 'POST',
    path: `${API_PREFIX}/pass/verify`,
    auth: 'required',
    async handle(ctx) {
      return { status: 200, body: await verifyPass(ctx) }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/pass/lookup`,
    auth: 'required',
    async handle(ctx) {
      return { status: 200, body: await lookupPass(ctx) }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/pass/checks`,
    auth: 'required',
    query: ChecksQuery,
    async handle(ctx, { query }) {
      return { status: 200, body: await checksOf(ctx, query) }
    },
  }),
]
