import { observationEndsOn, type Checkin, type Declaration, type DeclarationDetail } from '@/core/contract'
import { maskDocNumber, maskName, maskPhone } from '@/core/identity/masking'
import { toIsoShanghai } from '@/core/time/shanghai'
import { communityPath, regionByCode } from '../core/regions'
import type { Ctx } from '../core/router'
import { daysLeft, type StoredCheckin, type StoredDeclaration } from './state'
import { returneesStore } from './store'

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
export function toDeclaration(d: StoredDeclaration, today: string, view: DeclarationView, checkedInToday: boolean): Declaration {
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
    checkedInToday,
    createdAt: toIsoShanghai(d.createdAt),
    createdBy: d.createdBy,
  }
  if (d.subject.phone) out.phoneMasked = maskPhone(d.subject.phone)
  if (d.memberId !== undefined) out.memberId = d.memberId
  if (d.releasedAt !== undefined) out.releasedAt = toIsoShanghai(d.releasedAt)
  if (view === 'worker') out.notes = d.notes.map((n) => ({ at: toIsoShanghai(n.at), text: n.text }))
  return out
}

/** Declarations as `view` sees them today, each with whether it has checked in today (read in one go). */
export async function toDeclarations(
  ctx: Ctx,
  ds: readonly StoredDeclaration[],
  view: (d: StoredDeclaration) => DeclarationView,
): Promise<Declaration[]> {
  const today = ctx.clock.today()
  const checkedIn = await returneesStore(ctx).checkinsOn(
    ds.map((d) => d.id),
    today,
  )
  return ds.map((d) => toDeclaration(d, today, view(d), checkedIn.has(d.id)))
}

export async function toDeclarationView(ctx: Ctx, d: StoredDeclaration, view: DeclarationView): Promise<Declaration> {
  return (await toDeclarations(ctx, [d], () => view))[0]!
}

export async function toDetail(ctx: Ctx, d: StoredDeclaration, view: DeclarationView): Promise<DeclarationDetail> {
  const today = ctx.clock.today()
  // Newest first: the timeline a worker reads starts with today.
  const all = await returneesStore(ctx).checkinsOf(d.id)
  const checkins = [...all].sort((a, b) => b.at - a.at).map(toCheckin)
  return {
    ...toDeclaration(
      d,
      today,
      view,
      all.some((c) => c.date === today),
    ),
    checkins,
  }
}

/** `湖北省 武汉市`, or the province alone. */
export function originLabel(code: string): string {
  const region = regionByCode(code)
  if (!region) return code
  if (region.level === 'province') return region.name
  const province = regionByCode(`${code.slice(0, 2)}0000`)
  return province ? `${province.name} ${region.name}` : region.name
}
