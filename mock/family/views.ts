import type { FamilyBinding, FamilyMember } from '@/core/contract'
import { maskDocNumber, maskName } from '@/core/identity/masking'
import { toIsoShanghai } from '@/core/time/shanghai'
import type { Ctx } from '../core/router'
import type { StoredMember } from './store'

/** The owner's view of a member: the name in full (only the owner sees it), the document masked. */
export function toMember(m: StoredMember): FamilyMember {
  return {
    id: m.id,
    name: m.name,
    nameMasked: maskName(m.name),
    docType: m.docType,
    docNumberMasked: maskDocNumber(m.docNumber),
    relation: m.relation,
    createdAt: toIsoShanghai(m.createdAt),
  }
}

/** The member's view of an account that holds them: that account's name, masked. */
export async function toBindings(ctx: Ctx, ms: readonly StoredMember[]): Promise<FamilyBinding[]> {
  const out: FamilyBinding[] = []
  for (const m of ms) {
    const owner = await ctx.stores.core.account(m.ownerId)
    out.push({
      id: m.id,
      holderNameMasked: owner?.identity ? maskName(owner.identity.name) : '',
      relation: m.relation,
      since: toIsoShanghai(m.createdAt),
    })
  }
  return out
}
