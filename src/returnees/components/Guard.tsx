import Taro from '@tarojs/taro'
import type { ReactElement } from 'react'
import type { User } from '@/core/contract/returnees'
import { HOME_PAGE, useVerifiedUser } from '@/core/session/hooks'
import { Notice, Screen } from '@/core/ui'

export type Guarded = { ready: true; user: User } | { ready: false; screen: ReactElement }

/**
 * A verified person, and for worker pages a community worker; otherwise the screen to show
 * instead (checking, an error with a retry, or who this page is for).
 */
export function useGuard(role?: 'worker'): Guarded {
  const guard = useVerifiedUser()
  if (guard.status === 'checking') {
    return { ready: false, screen: <Screen><Notice title="正在确认你的身份…" /></Screen> }
  }
  if (guard.status === 'error') {
    return {
      ready: false,
      screen: (
        <Screen>
          <Notice title="没能确认你的身份" text={`${guard.message}。请检查网络后重试。`} actionText="重试" onAction={guard.retry} />
        </Screen>
      ),
    }
  }
  if (role === 'worker' && (guard.user.role !== 'worker' || !guard.user.communityId)) {
    return {
      ready: false,
      screen: (
        <Screen>
          <Notice
            title="这个页面供社区工作人员使用"
            text="如需登记自己的返沪信息，请回到首页进入“返沪人员登记”。"
            actionText="回到首页"
            onAction={() => void Taro.switchTab({ url: HOME_PAGE })}
          />
        </Screen>
      ),
    }
  }
  return { ready: true, user: guard.user }
}
