import { api } from '../api'
import { FamilyMemberListSchema, RELATION_LABELS, type FamilyMember } from '../contract/family'

/**
 * The family members the signed-in person acts for (docs/API.md, "Family"). This folder is the
 * services' shared view of them; nothing of it is in the main package (import it by path, it is
 * not in the core's barrels).
 */
export function listFamilyMembers(): Promise<FamilyMember[]> {
  return api.call({ path: '/family/members', schema: FamilyMemberListSchema }).then((list) => list.items)
}

/** "王秀英（父母）": the owner's own view, so the name is in full. */
export function memberLabel(m: Pick<FamilyMember, 'name' | 'relation'>): string {
  return `${m.name}（${RELATION_LABELS[m.relation]}）`
}

/** Whose a record is, as the owner's lists say it: 本人, or the member's name. */
export function whoseLabel(memberId: string | undefined, members: readonly FamilyMember[]): string {
  if (memberId === undefined) return '本人'
  const m = members.find((x) => x.id === memberId)
  return m ? memberLabel(m) : '家人'
}
