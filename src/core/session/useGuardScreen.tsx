import Taro from '@tarojs/taro'
import type { ReactElement } from 'react'
import type { User } from '../contract/core'
import { Notice, Screen } from '../ui'
import { HOME_PAGE, useVerifiedUser } from './hooks'

/**
 * The roles a page may be kept for; a page without one is for everyone verified. `checker` is
 * whoever checks passes at a door: a community worker or outlet staff.
 */
export type GuardRole = 'worker' | 'staff' | 'checker'

/** A community worker, with the community the server gave them. */
export type WorkerUser = User & { role: 'worker'; communityId: string }
/** Outlet staff, with the outlet the server gave them. */
export type StaffUser = User & { role: 'staff'; outletId: string }

/** The person a page gets once the guard has let them in. */
export type GuardedUser<R extends GuardRole | undefined> = R extends 'worker'
  ? WorkerUser
  : R extends 'staff'
    ? StaffUser
    : R extends 'checker'
      ? WorkerUser | StaffUser
      : User

export type Guarded<U extends User = User> = { ready: true; user: U } | { ready: false; screen: ReactElement }

export interface GuardScreens<R extends GuardRole | undefined = undefined> {
  /** Whom the page is for besides being verified; everyone verified when absent. */
  role?: R
  /** Under "正在确认你的身份…": why this page needs it. */
  checkingText?: string
  /** What someone without the role reads, with a way back home. */
  denied?: { title: string; text: string }
}

// A role is held only with what its pages act on: a worker without a community or staff without
// an outlet could open the page but do nothing on it.
const HOLDS: Record<GuardRole, (user: User) => boolean> = {
  worker: (user) => user.role === 'worker' && Boolean(user.communityId),
  staff: (user) => user.role === 'staff' && Boolean(user.outletId),
  checker: (user) => HOLDS.worker(user) || HOLDS.staff(user),
}

/**
 * The one guard every service page calls: `useVerifiedUser` with the screens shown meanwhile
 * (checking, an error with a retry) and, for a role's page, who the page is for. The person it
 * hands back carries what the role needs (`useGuardScreen({ role: 'staff' })` gives an `outletId`).
 */
export function useGuardScreen<R extends GuardRole | undefined = undefined>({ role, checkingText, denied }: GuardScreens<R> = {}): Guarded<
  GuardedUser<R>
> {
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
  if (role === undefined || HOLDS[role](guard.user)) {
    // HOLDS has just checked what GuardedUser<R> adds; TypeScript cannot follow a check into a conditional type.
    return { ready: true, user: guard.user as GuardedUser<R> }
  }
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
