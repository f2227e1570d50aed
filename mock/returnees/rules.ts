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
import { conflict, forbidden, notFound, validationFailed } from '../core/http'
import { keyThenId, paginate, type PageRequest } from '../core/paging'
import { isCommunity, regionByCode, SHANGHAI } from '../core/regions'
import { parseJsonBody, type Ctx } from '../core/router'
import type { Account } from '../core/state'
import { requireRole, requireVerified } from '../session/accounts'
import { actingFor, heldMember } from '../session/acting'
import { buildReport } from './report'
import { riskLevelOf } from './riskAreas'
import { isOpen, releasedOn, returneeId, returnees, type StoredCheckin, type StoredDeclaration } from './state'
import { returneesStore } from './store'
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

/** The worker list's status chips; `undefined` is all of them. `checkedIn`: the declarations checked in today. */
export function matchesFilter(
  checkedIn: ReadonlySet<string>,
  d: StoredDeclaration,
  filter: CommunityFilter | undefined,
  today: string,
): boolean {
  switch (filter) {
    case undefined:
      return true
    case 'open':
      return isOpen(d)
    case 'due_today':
      return isOpen(d) && !checkedIn.has(d.id)
    case 'ending_today':
      return d.status === 'observing' && observationEndsOn(d.arrivalDate) === today
    default:
      return d.status === filter
  }
}

/** A community's declarations, and which of them have checked in on `day`. */
async function communityOn(
  ctx: Ctx,
  communityId: string,
  day: string,
): Promise<{ all: StoredDeclaration[]; checkins: Map<string, StoredCheckin> }> {
  const store = returneesStore(ctx)
  const all = await store.declarationsOfCommunity(communityId)
  return {
    all,
    checkins: await store.checkinsOn(
      all.map((d) => d.id),
      day,
    ),
  }
}

