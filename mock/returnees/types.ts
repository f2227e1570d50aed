import type { DeclarationStatus, DocType, FlagReason, RiskArea, RiskLevel, Symptom, TransportMode } from '@/core/contract'

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

/** Mutable, plain JSON (embedded mode persists it). */
export interface ReturneesState {
  seed: number
  counter: number
  declarations: Record<string, StoredDeclaration>
  /** By declaration id, oldest first. */
  checkins: Record<string, StoredCheckin[]>
}

/** Rebuilt from the seed, never stored. */
export interface ReturneesBase {
  riskAreas: RiskArea[]
}
