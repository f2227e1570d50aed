import { dictEnsure, dictEntries, dictGet, dictHas, dictSet, dictValues } from '../core/dict'
import type { Ctx } from '../core/router'
import { isOpen, returnees, type ReturneesState, type StoredCheckin, type StoredDeclaration } from './state'

/**
 * Everything the returnees rules read and write, so the rules are written once whatever keeps the
 * data. Rows come out as copies: a change reaches the store only through a save. The conditional
 * inserts hold their rule on their own, as a database's unique indexes would: one open
 * declaration a document, one check-in a declaration and day.
 */
export interface ReturneesStore {
  /** The next number for an id (ids are scrambled from it, see `returneeId`); never the same twice. */
  nextNumber(): Promise<number>
  /** Numbers up to `n` count as handed out (a copied world's). */
  advanceNumbers(n: number): Promise<void>

  declaration(id: string): Promise<StoredDeclaration | undefined>
  /** Every declaration about a document, in the order they were made. */
  declarationsOfDocument(docType: string, docNumber: string): Promise<StoredDeclaration[]>
  /** Every declaration of a community, in the order they were made. */
  declarationsOfCommunity(communityId: string): Promise<StoredDeclaration[]>
  /** A new declaration; false (and nothing kept) when the document already has an open one. */
  insertDeclaration(d: StoredDeclaration): Promise<boolean>
  saveDeclaration(d: StoredDeclaration): Promise<void>

  /** A declaration's check-ins, oldest first. */
  checkinsOf(declarationId: string): Promise<StoredCheckin[]>
  /** The check-in of `date` of each of these declarations that has one. */
  checkinsOn(declarationIds: readonly string[], date: string): Promise<Map<string, StoredCheckin>>
  /** A new check-in; false (and nothing kept) when its declaration has one that day already. */
  insertCheckin(c: StoredCheckin): Promise<boolean>
}

/** Declarations hold nested records (subject, health, notes): a copy must share none of them. */
function copy<T>(row: T): T {
  return JSON.parse(JSON.stringify(row)) as T
}

/** The store over the service's plain JSON state: what `npm run mock`, the tests and the embedded build keep. */
export function memoryReturneesStore(state: ReturneesState): ReturneesStore {
  const ofDocument = (docType: string, docNumber: string) =>
    dictValues(state.declarations).filter((d) => d.subject.docType === docType && d.subject.docNumber === docNumber)
  return {
    async nextNumber() {
      state.counter += 1
      return state.counter
    },

    async advanceNumbers(n) {
      state.counter = Math.max(state.counter, n)
    },

    async declaration(id) {
      const d = dictGet(state.declarations, id)
      return d && copy(d)
    },

    async declarationsOfDocument(docType, docNumber) {
      return ofDocument(docType, docNumber).map(copy)
    },

    async declarationsOfCommunity(communityId) {
      return dictValues(state.declarations)
        .filter((d) => d.residence.communityId === communityId)
        .map(copy)
    },

    async insertDeclaration(d) {
      if (isOpen(d) && ofDocument(d.subject.docType, d.subject.docNumber).some(isOpen)) return false
      if (dictHas(state.declarations, d.id)) throw new Error(`returnees store already has ${d.id}`)
      dictSet(state.declarations, d.id, copy(d))
      dictEnsure(state.checkins, d.id, () => [])
      return true
    },

    async saveDeclaration(d) {
      if (!dictHas(state.declarations, d.id)) throw new Error(`returnees store has no declaration ${d.id}`)
      dictSet(state.declarations, d.id, copy(d))
    },

    async checkinsOf(declarationId) {
      return (dictGet(state.checkins, declarationId) ?? []).map(copy)
    },

    async checkinsOn(declarationIds, date) {
      const found = new Map<string, StoredCheckin>()
      for (const id of declarationIds) {
        const c = (dictGet(state.checkins, id) ?? []).find((x) => x.date === date)
        if (c) found.set(id, copy(c))
      }
      return found
    },

    async insertCheckin(c) {
      if (!dictHas(state.declarations, c.declarationId)) throw new Error(`returnees store has no declaration ${c.declarationId}`)
      const list = dictEnsure(state.checkins, c.declarationId, () => [])
      if (list.some((x) => x.date === c.date)) return false
      list.push(copy(c))
      return true
    },
  }
}

/**
 * The seed's world (the memory state `createReturneesState` made) into another store, through the
 * same interface, so a database starts where `npm run mock` does: the same ids, the same history.
 */
export async function copyReturneesWorld(state: ReturneesState, store: ReturneesStore): Promise<void> {
  for (const d of dictValues(state.declarations)) {
    if (!(await store.insertDeclaration(d))) throw new Error(`the seed's declaration ${d.id} was refused`)
  }
  for (const [, list] of dictEntries(state.checkins)) {
    for (const c of list) if (!(await store.insertCheckin(c))) throw new Error(`the seed's check-in ${c.id} was refused`)
  }
  await store.advanceNumbers(state.counter)
}

/** The returnees store in this request's transaction. */
export function returneesStore(ctx: Ctx): ReturneesStore {
  return returnees.store(ctx)
}
