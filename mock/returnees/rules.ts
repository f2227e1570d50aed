import {
  isFever,
  observationEndsOn,
  type Checkin,
  type CommunityFilter,
  type Declaration,
  type DeclarationDetail,
  type FlagReason,
  type RiskLevel,
  type Summary,
  type Symptom,
} from '@/core/contract'
import { maskDocNumber, maskName, maskPhone } from '@/core/identity/masking'
import { daysBetween, shanghaiDate, toIsoShanghai } from '@/core/time/shanghai'
import { communityPath, regionByCode, SHANGHAI } from '../core/regions'
import type { Account } from '../core/state'
import type { ReturneesState, StoredCheckin, StoredDeclaration } from './types'

/** A 32-bit integer hash (murmur3's finaliser): cheap enough to name a thousand seed records. */
function mix32(n: number): number {
  let h = n >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

export function nextReturneeId(state: ReturneesState, kind: 'rd' | 'rc'): string {
  state.counter += 1
  // Scrambled, so an id does not say how many people declared or who came next; the counter
  // suffix keeps ids unique. Access is checked on every call anyway.
  const scrambled = mix32(mix32(state.seed) ^ state.counter)
    .toString(16)
    .padStart(8, '0')
  return `${kind}${scrambled}${state.counter.toString(36)}`
}

export function isOpen(d: StoredDeclaration): boolean {
  return d.status !== 'released'
}

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

export function checkinsOf(state: ReturneesState, id: string): StoredCheckin[] {
  return state.checkins[id] ?? []
}

export function checkedInOn(state: ReturneesState, id: string, date: string): boolean {
  return checkinsOf(state, id).some((c) => c.date === date)
}

/** Every declaration whose residence is in `communityId`: what its workers see. */
export function communityDeclarations(state: ReturneesState, communityId: string): StoredDeclaration[] {
  return Object.values(state.declarations).filter((d) => d.residence.communityId === communityId)
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

export function daysLeft(d: StoredDeclaration, today: string): number {
  if (d.status === 'released') return 0
  return Math.max(0, daysBetween(today, observationEndsOn(d.arrivalDate)))
}

export function toCheckin(c: StoredCheckin): Checkin {
  return {
    id: c.id,
    declarationId: c.declarationId,
    date: c.date,
    temperature: c.temperature,
    symptoms: [...c.symptoms],
    at: toIsoShanghai(c.at),
    by: c.by,
    raisedFlag: c.raisedFlag,
  }
}

/**
 * The contract's `declaration`. Names, document numbers and phones are masked for everyone,
 * the owner included (their own screens take the name from their session); workers also get the
 * escalation notes.
 */
export function toDeclaration(state: ReturneesState, d: StoredDeclaration, today: string, view: 'owner' | 'worker'): Declaration {
  const { district, street, community } = communityPath(d.residence.communityId)
  const out: Declaration = {
    id: d.id,
    subjectMasked: maskName(d.subject.name),
    docNumberMasked: maskDocNumber(d.subject.docNumber),
    originRegion: d.originRegion,
    originName: originLabel(d.originRegion),
    transport: d.transport.number ? { mode: d.transport.mode, number: d.transport.number } : { mode: d.transport.mode },
    departureDate: d.departureDate,
    arrivalDate: d.arrivalDate,
    residence: {
      communityId: d.residence.communityId,
      address: d.residence.address,
      districtName: district?.name ?? '',
      streetName: street?.name ?? '',
      communityName: community?.name ?? '',
    },
    health: { temperature: d.health.temperature, symptoms: [...d.health.symptoms], contactWithCases: d.health.contactWithCases },
    status: d.status,
    riskLevel: d.riskLevel,
    flagReasons: [...d.flagReasons],
    observationEndsOn: observationEndsOn(d.arrivalDate),
    daysLeft: daysLeft(d, today),
    checkedInToday: checkedInOn(state, d.id, today),
    createdAt: toIsoShanghai(d.createdAt),
    createdBy: d.createdBy,
  }
  if (d.subject.phone) out.phoneMasked = maskPhone(d.subject.phone)
  if (d.releasedAt !== undefined) out.releasedAt = toIsoShanghai(d.releasedAt)
  if (view === 'worker') out.notes = d.notes.map((n) => ({ at: toIsoShanghai(n.at), text: n.text }))
  return out
}

export function toDetail(state: ReturneesState, d: StoredDeclaration, today: string, view: 'owner' | 'worker'): DeclarationDetail {
  // Newest first: the timeline a worker reads starts with today.
  const checkins = [...checkinsOf(state, d.id)].sort((a, b) => b.at - a.at).map(toCheckin)
  return { ...toDeclaration(state, d, today, view), checkins }
}

/** `湖北省 武汉市`, or the province alone. */
export function originLabel(code: string): string {
  const region = regionByCode(code)
  if (!region) return code
  if (region.level === 'province') return region.name
  const province = regionByCode(`${code.slice(0, 2)}0000`)
  return province ? `${province.name} ${region.name}` : region.name
}

export function releasedOn(d: StoredDeclaration): string | null {
  return d.releasedAt === undefined ? null : shanghaiDate(d.releasedAt)
}
