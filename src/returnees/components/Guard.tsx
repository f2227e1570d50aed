import { useGuardScreen, type Guarded } from '@/core/session/useGuardScreen'

export type { Guarded }

/**
 * A verified person, and for worker pages a community worker; otherwise the screen to show
 * instead (checking, an error with a retry, or who this page is for).
 */
export function useGuard(role?: 'worker'): Guarded {
  return useGuardScreen(
    role === 'worker'
      ? {
          allow: (user) => user.role === 'worker' && Boolean(user.communityId),
          denied: { title: '这个页面供社区工作人员使用', text: '如需登记自己的返沪信息，请回到首页进入“返沪人员登记”。' },
        }
      : {},
  )
}
