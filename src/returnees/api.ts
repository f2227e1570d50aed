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
  type Checkin,
  type CheckinBody,
  type CommunityFilter,
  type Declaration,
  type DeclarationBody,
  type DeclarationDetail,
  type ListPage,
  type MineResponse,
  type RegionItem,
  type Report,
  type Summary,
} from '@/core/contract/returnees'

/** The returnees service's calls. Regions are public: they go without a token. */
export function listRegions(parent?: string): Promise<{ items: RegionItem[] }> {
  return api.call({ path: '/regions', query: { parent }, auth: 'none', schema: RegionsResponseSchema })
}

/** The person's own declarations, with the server's day (pages date by the server's clock). */
export function getMyDeclarations(): Promise<MineResponse> {
  return api.call({ path: '/returnees/declarations/mine', query: { limit: 20 }, schema: MineResponseSchema })
}

export function getDeclaration(id: string): Promise<DeclarationDetail> {
  return api.call({ path: `/returnees/declarations/${encodeURIComponent(id)}`, schema: DeclarationDetailSchema })
}

export function submitDeclaration(body: DeclarationBody, idempotencyKey: string): Promise<Declaration> {
  return api.call({ method: 'POST', path: '/returnees/declarations', body, idempotencyKey, schema: DeclarationSchema })
}

/** The key makes a retry after a lost answer return that check-in, never "already checked in". */
export function checkIn(declarationId: string, body: CheckinBody, idempotencyKey: string): Promise<Checkin> {
  return api.call({
    method: 'POST',
    path: `/returnees/declarations/${encodeURIComponent(declarationId)}/checkins`,
    body,
    idempotencyKey,
    schema: CheckinSchema,
  })
}

/** The worker's community today: the counts and the server's day. */
export function getCommunitySummary(): Promise<Summary> {
  return api.call({ path: '/returnees/community/summary', schema: SummarySchema })
}

export interface CommunityQuery {
  status?: CommunityFilter
  /** Matches only what the worker already sees (masked names, the visible ends of numbers). */
  q?: string
  limit?: number
}

export function listCommunityDeclarations(query: CommunityQuery, cursor: string | null = null): Promise<ListPage<Declaration>> {
  return api.call({
    path: '/returnees/community/declarations',
    query: { ...query, cursor: cursor ?? undefined },
    schema: DeclarationListSchema,
  })
}

export function getCommunityReport(date?: string): Promise<Report> {
  return api.call({ path: '/returnees/community/report', query: { date }, schema: ReportSchema })
}

export function releaseDeclaration(id: string): Promise<Declaration> {
  return api.call({ method: 'POST', path: `/returnees/declarations/${encodeURIComponent(id)}/release`, schema: DeclarationSchema })
}

/** The key makes a retry after a lost answer return that escalation, never a second note. */
export function escalateDeclaration(id: string, note: string, idempotencyKey: string): Promise<Declaration> {
  return api.call({
    method: 'POST',
    path: `/returnees/declarations/${encodeURIComponent(id)}/escalate`,
    body: { note },
    idempotencyKey,
    schema: DeclarationSchema,
  })
}