/** The console's counts: each one is the length of the list its chip opens, so the two cannot disagree. */
export async function communitySummary(ctx: Ctx, communityId: string, today: string): Promise<Summary> {
  const { all, checkins } = await communityOn(ctx, communityId, today)
  const checkedIn = new Set(checkins.keys())
  const count = (filter: CommunityFilter | undefined) => all.filter((d) => matchesFilter(checkedIn, d, filter, today)).length
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

async function find(ctx: Ctx, id: string): Promise<StoredDeclaration> {
  const d = await returneesStore(ctx).declaration(id)
  if (!d) throw notFound('没有找到这条登记')
  return d
}

/** Made by this account for a family member it still holds. */
async function madeForHeldMember(ctx: Ctx, account: Account, d: StoredDeclaration): Promise<boolean> {
  return d.memberId !== undefined && d.createdByAccount === account.id && Boolean(await heldMember(ctx, account, d.memberId))
}

/**
 * The owner, a worker of its community, or the family account that declared it for a member it
 * still holds may read it and check in; a family account that no longer holds the member gets
 * 404 (the record is not theirs to know of any more); anyone else is refused.
 */
export async function readable(
  ctx: Ctx,
  id: string,
): Promise<{ account: Account; d: StoredDeclaration; view: DeclarationView; family: boolean }> {
  const account = requireVerified(ctx)
  const d = await find(ctx, id)
  if (isCommunityWorker(account, d)) return { account, d, view: 'worker', family: false }
  if (sameDocument(account, d)) return { account, d, view: 'owner', family: false }
  if (await madeForHeldMember(ctx, account, d)) return { account, d, view: 'owner', family: true }
  if (d.memberId !== undefined && d.createdByAccount === account.id) throw notFound('没有找到这条登记')
  throw forbidden('只能查看本人或本社区的登记')
}

/** Worker actions: a worker of the declaration's own community only. */
async function managed(ctx: Ctx, id: string): Promise<{ worker: Account; d: StoredDeclaration }> {
  const worker = requireRole(ctx, 'worker')
  const d = await find(ctx, id)
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
export async function declare(ctx: Ctx): Promise<{ d: StoredDeclaration; view: DeclarationView }> {
  const account = requireVerified(ctx)
  const raw = parseJsonBody(ctx.req) as Record<string, unknown>
  // Registering someone else is a worker's tool: a question of role, not of the form.
  if (raw.subject !== undefined && account.role !== 'worker') throw forbidden('只有社区工作人员可以为他人登记')
  const today = ctx.clock.today()
  const parsed = v.safeParse(declarationBodySchema(today), raw)
  if (!parsed.success) throw validationFailed(issuesToFields(parsed.issues))
  const body = parsed.output
  if (body.subject && body.memberId !== undefined) throw validationFailed({ memberId: '为家人登记时不填写被登记人' })
  if (body.subject && body.residence.communityId !== account.communityId) throw forbidden('只能为本社区的居民登记')
  const member = body.memberId === undefined ? undefined : await actingFor(ctx, account, body.memberId)

  const fields: Record<string, string> = {}
  const origin = originError(body.originRegion)
  if (origin) fields.originRegion = origin
  if (!isCommunity(body.residence.communityId)) fields['residence.communityId'] = '请选择居住的居委会'
  if (Object.keys(fields).length) throw validationFailed(fields)

  const store = returneesStore(ctx)
  const subject = body.subject ??
    (member && { name: member.name, docType: member.docType, docNumber: member.docNumber }) ?? {
      name: account.identity.name,
      docType: account.identity.docType,
      docNumber: account.identity.docNumber,
      phone: account.identity.phone,
    }
  const alreadyDeclared = () =>
    conflict(
      'ALREADY_DECLARED',
      body.subject
        ? '此人已有一条居家观察中的登记，无需重复登记'
        : member
          ? `${member.name}已有一条居家观察中的登记，无需重复登记`
          : '你已有一条居家观察中的登记，无需重复登记',
    )
  if ((await store.declarationsOfDocument(subject.docType, subject.docNumber)).some(isOpen)) throw alreadyDeclared()

  const riskLevel = riskLevelOf(returnees.base(ctx).riskAreas, body.originRegion)
  const d: StoredDeclaration = {
    id: returneeId(ctx.env.seed, 'rd', await store.nextNumber()),
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
    createdBy: body.subject ? 'worker' : member ? 'family' : 'self',
    createdByAccount: account.id,
    notes: [],
  }
  if (member) d.memberId = member.memberId
  addFlags(d, declarationFlags(riskLevel, body.health))
  // Another request declared the same document in between: the store's one-open rule refuses this one.
  if (!(await store.insertDeclaration(d))) throw alreadyDeclared()
  return { d, view: body.subject ? 'worker' : 'owner' }
}

/**
 * Every declaration about the caller's document, and those the caller made for the family members
 * they still hold, newest first, each as the caller may see it.
 */
export async function minePage(ctx: Ctx, query: PageRequest): Promise<ListPage<{ d: StoredDeclaration; view: DeclarationView }>> {
  const account = requireVerified(ctx)
  const store = returneesStore(ctx)
  const own = (await store.declarationsOfDocument(account.identity.docType, account.identity.docNumber)).filter((d) =>
    sameDocument(account, d),
  )
  const forMembers: StoredDeclaration[] = []
  for (const member of await ctx.env.familyMembersOf(ctx, account.id)) {
    const made = await store.declarationsOfDocument(member.docType, member.docNumber)
    forMembers.push(...made.filter((d) => d.memberId === member.id && d.createdByAccount === account.id))
  }
  const mine = [...own, ...forMembers].sort((a, b) => newestFirst({ k: a.createdAt, i: a.id }, { k: b.createdAt, i: b.id }))
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
export async function checkIn(ctx: Ctx, id: string, body: v.InferOutput<typeof CheckinBodySchema>): Promise<StoredCheckin> {
  const { account, d, view, family } = await readable(ctx, id)
  refuseReleased(d)
  const store = returneesStore(ctx)
  const today = ctx.clock.today()
  const alreadyCheckedIn = () => conflict('ALREADY_CHECKED_IN', '今天已经打过卡了，明天再来')
  if ((await store.checkinsOn([d.id], today)).has(d.id)) throw alreadyCheckedIn()
  const reasons = checkinFlags(body.temperature, body.symptoms)
  const wasFlagged = d.status === 'flagged'
  addFlags(d, reasons)
  const checkin: StoredCheckin = {
    id: returneeId(ctx.env.seed, 'rc', await store.nextNumber()),
    declarationId: d.id,
    date: today,
    temperature: body.temperature,
    symptoms: [...body.symptoms],
    at: ctx.clock.now(),
    by: view === 'worker' && !sameDocument(account, d) ? 'worker' : family ? 'family' : 'self',
    byAccount: account.id,
    raisedFlag: reasons.length > 0 && !wasFlagged,
  }
  // Another request checked in for the same day in between: the store's one-a-day rule refuses this one.
  if (!(await store.insertCheckin(checkin))) throw alreadyCheckedIn()
  if (reasons.length > 0) await store.saveDeclaration(d)
  return checkin
}

/** The console's counts for the caller's own community. */
export function workerSummary(ctx: Ctx): Promise<Summary> {
  const { communityId } = communityOf(ctx)
  return communitySummary(ctx, communityId, ctx.clock.today())
}

/**
 * The worker list runs by the end of observation; that end is the arrival date plus a fixed number
 * of days, so ordering (and keying cursors) by arrival date gives the same order without working
 * the end out on every comparison.
 */
const byArrivalThenId = keyThenId('asc')
const newestFirst = keyThenId('desc')

export async function communityPage(
  ctx: Ctx,
  query: v.InferOutput<typeof CommunityListQuerySchema>,
  today: string,
): Promise<ListPage<StoredDeclaration>> {
  const { communityId } = communityOf(ctx)
  const { all, checkins } = await communityOn(ctx, communityId, today)
  const checkedIn = new Set(checkins.keys())
  const q = query.q || undefined
  const rows = all
    .filter((d) => matchesFilter(checkedIn, d, query.status, today) && matchesQuery(d, q))
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
export async function communityReport(
  ctx: Ctx,
  date: string | undefined,
): Promise<{ date: string; filename: string; rows: number; csv: string }> {
  const { communityId } = communityOf(ctx)
  const today = ctx.clock.today()
  const day = date ?? today
  if (day > today) throw validationFailed({ date: '不能选择今天以后的日期' })
  const { all, checkins } = await communityOn(ctx, communityId, day)
  return { date: day, ...buildReport(all, checkins, communityId, day) }
}

/** Release from home observation: only once its days are over, and never while it is flagged. */
export async function release(ctx: Ctx, id: string): Promise<StoredDeclaration> {
  const { worker, d } = await managed(ctx, id)
  refuseReleased(d)
  const today = ctx.clock.today()
  if (d.status === 'flagged') throw conflict('DECLARATION_FLAGGED', '此人需要重点关注，不能解除居家观察，请按流程上报处置')
  const ends = observationEndsOn(d.arrivalDate)
  if (today < ends) throw conflict('OBSERVATION_NOT_OVER', `观察期到 ${ends} 才满，届时才能解除`)
  d.status = 'released'
  d.releasedAt = ctx.clock.now()
  d.releasedBy = worker.id
  await returneesStore(ctx).saveDeclaration(d)
  return d
}

export async function escalate(ctx: Ctx, id: string, note: string): Promise<StoredDeclaration> {
  const { worker, d } = await managed(ctx, id)
  refuseReleased(d)
  d.notes.push({ at: ctx.clock.now(), text: note, by: worker.id })
  addFlags(d, ['escalated'])
  await returneesStore(ctx).saveDeclaration(d)
  return d
}
