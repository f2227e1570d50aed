import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ApiError, failureNote } from '@/core/api'
import { FAMILY_MEMBERS_PER_ACCOUNT, RELATION_LABELS, type FamilyBinding, type FamilyMember } from '@/core/contract/family'
import { useRemote } from '@/core/hooks/useRemote'
import { useReshow } from '@/core/hooks/useReshow'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { ActionButton, Card, Notice, Screen, StatusTag, SubmitNote, Unbroken, confirm, toast } from '@/core/ui'
import { leaveBinding, listBindings, listFamilyMembers, removeMember } from '../../api'
import { dayText, documentText } from '../../format'
import { FAMILY_CHECKING_TEXT } from '../../guardTexts'
import { ADD_PAGE } from '../../paths'
import './index.scss'

const PURPOSE = '家里的老人或孩子没有手机、不会用手机时，可以把他们添加为家人，由你代他们亮码、预约口罩、返沪登记与打卡。'
const LIMIT_TEXT = `每个账号最多添加 ${FAMILY_MEMBERS_PER_ACCOUNT} 位家人。如需添加新的家人，请先移除一位。`

/** What removing a member ends and what it keeps: said before, in the person's own words. */
export function removeQuestion(m: Pick<FamilyMember, 'name'>): string {
  return `移除后，你不能再为${m.name}亮码、预约口罩或登记打卡；已经办理的预约和登记不会取消，仍然有效。`
}

export function leaveQuestion(b: Pick<FamilyBinding, 'holderNameMasked'>): string {
  return `解除后，${b.holderNameMasked}的账号不能再为你亮码、预约口罩或登记打卡，以后也不能再把你添加为家人；已经办理的预约和登记仍然有效。`
}

/** A 404 on a delete: another phone or an earlier tap already ended it, which is what was asked. */
const alreadyEnded = (e: unknown) => e instanceof ApiError && e.status === 404

/** One id's failed action, said under its own row (a toast is gone before an older eye finds it). */
type RowNote = { id: string; text: string } | null

function MemberRow({ member, busy, note, onRemove }: { member: FamilyMember; busy: boolean; note: string | null; onRemove: () => void }) {
  return (
    <View className="list-item family-members__item">
      <View className="family-members__head">
        <Text className="family-members__name">{member.name}</Text>
        <StatusTag tone="info">{RELATION_LABELS[member.relation]}</StatusTag>
      </View>
      <Unbroken className="family-members__doc" text={documentText(member)} />
      <Unbroken className="family-members__since" text={`${dayText(member.createdAt)}添加`} />
      <SubmitNote text={note} />
      <View className="family-members__actions">
        <ActionButton kind="danger" small loading={busy} onClick={onRemove}>
          移除
        </ActionButton>
      </View>
    </View>
  )
}

function BindingRow({ binding, busy, note, onLeave }: { binding: FamilyBinding; busy: boolean; note: string | null; onLeave: () => void }) {
  return (
    <View className="list-item family-members__item">
      <Text className="family-members__name">{binding.holderNameMasked}</Text>
      <Text className="family-members__doc">{`对方添加你为：${RELATION_LABELS[binding.relation]}`}</Text>
      <Unbroken className="family-members__since" text={`${dayText(binding.since)}起`} />
      <SubmitNote text={note} />
      <View className="family-members__actions">
        <ActionButton kind="danger" small loading={busy} onClick={onLeave}>
          解除
        </ActionButton>
      </View>
    </View>
  )
}

