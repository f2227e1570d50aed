import Taro from '@tarojs/taro'
import type { ReactElement } from 'react'
import type { User } from '../contract/core'
import { Notice, Screen } from '../ui'
import { HOME_PAGE, useVerifiedUser } from './hooks'

export type Guarded = { ready: true; user: User } | { ready: false; screen: ReactElement }

export interface GuardScreens {
  /** Under "正在确认你的身份…": why this page needs it. */
  checkingText?: string
  /** Who else may use the page (a role); everyone verified when absent. */
  allow?: (user: User) => boolean
  /** What someone not allowed reads, with a way back home. */
  denied?: { title: string; text: string }
}

/**
 * `useVerifiedUser` with the screens every guarded page shows meanwhile: checking, an error with a
 * retry, and (for role pages) who the page is for.
 */
export function useGuardScreen({ checkingText, allow, denied }: GuardScreens = {}): Guarded {
  const guard = useVerifiedUser()
  if (guard.status === 'checking') {
    return {
      ready: false,
      screen: (
        <Screen>
          <Notice title="正在确认你的身份…" text={checkingText} />
        </Screen>
      ),
    }
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
  if (allow && !allow(guard.user)) {
    return {
      ready: false,
      screen: (
        <Screen>
          <Notice
            title={denied?.title ?? '这个页面不对你的账号开放'}
            text={denied?.text}
            actionText="回到首页"
            onAction={() => void Taro.switchTab({ url: HOME_PAGE })}
          />
        </Screen>
      ),
    }
  }
  return { ready: true, user: guard.user }
}
