import { api } from '@/core/api'
import { PassSchema, type ListPage, type Pass } from '@/core/contract/core'
import { PassCheckListSchema, PassCheckSchema, type PassCheck, type PassCheckRecord, type PassLookupBody } from '@/core/contract/passChecks'

/** The signed-in person's pass with a fresh token, or (代亮码) that of a family member they hold. */
export function getPass(memberId?: string): Promise<Pass> {
  return api.call({ path: '/pass', query: { memberId }, schema: PassSchema })
}

/** A scanned or typed token, checked by a worker or staff member. Never retried by itself: a check is recorded. */
export function verifyPass(token: string): Promise<PassCheck> {
  return api.call({ method: 'POST', path: '/pass/verify', body: { token: token.trim() }, schema: PassCheckSchema })
}

/** A person with no phone, found by the document they show. */
export function lookupPass(body: PassLookupBody): Promise<PassCheck> {
  return api.call({ method: 'POST', path: '/pass/lookup', body, schema: PassCheckSchema })
}

/** Who looked at this person's pass (or a family member's), newest first. */
export function listChecks(cursor?: string | null, memberId?: string): Promise<ListPage<PassCheckRecord>> {
  return api.call({ path: '/pass/checks', query: { memberId, cursor: cursor ?? undefined, limit: 20 }, schema: PassCheckListSchema })
}
