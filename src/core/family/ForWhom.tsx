import { Text } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import type { FamilyMember } from '../contract/family'
import { ActionButton, Banner, Card } from '../ui'
import { MemberSwitch } from './MemberSwitch'

/** The family list as a "for whom" choice needs it (`useFamilyMembers`' answer fits). */
export interface MemberList {
  members: readonly FamilyMember[]
  loaded: boolean
  failed: boolean
  reload: () => void | Promise<void>
}

export interface ChosenMember {
  /** The chosen member, when the list holds them; undefined for the person themselves. */
  chosen: FamilyMember | undefined
  /** A member id whose member is not in hand (the list loading or failed): whom it is for is unknown. */
  whoUnknown: boolean
  /** The member chosen before is no longer on the list (removed meanwhile): said once, then 我本人. */
  gone: boolean
  /** Stops saying so: the person has chosen again. */
  dismissGone: () => void
}

/**
 * The member a form is for, from its draft's `memberId`. Only a list that answered can say the
 * member is gone; then `forget` takes the id out of the draft and the form is for the person.
 */
export function useChosenMember(
  list: Pick<MemberList, 'members' | 'loaded'>,
  chosenId: string | undefined,
  forget: () => void,
): ChosenMember {
  const [gone, setGone] = useState(false)
  const forgetRef = useRef(forget)
  forgetRef.current = forget
  const chosen = chosenId === undefined ? undefined : list.members.find((m) => m.id === chosenId)
  const missing = list.loaded && chosenId !== undefined && !chosen
  useEffect(() => {
    if (!missing) return
    forgetRef.current()
    setGone(true)
  }, [missing])
  return { chosen, whoUnknown: chosenId !== undefined && !chosen, gone, dismissGone: () => setGone(false) }
}

/**
 * 为谁{verb}: the switch, and what the page cannot know yet about whom it is for (the member
 * removed, the list loading or not loaded), each said in words.
 */
export function ForWhom({
  verb,
  list,
  chosenId,
  who,
  onChange,
}: {
  /** "预约", "登记": what is done for the person chosen. */
  verb: string
  list: MemberList
  chosenId: string | undefined
  who: ChosenMember
  onChange: (memberId: string | undefined) => void
}) {
  return (
    <>
      {list.members.length > 0 ? (
        <Card>
          <MemberSwitch label={`为谁${verb}`} members={list.members} value={chosenId} onChange={onChange} />
        </Card>
      ) : null}
      {who.gone ? (
        <Banner tone="warning">
          <Text>你之前选的家人已不在家人名单里，现在是为你本人{verb}。</Text>
        </Banner>
      ) : null}
      {list.failed ? (
        <Banner tone={who.whoUnknown ? 'warning' : 'info'}>
          <Text>{who.whoUnknown ? `家人名单没有加载出来，还不能确定为谁${verb}。` : `家人名单没有加载出来，现在是为你本人${verb}。`}</Text>
          <ActionButton kind="text" onClick={() => void list.reload()}>
            重新加载家人名单
          </ActionButton>
        </Banner>
      ) : who.whoUnknown ? (
        <Banner tone="info">
          <Text>正在加载家人名单…</Text>
        </Banner>
      ) : null}
    </>
  )
}
