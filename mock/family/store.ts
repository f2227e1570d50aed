import type { DocType, Relation } from '@/core/contract'
import { dictGet, dictOf, dictSet, dictValues, type Dict } from '../core/dict'
import { documentKey } from '../core/state'

/**
 * A membership: one account acting for one document. It is never deleted: an ended one keeps who
 * ended it, because a member who left may not be added back by that account.
 */
export interface StoredMember {
  id: string
  ownerId: string
  name: string
  docType: DocType
  docNumber: string
  relation: Relation
  createdAt: number
  endedAt?: number
  /** `owner` removed the member; `member` left on their own (BINDING_REFUSED from then on). */
  endedBy?: 'owner' | 'member'
}

export const isActive = (m: StoredMember): boolean => m.endedAt === undefined
export const memberDocKey = (m: StoredMember): string => documentKey(m.docType, m.docNumber)

/** Oldest first, ties by id: the order of `GET /family/members` and of the bindings. */
export function oldestFirst(a: StoredMember, b: StoredMember): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

export interface FamilyStore {
  /**
   * Makes the adds for this account, and of this document, take turns until the request ends (on a
   * database: an advisory lock each, account first), so two at once cannot both take a last place.
   * Reads need no lock; memory runs one request at a time anyway.
   */
  lockForAdd(ownerId: string, docKey: string): Promise<void>
  /** Every membership an account made, ended ones too, oldest first. */
  membersOfAccount(ownerId: string): Promise<StoredMember[]>
  /** Every membership of a document, ended ones too, oldest first. */
  membershipsOfDocument(docKey: string): Promise<StoredMember[]>
  member(id: string): Promise<StoredMember | undefined>
  insertMember(member: StoredMember): Promise<void>
  saveMember(member: StoredMember): Promise<void>
}

export interface FamilyState {
  members: Dict<StoredMember>
}

export function createFamilyState(): FamilyState {
  return { members: dictOf() }
}

export function memoryFamilyStore(state: FamilyState): FamilyStore {
  const all = () => dictValues(state.members).map((m) => ({ ...m }))
  return {
    async lockForAdd() {},
    async membersOfAccount(ownerId) {
      return all()
        .filter((m) => m.ownerId === ownerId)
        .sort(oldestFirst)
    },
    async membershipsOfDocument(docKey) {
      return all()
        .filter((m) => memberDocKey(m) === docKey)
        .sort(oldestFirst)
    },
    async member(id) {
      const m = dictGet(state.members, id)
      return m && { ...m }
    },
    async insertMember(member) {
      dictSet(state.members, member.id, { ...member })
    },
    async saveMember(member) {
      dictSet(state.members, member.id, { ...member })
    },
  }
}
