import { moduleHandle } from '../core/module'
import type { PassState, PassStore } from './store'

export const pass = moduleHandle<PassState, Record<string, never>, PassStore>('pass')
