import { useGuardScreen, type Guarded } from '@/core/session/useGuardScreen'

export type { Guarded }

/** A verified person, or the screen to show meanwhile (checking, or an error with a retry). */
export function useMasksGuard(): Guarded {
  return useGuardScreen({ checkingText: '口罩预约需要实名认证，确认后自动继续。' })
}
