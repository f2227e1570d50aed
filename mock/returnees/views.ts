import { observationEndsOn, type Checkin, type Declaration, type DeclarationDetail } from '@/core/contract'
import { maskDocNumber, maskName, maskPhone } from '@/core/identity/masking'
import { toIsoShanghai } from '@/core/time/shanghai'
import { communityPath, regionByCode } from '../core/regions'
import { checkedInOn, checkinsOf, daysLeft, type ReturneesState, type StoredCheckin, type StoredDeclaration } from './state'

/** Who is looking: the person it is about, or a worker of its community (who also sees the notes). */
export type DeclarationView = 'owner' | 'worker'

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
export function toDeclaration(state: ReturneesState, d: StoredDeclaration, today: string, view: DeclarationView): Declaration {
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

export function toDetail(state: ReturneesState, d: StoredDeclaration, today: string, view: DeclarationView): DeclarationDetail {
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
