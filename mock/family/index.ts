import type { FamilyMemberRecord, ServiceModule } from '../core/module'
import { documentKey } from '../core/state'
import { namesAddedAs } from './rules'
import { familyRoutes } from './routes'
import { family } from './state'
import { createFamilyState, isActive, memoryFamilyStore, type FamilyState, type StoredMember } from './store'

function toRecord(m: StoredMember): FamilyMemberRecord {
  return { id: m.id, ownerId: m.ownerId, name: m.name, docType: m.docType, docNumber: m.docNumber, active: isActive(m) }
}

/** 家人: the members a verified account acts for, and a member's view of who holds them. */
export const familyModule: ServiceModule<FamilyState, Record<string, never>> = {
  name: 'family',
  createBase: () => ({}),
  createState: createFamilyState,
  memoryStore: memoryFamilyStore,
  routes: familyRoutes,
  namesOfDocument: (ctx, docType, docNumber) => namesAddedAs(ctx, documentKey(docType, docNumber)),
  async familyMember(ctx, memberId) {
    const m = await family.store(ctx).member(memberId)
    return m && toRecord(m)
  },
  async familyMembersOf(ctx, ownerId) {
    return (await family.store(ctx).membersOfAccount(ownerId)).filter(isActive).map(toRecord)
  },
}
