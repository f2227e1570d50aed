import { api } from '@/core/api'
import {
  CheckinSchema,
  DeclarationDetailSchema,
  DeclarationListSchema,
  DeclarationSchema,
  MineResponseSchema,
  RegionsResponseSchema,
  ReportSchema,
  SummarySchema,
  type CheckinBody,
  type CommunityFilter,
  type DeclarationBody,
} from '@/core/contract/returnees'

/** The returnees service's calls, one place; pages never build paths themselves. */
export const returneesApi = {
  regions: (parent?: string) => api.call({ path: '/regions', query: { parent }, auth: 'none', schema: RegionsResponseSchema }),
  mine: () => api.call({ path: '/returnees/declarations/mine', query: { limit: 20 }, schema: MineResponseSchema }),
  declaration: (id: string) => api.call({ path: `/returnees/declarations/${encodeURIComponent(id)}`, schema: DeclarationDetailSchema }),
  declare: (body: DeclarationBody, idempotencyKey: string) =>
    api.call({ method: 'POST', path: '/returnees/declarations', body, idempotencyKey, schema: DeclarationSchema }),
  checkin: (id: string, body: CheckinBody) =>
    api.call({ method: 'POST', path: `/returnees/declarations/${encodeURIComponent(id)}/checkins`, body, schema: CheckinSchema }),
  summary: () => api.call({ path: '/returnees/community/summary', schema: SummarySchema }),
  community: (query: { status?: CommunityFilter; q?: string; cursor?: string; limit?: number }) =>
    api.call({ path: '/returnees/community/declarations', query, schema: DeclarationListSchema }),
  report: (date?: string) => api.call({ path: '/returnees/community/report', query: { date }, schema: ReportSchema }),
  release: (id: string) =>
    api.call({ method: 'POST', path: `/returnees/declarations/${encodeURIComponent(id)}/release`, schema: DeclarationSchema }),
  escalate: (id: string, note: string) =>
    api.call({
      method: 'POST',
      path: `/returnees/declarations/${encodeURIComponent(id)}/escalate`,
      body: { note },
      schema: DeclarationSchema,
    }),
}
