import { moduleHandle } from '../core/module'
import type { FamilyState, FamilyStore } from './store'

export const family = moduleHandle<FamilyState, Record<string, never>, FamilyStore>('family')
