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
import { dictGet, dictValues, type Dict } from '../core/dict'
import { moduleHandle } from '../core/module'

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
  createdBy: 'self' | 'worker'
  /** The account that sent it (absent for seed data). */
  createdByAccount?: string
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
  by: 'self' | 'worker'
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

export const returnees = moduleHandle<ReturneesState, ReturneesBase>('returnees')

/** A 32-bit integer hash (murmur3's finaliser): cheap enough to name a thousand seed records. */
function mix32(n: number): number {
  let h = n >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

export function nextReturneeId(state: ReturneesState, kind: 'rd' | 'rc'): string {
  state.counter += 1
  // Scrambled, so an id does not say how many people declared or who came next; the counter
  // suffix keeps ids unique. Access is checked on every call anyway.
  const scrambled = mix32(mix32(state.seed) ^ state.counter)
    .toString(16)
    .padStart(8, '0')
  return `${kind}${scrambled}${state.counter.toString(36)}`
}

export function isOpen(d: StoredDeclaration): boolean {
  return d.status !== 'released'
}

export function checkinsOf(state: ReturneesState, id: string): StoredCheckin[] {
  return dictGet(state.checkins, id) ?? []
}

export function checkedInOn(state: ReturneesState, id: string, date: string): boolean {
  return checkinsOf(state, id).some((c) => c.date === date)
}

/** Every declaration whose residence is in `communityId`: what its workers see. */
export function communityDeclarations(state: ReturneesState, communityId: string): StoredDeclaration[] {
  return dictValues(state.declarations).filter((d) => d.residence.communityId === communityId)
}

export function daysLeft(d: StoredDeclaration, today: string): number {
  if (d.status === 'released') return 0
  return Math.max(0, daysBetween(today, observationEndsOn(d.arrivalDate)))
}

export function releasedOn(d: StoredDeclaration): string | null {
  return d.releasedAt === undefined ? null : shanghaiDate(d.releasedAt)
}
