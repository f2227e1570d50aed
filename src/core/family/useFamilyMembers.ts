import { useDidHide, useDidShow } from '@tarojs/taro'
import { useRef } from 'react'
import { useRemote } from '../hooks/useRemote'
import type { FamilyMember } from '../contract/family'
import { listFamilyMembers } from './members'

/**
 * The person's family members for a "for whom" choice. While they load, or when they cannot be
 * loaded, the list is empty and the page works for the person themselves; `failed` lets it say so.
 * The list is read again whenever the page is shown after being hidden (a member added or removed
 * on 家人 meanwhile): keyed on the hide, not on "not the first show", because a part mounted behind
 * the sign-in check never sees the page's first show.
 */
export function useFamilyMembers(): { members: FamilyMember[]; loaded: boolean; failed: boolean; reload: () => Promise<void> } {
  const remote = useRemote(listFamilyMembers, [])
  const hidden = useRef(false)
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (!hidden.current) return
    hidden.current = false
    void remote.reload()
  })
  return {
    members: remote.data ?? [],
    loaded: remote.status === 'ready',
    failed: remote.status === 'error',
    reload: remote.reload,
  }
}
