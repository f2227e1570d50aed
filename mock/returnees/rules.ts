import * as v from 'valibot'
import {
  declarationBodySchema,
  isFever,
  issuesToFields,
  observationEndsOn,
  type CheckinBodySchema,
  type CommunityFilter,
  type CommunityListQuerySchema,
  type FlagReason,
  type ListPage,
  type RiskLevel,
  type Summary,
  type Symptom,
} from '@/core/contract'
import { maskDocNumber, maskName, maskPhone } from '@/core/identity/masking'
import { dictEnsure, dictGet, dictSet, dictValues } from '../core/dict'
import { conflict, forbidden, notFound, validationFailed } from '../core/http'
import { keyThenId, paginate, type PageRequest } from '../core/paging'
import { isCommunity, regionByCode, SHANGHAI } from '../core/regions'
import { parseJsonBody, type Ctx } from '../core/router'
import type { Account } from '../core/state'
import { requireRole, requireVerified } from '../session/accounts'
import { buildReport } from './report'
import { riskLevelOf } from './riskAreas'
import {
  checkedInOn,
  communityDeclarations,
  isOpen,
  nextReturneeId,
  releasedOn,
  returnees,
  type ReturneesState,
  type StoredCheckin,
  type StoredDeclaration,
} from './state'
import { originLabel, type DeclarationView } from './views'

/** Why `code` cannot be an origin, or null: a province or city code outside Shanghai. */
export function originError(code: string): string | null {
  const region = regionByCode(code)
  if (!region || (region.level !== 'province' && region.level !== 'city')) return '请选择出发的省份或城市'
  if (code.slice(0, 2) === SHANGHAI.slice(0, 2)) return '出发地应为上海以外的省份或城市'
  return null
}

/** What flags a declaration when it is made. */
export function declarationFlags(
  risk: RiskLevel,
  health: { temperature: number; symptoms: Symptom[]; contactWithCases: boolean },
): FlagReason[] {
  const reasons: FlagReason[] = []
  if (risk === 'high') reasons.push('high_risk_origin')
  if (isFever(health.temperature)) reasons.push('fever')
  if (health.symptoms.length > 0) reasons.push('symptoms')
  if (health.contactWithCases) reasons.push('contact')
  return reasons
}

export function checkinFlags(temperature: number, symptoms: Symptom[]): FlagReason[] {
  const reasons: FlagReason[] = []
  if (isFever(temperature)) reasons.push('checkin_fever')
  if (symptoms.length > 0) reasons.push('checkin_symptoms')
  return reasons
}

export function addFlags(d: StoredDeclaration, reasons: FlagReason[]): void {
  if (!reasons.length) return
  for (const r of reasons) if (!d.flagReasons.includes(r)) d.flagReasons.push(r)
  d.status = 'flagged'
}

export function sameDocument(account: Account, d: StoredDeclaration): boolean {
  return Boolean(account.identity && account.identity.docType === d.subject.docType && account.identity.docNumber === d.subject.docNumber)
}

export function isCommunityWorker(account: Account, d: StoredDeclaration): boolean {
  return account.role === 'worker' && account.communityId === d.residence.communityId
}

/** The worker list's status chips; `undefined` is all of them. */
export function matchesFilter(state: ReturneesState, d: StoredDeclaration, filter: CommunityFilter | undefined, today: string): boolean {
  switch (filter) {
    case undefined:
      return true
    case 'open':
      return isOpen(d)
    case 'due_today':
      return isOpen(d) && !checkedInOn(state, d.id, today)
    case 'ending_today':
      return d.status === 'observing' && observationEndsOn(d.arrivalDate) === today
    default:
      return d.status === filter
  }
}

/** The console's counts: each one is the length of the list its chip opens, so the two cannot disagree. */
export function communitySummary(state: ReturneesState, communityId: string, today: string): Summary {
  const all = communityDeclarations(state, communityId)
  const count = (filter: CommunityFilter | undefined) => all.filter((d) => matchesFilter(state, d, filter, today)).length
  return {
    total: count(undefined),
    observing: count('observing'),
    dueToday: count('due_today'),
    flagged: count('flagged'),
    endingToday: count('ending_today'),
    // No chip lists today's releases (the 'released' chip is all of them), so this one is its own test.
    releasedToday: all.filter((d) => releasedOn(d) === today).length,
    today,
  }
}

function communityOf(ctx: Ctx): { worker: Account; communityId: string } {
  const worker = requireRole(ctx, 'worker')
  return { worker, communityId: worker.communityId! }
}

function find(ctx: Ctx, id: string): StoredDeclaration {
  const d = dictGet(returnees.state(ctx).declarations, id)
  if (!d) throw notFound('没有找到这条登记')
  return d
}

/** The owner or a worker of its community may read it and check in; anyone else is refused. */
export function readable(ctx: Ctx, id: string): { account: Account; d: StoredDeclaration; view: DeclarationView } {
  const account = requireVerified(ctx)
  const d = find(ctx, id)
  if (isCommunityWorker(account, d)) return { account, d, view: 'worker' }
  if (sameDocument(account, d)) return { account, d, view: 'owner' }
  throw forbidden('只能查看本人或本社区的登记')
}

