import * as v from 'valibot'
import {
  CheckinBodySchema,
  CommunityListQuerySchema,
  EscalateBodySchema,
  ReportQuerySchema,
  RegionsQuerySchema,
  declarationBodySchema,
  issuesToFields,
  observationEndsOn,
  ListQuery,
} from '@/core/contract'
import { maskDocNumber, maskName, maskPhone } from '@/core/identity/masking'
import { conflict, forbidden, notFound, validationFailed } from '../core/http'
import { moduleHandle } from '../core/module'
import { paginate } from '../core/paging'
import { childRegions, isCommunity } from '../core/regions'
import { parseJsonBody, route, type Ctx } from '../core/router'
import type { Account } from '../core/state'
import { requireRole, requireVerified } from '../session/accounts'
import { buildReport } from './report'
import { riskLevelOf } from './riskAreas'
import {
  addFlags,
  checkedInOn,
  checkinFlags,
  communityDeclarations,
  communitySummary,
  declarationFlags,
  isCommunityWorker,
  isOpen,
  matchesFilter,
  nextReturneeId,
  originError,
  originLabel,
  sameDocument,
  toCheckin,
  toDeclaration,
  toDetail,
} from './rules'
import type { ReturneesBase, ReturneesState, StoredDeclaration } from './types'

const API = '/api/v1'
export const returnees = moduleHandle<ReturneesState, ReturneesBase>('returnees')

function communityOf(ctx: Ctx): { worker: Account; communityId: string } {
  const worker = requireRole(ctx, 'worker')
  return { worker, communityId: worker.communityId! }
}

function find(ctx: Ctx): StoredDeclaration {
  const d = returnees.state(ctx).declarations[ctx.params.id]
  if (!d) throw notFound('没有找到这条登记')
  return d
}

/** The owner or a worker of its community may read it and check in; anyone else is refused. */
function readable(ctx: Ctx): { account: Account; d: StoredDeclaration; view: 'owner' | 'worker' } {
  const account = requireVerified(ctx)
  const d = find(ctx)
  if (isCommunityWorker(account, d)) return { account, d, view: 'worker' }
  if (sameDocument(account, d)) return { account, d, view: 'owner' }
  throw forbidden('只能查看本人或本社区的登记')
}

/** Worker actions: a worker of the declaration's own community only. */
function managed(ctx: Ctx): { worker: Account; d: StoredDeclaration } {
  const worker = requireRole(ctx, 'worker')
  const d = find(ctx)
  if (!isCommunityWorker(worker, d)) throw forbidden('只能处理本社区的登记')
  return { worker, d }
}

function refuseReleased(d: StoredDeclaration): void {
  if (d.status === 'released') throw conflict('DECLARATION_RELEASED', '这条登记已解除居家观察，无需再操作')
}

/** Only what the worker already sees on screen is searched, so a query can never unmask anyone. */
function matchesQuery(d: StoredDeclaration, q: string | undefined): boolean {
  if (!q) return true
  const needle = q.toLowerCase()
  const visible = [
    maskName(d.subject.name),
    maskDocNumber(d.subject.docNumber),
    d.subject.phone ? maskPhone(d.subject.phone) : '',
    d.residence.address,
    originLabel(d.originRegion),
    d.transport.number ?? '',
  ]
  return visible.some((text) => text.toLowerCase().includes(needle))
}

/**
 * The worker list runs by the end of observation; that end is the arrival date plus a fixed number
 * of days, so ordering (and keying cursors) by arrival date gives the same order without working
 * the end out on every comparison.
 */
const byArrivalThenId = (a: { k: string | number; i: string }, b: { k: string | number; i: string }) =>
  a.k === b.k ? (a.i < b.i ? -1 : a.i > b.i ? 1 : 0) : a.k < b.k ? -1 : 1

