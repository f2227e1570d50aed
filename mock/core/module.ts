import type { AttentionItem, DocType, PassColor, PassReason } from '@/core/contract'
import type { MockClock } from './clock'
import type { Ctx, Route } from './router'
import type { Account, Db } from './state'
import type { RequestStores } from './storage'

/**
 * A service's part of the mock: its seed data (`base`, rebuilt from the seed, never stored), its
 * mutable state (kept in the db, persisted in embedded mode), its routes and its hooks.
 */
export interface ServiceModule<S = unknown, B = unknown> {
  name: string
  createBase(seed: number): B
  createState(seed: number, base: B, clock: MockClock): S
  /** The service's store over its memory state (a database storage brings its own, see mock/store). */
  memoryStore?(state: S): unknown
  /** Copies the seed's world (`createState`'s) into a database's stores, once, when it is empty. */
  seedStore?(stores: RequestStores, state: S): Promise<void>
  routes: Route[]
  /** What a login code means to this service (`staff:<outletId>`), or null. */
  resolveLoginCode?(code: string, ctx: Ctx): Partial<Account> | null
  /** What needs this person's attention in this service, for the home page. */
  attention?(ctx: Ctx, account: Account): AttentionItem[] | Promise<AttentionItem[]>
  /** What this service says of a document's pass (the returnees: its open declaration), or null for nothing. */
  passStanding?(ctx: Ctx, docType: DocType, docNumber: string): Promise<PassStanding | null>
  /** The names this service knows a document's holder by (a declaration's subject), for a lookup without a phone. */
  namesOfDocument?(ctx: Ctx, docType: DocType, docNumber: string): Promise<string[]>
  /** Where a checker of this service works, as a pass's checks list shows it (staff: their outlet), or null. */
  placeOf?(ctx: Ctx, account: Account): string | null
  /** A family membership by its id, whoever holds it, ended or not (the family service), or undefined. */
  familyMember?(ctx: Ctx, memberId: string): Promise<FamilyMemberRecord | undefined>
  /** The members an account still holds, oldest first (the family service). */
  familyMembersOf?(ctx: Ctx, ownerId: string): Promise<FamilyMemberRecord[]>
}

/** What the other services know of a family membership: who acts for which document. */
export interface FamilyMemberRecord {
  id: string
  ownerId: string
  name: string
  docType: DocType
  docNumber: string
  /** False once the owner removed the member or the member left: the owner can no longer act for them. */
  active: boolean
}

/** A service's word on a pass: a colour and why. The worst colour any service gives is the pass's. */
export interface PassStanding {
  color: PassColor
  reasons: PassReason[]
}

export interface ModuleHandle<S, B, St> {
  state(ctx: { db: Db }): S
  base(ctx: { env: { bases: Record<string, unknown> } }): B
  /** The service's store in this request's transaction. */
  store(ctx: { stores: RequestStores }): St
}

/** Typed access to one module's state, base and store from any handler. */
export function moduleHandle<S, B, St = never>(name: string): ModuleHandle<S, B, St> {
  return {
    state: (ctx) => ctx.db.services[name] as S,
    base: (ctx) => ctx.env.bases[name] as B,
    store: (ctx) => ctx.stores.service(name) as St,
  }
}

export type AnyModule = ServiceModule<unknown, unknown>

export function asAnyModule<S, B>(m: ServiceModule<S, B>): AnyModule {
  return m as unknown as AnyModule
}