/** Worker actions: a worker of the declaration's own community only. */
function managed(ctx: Ctx, id: string): { worker: Account; d: StoredDeclaration } {
  const worker = requireRole(ctx, 'worker')
  const d = find(ctx, id)
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
 * A declaration for oneself, or (a worker) for a resident of the worker's own community. The body
 * is read here, not by the route: sending `subject` without being a worker is 403 before any
 * field of the form is looked at.
 */
export function declare(ctx: Ctx): { d: StoredDeclaration; view: DeclarationView } {
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
  const open = dictValues(state.declarations).find(
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
  dictSet(state.declarations, d.id, d)
  dictSet(state.checkins, d.id, [])
  return { d, view: body.subject ? 'worker' : 'owner' }
}

/** Every declaration about the caller's document, newest first, each as the caller may see it. */
export function minePage(ctx: Ctx, query: PageRequest): ListPage<{ d: StoredDeclaration; view: DeclarationView }> {
  const account = requireVerified(ctx)
  const mine = dictValues(returnees.state(ctx).declarations)
    .filter((d) => sameDocument(account, d))
    .sort((a, b) => newestFirst({ k: a.createdAt, i: a.id }, { k: b.createdAt, i: b.id }))
  const page = paginate(ctx, mine, {
    list: `returnees:mine:${account.id}`,
    filters: {},
    page: query,
    keyOf: (d) => d.createdAt,
    idOf: (d) => d.id,
    compare: newestFirst,
  })
  const view = (d: StoredDeclaration): DeclarationView => (isCommunityWorker(account, d) ? 'worker' : 'owner')
  return { ...page, items: page.items.map((d) => ({ d, view: view(d) })) }
}

/** Today's check-in, by the person or by a worker for them; a fever or a symptom flags the declaration. */
export function checkIn(ctx: Ctx, id: string, body: v.InferOutput<typeof CheckinBodySchema>): StoredCheckin {
  const { account, d, view } = readable(ctx, id)
  refuseReleased(d)
  const state = returnees.state(ctx)
  const today = ctx.clock.today()
  if (checkedInOn(state, d.id, today)) throw conflict('ALREADY_CHECKED_IN', '今天已经打过卡了，明天再来')
  const reasons = checkinFlags(body.temperature, body.symptoms)
  const wasFlagged = d.status === 'flagged'
  addFlags(d, reasons)
  const checkin: StoredCheckin = {
    id: nextReturneeId(state, 'rc'),
    declarationId: d.id,
    date: today,
    temperature: body.temperature,
    symptoms: [...body.symptoms],
    at: ctx.clock.now(),
    by: view === 'worker' && !sameDocument(account, d) ? 'worker' : 'self',
    byAccount: account.id,
    raisedFlag: reasons.length > 0 && !wasFlagged,
  }
  dictEnsure(state.checkins, d.id, () => []).push(checkin)
  return checkin
}

/** The console's counts for the caller's own community. */
export function workerSummary(ctx: Ctx): Summary {
  const { communityId } = communityOf(ctx)
  return communitySummary(returnees.state(ctx), communityId, ctx.clock.today())
}

/**
 * The worker list runs by the end of observation; that end is the arrival date plus a fixed number
 * of days, so ordering (and keying cursors) by arrival date gives the same order without working
 * the end out on every comparison.
 */
const byArrivalThenId = keyThenId('asc')
const newestFirst = keyThenId('desc')

export function communityPage(ctx: Ctx, query: v.InferOutput<typeof CommunityListQuerySchema>, today: string): ListPage<StoredDeclaration> {
  const { communityId } = communityOf(ctx)
  const state = returnees.state(ctx)
  const q = query.q || undefined
  const rows = communityDeclarations(state, communityId)
    .filter((d) => matchesFilter(state, d, query.status, today) && matchesQuery(d, q))
    .sort((a, b) => byArrivalThenId({ k: a.arrivalDate, i: a.id }, { k: b.arrivalDate, i: b.id }))
  return paginate(ctx, rows, {
    list: `returnees:community:${communityId}`,
    filters: { status: query.status, q },
    page: query,
    keyOf: (d) => d.arrivalDate,
    idOf: (d) => d.id,
    compare: byArrivalThenId,
  })
}

/** The community's daily report of `date` (today when absent; never a day still to come). */
export function communityReport(ctx: Ctx, date: string | undefined): { date: string; filename: string; rows: number; csv: string } {
  const { communityId } = communityOf(ctx)
  const today = ctx.clock.today()
  const day = date ?? today
  if (day > today) throw validationFailed({ date: '不能选择今天以后的日期' })
  return { date: day, ...buildReport(returnees.state(ctx), communityId, day) }
}

/** Release from home observation: only once its days are over, and never while it is flagged. */
export function release(ctx: Ctx, id: string): StoredDeclaration {
  const { worker, d } = managed(ctx, id)
  refuseReleased(d)
  const today = ctx.clock.today()
  if (d.status === 'flagged') throw conflict('DECLARATION_FLAGGED', '此人需要重点关注，不能解除居家观察，请按流程上报处置')
  const ends = observationEndsOn(d.arrivalDate)
  if (today < ends) throw conflict('OBSERVATION_NOT_OVER', `观察期到 ${ends} 才满，届时才能解除`)
  d.status = 'released'
  d.releasedAt = ctx.clock.now()
  d.releasedBy = worker.id
  return d
}

export function escalate(ctx: Ctx, id: string, note: string): StoredDeclaration {
  const { worker, d } = managed(ctx, id)
  refuseReleased(d)
  d.notes.push({ at: ctx.clock.now(), text: note, by: worker.id })
  addFlags(d, ['escalated'])
  return d
}
