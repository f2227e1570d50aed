import type { ReactElement } from 'react'
import type { User } from '@/core/contract/masks'
import { useVerifiedUser } from '@/core/session/hooks'
import { Notice, Screen } from '@/core/ui'

export type Guarded = { ready: true; user: User } | { ready: false; screen: ReactElement }

/** A verified person, or the screen to show meanwhile (checking, or an error with a retry). */
export function useMasksGuard(): Guarded {
  const guard = useVerifiedUser()
  if (guard.status === 'checking') {
    return { ready: false, screen: <Screen><Notice title="正在确认你的身份…" text="口罩预约需要实名认证，确认后自动继续。" /></Screen> }
  }
  if (guard.status === 'error') {
    return {
      ready: false,
      screen: (
        <Screen>
          <Notice title="没能确认你的身份" text={`${guard.message}。请检查网络后点“重试”。`} actionText="重试" onAction={guard.retry} />
        </Screen>
      ),
    }
  }
  return { ready: true, user: guard.user }
}
