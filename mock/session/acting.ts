import { notFound } from '../core/http'
import type { FamilyMemberRecord } from '../core/module'
import type { Ctx } from '../core/router'
import { documentKey, type Account, type StoredIdentity } from '../core/state'

/** Whom a call acts for: the caller, or a family member the caller holds (docs/API.md, "Family"). */
export interface ActingSubject {
  name: string
  docType: StoredIdentity['docType']
  docNumber: string
  docKey: string
  /** Present when the call acts for a member. */
  memberId?: string
}

export const noSuchMember = () => notFound('没有找到这位家人，或你已不能再为其办理')

/** The caller's member `memberId`, still held; undefined for anyone else's or an ended one. */
export async function heldMember(ctx: Ctx, account: Account, memberId: string): Promise<FamilyMemberRecord | undefined> {
  const member = await ctx.env.familyMember(ctx, memberId)
  return member && member.active && member.ownerId === account.id ? member : undefined
}

/** The caller themselves, or (with `memberId`) the member they hold: another's or an ended one is 404. */
export async function actingFor(
  ctx: Ctx,
  account: Account & { identity: StoredIdentity },
  memberId: string | undefined,
): Promise<ActingSubject> {
  if (memberId === undefined) {
    const { name, docType, docNumber } = account.identity
    return { name, docType, docNumber, docKey: documentKey(docType, docNumber) }
  }
  const member = await heldMember(ctx, account, memberId)
  if (!member) throw noSuchMember()
  return {
    name: member.name,
    docType: member.docType,
    docNumber: member.docNumber,
    docKey: documentKey(member.docType, member.docNumber),
    memberId: member.id,
  }
}