export default function FamilyMembersPage() {
  const guard = useGuardScreen({ checkingText: FAMILY_CHECKING_TEXT })
  // Null until the guard lets the person in: nothing is asked of the server before that.
  const members = useRemote(async () => (guard.ready ? listFamilyMembers() : null), [guard.ready])
  const bindings = useRemote(async () => (guard.ready ? listBindings() : null), [guard.ready])
  // Ended here: hidden at once, whatever the reload that follows answers (or fails to).
  const [ended, setEnded] = useState<ReadonlySet<string>>(new Set())
  const [busy, setBusy] = useState<string | null>(null)
  const [rowNote, setRowNote] = useState<RowNote>(null)

  // Back from 添加家人 (or anywhere a member may have changed): read both lists again. Here in the
  // page, not below the guard: a part mounted after the first show would take the first return
  // for that first show and reload nothing.
  useReshow(() => {
    if (!guard.ready) return
    void members.reload()
    void bindings.reload()
  })

  const end = async (id: string, ask: { title: string; text: string; yes: string }, call: () => Promise<unknown>, done: string) => {
    if (busy) return
    if (!(await confirm(ask.title, ask.text, ask.yes))) return
    setBusy(id)
    setRowNote(null)
    try {
      await call()
      setEnded((prev) => new Set(prev).add(id))
      toast(done, 'success')
    } catch (e) {
      if (alreadyEnded(e)) {
        setEnded((prev) => new Set(prev).add(id))
        toast(done, 'success')
      } else {
        setRowNote({ id, text: failureNote(e, '可以再点一次') })
      }
    } finally {
      setBusy(null)
    }
  }

  const remove = (m: FamilyMember) =>
    end(m.id, { title: '移除家人', text: removeQuestion(m), yes: '移除' }, () => removeMember(m.id), '已移除')
  const leave = (b: FamilyBinding) =>
    end(b.id, { title: '解除家人关系', text: leaveQuestion(b), yes: '解除' }, () => leaveBinding(b.id), '已解除')

  if (!guard.ready) return guard.screen

  const noteFor = (id: string) => (rowNote?.id === id ? rowNote.text : null)
  const list = (members.data ?? []).filter((m) => !ended.has(m.id))
  const holders = (bindings.data ?? []).filter((b) => !ended.has(b.id))
  const full = list.length >= FAMILY_MEMBERS_PER_ACCOUNT

  let content
  if (members.status === 'error') {
    content = (
      <Notice
        title="家人列表没有加载出来"
        text={`${members.message}。请检查网络后重试。`}
        actionText="重新加载"
        onAction={() => void members.reload()}
      />
    )
  } else if (!members.data) {
    content = <Notice title="正在加载…" text="稍等片刻，马上就好。" />
  } else if (list.length === 0) {
    content = <Notice title="还没有添加家人" text={`${PURPOSE}最多可以添加 ${FAMILY_MEMBERS_PER_ACCOUNT} 位。`} />
  } else {
    content = (
      <Card title="我的家人" extra={`${list.length}/${FAMILY_MEMBERS_PER_ACCOUNT} 位`}>
        {members.status === 'ready' && members.reloadError ? (
          <Text className="family-members__stale">刷新失败：{members.reloadError}。下面是上次加载的列表。</Text>
        ) : null}
        {list.map((m) => (
          <MemberRow key={m.id} member={m} busy={busy === m.id} note={noteFor(m.id)} onRemove={() => void remove(m)} />
        ))}
      </Card>
    )
  }

  return (
    <Screen
      footer={
        members.data ? (
          <>
            {full ? <SubmitNote tone="warning" text={LIMIT_TEXT} /> : null}
            <ActionButton disabled={full} onClick={() => void Taro.navigateTo({ url: ADD_PAGE })}>
              添加家人
            </ActionButton>
          </>
        ) : undefined
      }
    >
      {list.length > 0 ? <Text className="family-members__intro">你可以为下面的家人代亮码、预约口罩、返沪登记与打卡。</Text> : null}
      {content}
      {holders.length > 0 ? (
        <Card title="谁把我添加为家人">
          <Text className="family-members__explain">
            这些账号可以为你亮码、预约口罩、返沪登记与打卡。不认识的，或不再需要的，可以解除。
          </Text>
          {holders.map((b) => (
            <BindingRow key={b.id} binding={b} busy={busy === b.id} note={noteFor(b.id)} onLeave={() => void leave(b)} />
          ))}
        </Card>
      ) : null}
      {bindings.status === 'error' ? (
        <Notice
          title="“谁把我添加为家人”没有加载出来"
          text={`${bindings.message}。请检查网络后重试。`}
          actionText="重新加载"
          onAction={() => void bindings.reload()}
        />
      ) : null}
      <Text className="text-caption family-members__privacy">家人的证件号码只显示打码后的号码，不会出现在链接里。</Text>
    </Screen>
  )
}
