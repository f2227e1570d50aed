import { dictEnsure, dictGet, dictOf, dictSet, type Dict } from '../core/dict'

/** A look at a pass, kept for its holder's "who looked at my code" list. */
export interface StoredPassCheck {
  id: string
  docKey: string
  at: number
  by: 'worker' | 'staff'
  place: string
}

/**
 * The pass's records: each document's pass id (a random pseudonym the tokens carry), the checks
 * made of it, and the lookups each checker made, for their hourly limit.
 */
export interface PassStore {
  /** The document's pass id; `fresh()` makes one the first time (a unique insert on a database). */
  passIdOf(docKey: string, fresh: () => string): Promise<string>
  documentOfPass(passId: string): Promise<string | undefined>
  insertCheck(check: Omit<StoredPassCheck, 'id'>): Promise<StoredPassCheck>
  /** A document's checks, newest first (ties: the later id first). */
  checksOf(docKey: string): Promise<StoredPassCheck[]>
  /**
   * The times of a checker's lookups after `since`, oldest first. On a database the checker's
   * row is locked until the request ends, so two lookups at once cannot both take the last place.
   */
  lookupsSince(accountId: string, since: number): Promise<number[]>
  recordLookup(accountId: string, at: number): Promise<void>
}

export interface PassState {
  counter: number
  passIds: Dict<string>
  holders: Dict<string>
  checks: Dict<StoredPassCheck[]>
  lookups: Dict<number[]>
}

export function createPassState(): PassState {
  return { counter: 0, passIds: dictOf(), holders: dictOf(), checks: dictOf(), lookups: dictOf() }
}

export const checkId = (n: number) => `pc${String(n).padStart(8, '0')}`

export function memoryPassStore(state: PassState): PassStore {
  return {
    async passIdOf(docKey, fresh) {
      const held = dictGet(state.passIds, docKey)
      if (held) return held
      const id = fresh()
      dictSet(state.passIds, docKey, id)
      dictSet(state.holders, id, docKey)
      return id
    },
    async documentOfPass(passId) {
      return dictGet(state.holders, passId)
    },
    async insertCheck(check) {
      state.counter += 1
      const stored = { ...check, id: checkId(state.counter) }
      dictEnsure(state.checks, check.docKey, () => []).push(stored)
      return { ...stored }
    },
    async checksOf(docKey) {
      return [...(dictGet(state.checks, docKey) ?? [])].reverse().map((c) => ({ ...c }))
    },
    async lookupsSince(accountId, since) {
      const kept = (dictGet(state.lookups, accountId) ?? []).filter((at) => at > since)
      dictSet(state.lookups, accountId, kept)
      return [...kept]
    },
    async recordLookup(accountId, at) {
      dictEnsure(state.lookups, accountId, () => []).push(at)
    },
  }
}
