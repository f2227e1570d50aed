import {
  observationEndsOn,
  type DeclarationStatus,
  type DocType,
  type FlagReason,
  type RiskArea,
  type RiskLevel,
  type Symptom,
  type TransportMode,
} from '@/core/contract'
import { daysBetween, shanghaiDate } from '@/core/time/shanghai'
import type { Dict } from '../core/dict'
import { moduleHandle } from '../core/module'
import type { ReturneesStore } from './store'

/** The person a declaration is about, in full: only the owner's own views and no worker's ever show it unmasked. */
export interface StoredSubject {
  name: string
  docType: DocType
  docNumber: string
  phone?: string
}

export interface StoredNote {
  at: number
  text: string
  by: string
}

export interface StoredDeclaration {
  id: string
  subject: StoredSubject
  originRegion: string
  transport: { mode: TransportMode; number?: string }
  departureDate: string
  arrivalDate: string
  residence: { communityId: string; address: string }
  health: { temperature: number; symptoms: Symptom[]; contactWithCases: boolean }
  status: DeclarationStatus
  riskLevel: RiskLevel
  flagReasons: FlagReason[]
  createdAt: number
  createdBy: 'self' | 'worker' | 'family'
  /** The account that sent it (absent for seed data). */
  createdByAccount?: string
  /** Declared by a family account for this member of theirs (`createdBy: 'family'`). */
  memberId?: string
  releasedAt?: number
  releasedBy?: string
  notes: StoredNote[]
}

export interface StoredCheckin {
  id: string
  declarationId: string
  date: string
  temperature: number
  symptoms: Symptom[]
  at: number
  by: 'self' | 'worker' | 'family'
  byAccount?: string
  raisedFlag: boolean
}

/** The service's mutable state: plain JSON, persisted in embedded mode; every keyed store a Dict. */
export interface ReturneesState {
  seed: number
  counter: number
  declarations: Dict<StoredDeclaration>
  /** By declaration id, oldest first. */
  checkins: Dict<StoredCheckin[]>
}

/** The service's seed data: rebuilt from the seed, never stored. */
export interface ReturneesBase {
  riskAreas: RiskArea[]
}

export const returnees = moduleHandle<ReturneesState, ReturneesBase, ReturneesStore>('returnees')

/** A 32-bit integer hash (murmur3's finaliser): cheap enough to name a thousand seed records. */
function mix32(n: number): number {
  let h = n >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/**
 * The id of the `n`th declaration or check-in of a world. Scrambled, so an id does not say how
 * many people declared or who came next; the number's suffix keeps ids unique. Access is checked
 * on every call anyway.
 */
export function returneeId(seed: number, kind: 'rd' | 'rc', n: number): string {
  const scrambled = mix32(mix32(seed) ^ n)
    .toString(16)
    .padStart(8, '0')
  return `${kind}${scrambled}${n.toString(36)}`
}

/** The seed's ids, numbered in the memory state as it is built. */
export function nextReturneeId(state: ReturneesState, kind: 'rd' | 'rc'): string {
  state.counter += 1
  return returneeId(state.seed, kind, state.counter)
}

export function isOpen(d: StoredDeclaration): boolean {
  return d.status !== 'released'
}

export function daysLeft(d: StoredDeclaration, today: string): number {
  if (d.status === 'released') return 0
  return Math.max(0, daysBetween(today, observationEndsOn(d.arrivalDate)))
}

export function releasedOn(d: StoredDeclaration): string | null {
  return d.releasedAt === undefined ? null : shanghaiDate(d.releasedAt)
}
