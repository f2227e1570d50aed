import { api } from '@/core/api'
import {
  FamilyBindingListSchema,
  FamilyMemberSchema,
  type AddMemberBody,
  type FamilyBinding,
  type FamilyMember,
} from '@/core/contract/family'

export { listFamilyMembers } from '@/core/family/members'

/** Adds a member; the key makes a retry after a timeout or a double tap add them once. */
export function addMember(body: AddMemberBody, idempotencyKey: string): Promise<FamilyMember> {
  return api.call({ method: 'POST', path: '/family/members', body, idempotencyKey, schema: FamilyMemberSchema })
}

/** Removing twice answers 404 the second time: the page treats that as done. */
export function removeMember(id: string): Promise<unknown> {
  return api.call({ method: 'DELETE', path: `/family/members/${encodeURIComponent(id)}` })
}

/** The accounts that hold the signed-in person as a family member. */
export function listBindings(): Promise<FamilyBinding[]> {
  return api.call({ path: '/family/bindings', schema: FamilyBindingListSchema }).then((list) => list.items)
}

export function leaveBinding(id: string): Promise<unknown> {
  return api.call({ method: 'DELETE', path: `/family/bindings/${encodeURIComponent(id)}` })
}