export const returneeRoutes = [
  route({
    method: 'GET',
    path: `${API}/regions`,
    auth: 'none',
    query: RegionsQuerySchema,
    handle(_ctx, { query }) {
      const items = childRegions(query.parent ?? '').map(({ code, name, level }) => ({ code, name, level }))
      return { status: 200, body: { items } }
    },
  }),

  route({
    method: 'GET',
    path: `${API}/risk-areas`,
    auth: 'none',
    handle(ctx) {
      return { status: 200, body: { items: returnees.base(ctx).riskAreas.map((a) => ({ ...a })) } }
    },
  }),

  route({
    method: 'POST',
    path: `${API}/returnees/declarations`,
    auth: 'required',
    idempotent: true,
    handle(ctx) {
      const account = requireVerified(ctx)
      const raw = parseJsonBody(ctx.req) as Record<string, unknown>
      // Registering someone else is a worker's tool: a question of role, not of the form.
      if (raw.subject !== undefined && account.role !== 'worker') throw forbidden('只有社区工作人员可以为他人登记')
      const today = ctx.clock.today()
      const parsed = v.safeParse(declarationBodySchema(today), raw)
      if (!parsed.success) throw validationFailed(issuesToFields(parsed.issues))
      const body = parsed.output
      if (body.subject && body.residence.communityId !== account.communityId) throw forbidden('只能为本社区的居民登记')

      const fields: Record<string, string> = {}
      const origin = originError(body.originRegion)
      if (origin) fields.originRegion = origin
      if (!isCommunity(body.residence.communityId)) fields['residence.communityId'] = '请选择居住的居委会'
      if (Object.keys(fields).length) throw validationFailed(fields)

      const state = returnees.state(ctx)
      const subject = body.subject ?? {
        name: account.identity.name,
        docType: account.identity.docType,
        docNumber: account.identity.docNumber,
        phone: account.identity.phone,
      }
      const open = Object.values(state.declarations).find(
        (d) => isOpen(d) && d.subject.docType === subject.docType && d.subject.docNumber === subject.docNumber,
      )
      if (open)
        throw conflict(
          'ALREADY_DECLARED',
          body.subject ? '此人已有一条居家观察中的登记，无需重复登记' : '你已有一条居家观察中的登记，无需重复登记',
        )

      const riskLevel = riskLevelOf(returnees.base(ctx).riskAreas, body.originRegion)
      const d: StoredDeclaration = {
        id: nextReturneeId(state, 'rd'),
        subject: subject.phone ? { ...subject } : { name: subject.name, docType: subject.docType, docNumber: subject.docNumber },
        originRegion: body.originRegion,
        transport: body.transport.number ? { mode: body.transport.mode, number: body.transport.number } : { mode: body.transport.mode },
        departureDate: body.departureDate,
        arrivalDate: body.arrivalDate,
        residence: { ...body.residence },
        health: { ...body.health, symptoms: [...body.health.symptoms] },
        status: 'observing',
        riskLevel,
        flagReasons: [],
        createdAt: ctx.clock.now(),
        createdBy: body.subject ? 'worker' : 'self',
        createdByAccount: account.id,
        notes: [],
      }
      addFlags(d, declarationFlags(riskLevel, body.health))
      state.declarations[d.id] = d
      state.checkins[d.id] = []
      return { status: 201, body: toDeclaration(state, d, today, body.subject ? 'worker' : 'owner') }
    },
  }),

  route({
    method: 'GET',
    path: `${API}/returnees/declarations/mine`,
    auth: 'required',
    query: ListQuery,
    handle(ctx, { query }) {
      const account = requireVerified(ctx)
      const state = returnees.state(ctx)
      const today = ctx.clock.today()
      const mine = Object.values(state.declarations)
        .filter((d) => sameDocument(account, d))
        .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : b.createdAt - a.createdAt))
      const page = paginate(ctx, mine, {
        list: `returnees:mine:${account.id}`,
        filters: {},
        page: query,
        keyOf: (d) => d.createdAt,
        idOf: (d) => d.id,
        compare: (a, b) => (a.k === b.k ? (a.i < b.i ? 1 : a.i > b.i ? -1 : 0) : Number(b.k) - Number(a.k)),
      })
      const view = (d: StoredDeclaration) => (isCommunityWorker(account, d) ? 'worker' : 'owner')
      return { status: 200, body: { ...page, items: page.items.map((d) => toDeclaration(state, d, today, view(d))), today } }
    },
  }),

  route({
    method: 'GET',
    path: `${API}/returnees/declarations/:id`,
    auth: 'required',
    handle(ctx) {
      const { d, view } = readable(ctx)
      return { status: 200, body: toDetail(returnees.state(ctx), d, ctx.clock.today(), view) }
    },
  }),

  route({
    method: 'POST',
    path: `${API}/returnees/declarations/:id/checkins`,
    auth: 'required',
    body: CheckinBodySchema,
    handle(ctx, { body }) {
      const { account, d, view } = readable(ctx)
      refuseReleased(d)
      const state = returnees.state(ctx)
      const today = ctx.clock.today()
      if (checkedInOn(state, d.id, today)) throw conflict('ALREADY_CHECKED_IN', '今天已经打过卡了，明天再来')
      const reasons = checkinFlags(body.temperature, body.symptoms)
      const wasFlagged = d.status === 'flagged'
      addFlags(d, reasons)
      const checkin = {
        id: nextReturneeId(state, 'rc'),
        declarationId: d.id,
        date: today,
        temperature: body.temperature,
        symptoms: [...body.symptoms],
        at: ctx.clock.now(),
        by: view === 'worker' && !sameDocument(account, d) ? ('worker' as const) : ('self' as const),
        byAccount: account.id,
        raisedFlag: reasons.length > 0 && !wasFlagged,
      }
      ;(state.checkins[d.id] ??= []).push(checkin)
      return { status: 201, body: toCheckin(checkin) }
    },
  }),

  route({
    method: 'GET',
    path: `${API}/returnees/community/summary`,
    auth: 'required',
    handle(ctx) {
      const { communityId } = communityOf(ctx)
      return { status: 200, body: communitySummary(returnees.state(ctx), communityId, ctx.clock.today()) }
    },
  }),

  route({
    method: 'GET',
    path: `${API}/returnees/community/declarations`,
    auth: 'required',
    query: CommunityListQuerySchema,
    handle(ctx, { query }) {
      const { communityId } = communityOf(ctx)
      const state = returnees.state(ctx)
      const today = ctx.clock.today()
      const q = query.q || undefined
      const rows = communityDeclarations(state, communityId)
        .filter((d) => matchesFilter(state, d, query.status, today) && matchesQuery(d, q))
        .sort((a, b) => byArrivalThenId({ k: a.arrivalDate, i: a.id }, { k: b.arrivalDate, i: b.id }))
      const page = paginate(ctx, rows, {
        list: `returnees:community:${communityId}`,
        filters: { status: query.status, q },
        page: query,
        keyOf: (d) => d.arrivalDate,
        idOf: (d) => d.id,
        compare: byArrivalThenId,
      })
      return { status: 200, body: { ...page, items: page.items.map((d) => toDeclaration(state, d, today, 'worker')) } }
    },
  }),

  route({
    method: 'GET',
    path: `${API}/returnees/community/report`,
    auth: 'required',
    query: ReportQuerySchema,
    handle(ctx, { query }) {
      const { communityId } = communityOf(ctx)
      const today = ctx.clock.today()
      const date = query.date ?? today
      if (date > today) throw validationFailed({ date: '不能选择今天以后的日期' })
      return { status: 200, body: { date, ...buildReport(returnees.state(ctx), communityId, date) } }
    },
  }),

  route({
    method: 'POST',
    path: `${API}/returnees/declarations/:id/release`,
    auth: 'required',
    handle(ctx) {
      const { worker, d } = managed(ctx)
      refuseReleased(d)
      const today = ctx.clock.today()
      if (d.status === 'flagged') throw conflict('DECLARATION_FLAGGED', '此人需要重点关注，不能解除居家观察，请按流程上报处置')
      const ends = observationEndsOn(d.arrivalDate)
      if (today < ends) throw conflict('OBSERVATION_NOT_OVER', `观察期到 ${ends} 才满，届时才能解除`)
      d.status = 'released'
      d.releasedAt = ctx.clock.now()
      d.releasedBy = worker.id
      return { status: 200, body: toDeclaration(returnees.state(ctx), d, today, 'worker') }
    },
  }),

  route({
    method: 'POST',
    path: `${API}/returnees/declarations/:id/escalate`,
    auth: 'required',
    body: EscalateBodySchema,
    handle(ctx, { body }) {
      const { worker, d } = managed(ctx)
      refuseReleased(d)
      d.notes.push({ at: ctx.clock.now(), text: body.note, by: worker.id })
      addFlags(d, ['escalated'])
      return { status: 200, body: toDeclaration(returnees.state(ctx), d, ctx.clock.today(), 'worker') }
    },
  }),
]
