import Taro, { useReachBottom } from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { useState } from 'react'
import { messageOf } from '@/core/api'
import type { Reservation } from '@/core/contract/masks'
import { whoseLabel } from '@/core/family/members'
import { useFamilyMembers } from '@/core/family/useFamilyMembers'
import { usePaged } from '@/core/hooks/usePaged'
import { useReshow } from '@/core/hooks/useReshow'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { Banner, confirm, Screen, toast, Unbroken } from '@/core/ui'
import { cancelReservation, listMyReservations } from '../../api'
import { PagedFooter } from '../../components/PagedFooter'
import { ReservationCard } from '../../components/ReservationCard'
import { fmtWindow } from '../../format'
import { CHECKING_TEXT } from '../../guardTexts'
import { ROUND_PAGE } from '../../paths'
import '../../components/masks.scss'
import './index.scss'

export default function MinePage() {
  const guard = useGuardScreen({ checkingText: CHECKING_TEXT })
  if (!guard.ready) return guard.screen
  return <MyReservations />
}

function MyReservations() {
  const list = usePaged<Reservation>('mine', (cursor) => listMyReservations(cursor))
  const [cancelling, setCancelling] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const family = useFamilyMembers()
  // Own ones are marked only beside members' (or once the person has members): alone they need no word.
  const mixed = family.members.length > 0 || list.items.some((r) => r.memberId !== undefined)
  const whose = (r: Reservation) => (mixed ? whoseLabel(r.memberId, family.members) : undefined)

  // Coming back from the reserve page (or after a pickup) shows the latest states.
  useReshow(() => list.reload())
  useReachBottom(() => {
    if (list.hasMore) list.loadMore()
  })

  const cancel = async (r: Reservation) => {
    const forWhom = r.memberId === undefined ? '' : `为 ${whoseLabel(r.memberId, family.members)} `
    const question =
      r.state === 'entered'
        ? `放弃${forWhom}在「${r.outletName}」的抽签登记？放弃后本轮开放期间可以重新登记。`
        : `取消${forWhom}在「${r.outletName}」预约的 ${r.quantity} 个口罩？取消后口罩退回网点，取件码作废；本轮仍开放时可以重新预约。`
    if (!(await confirm(r.state === 'entered' ? '放弃登记' : '取消预约', question, '确定取消'))) return
    setCancelling(r.id)
    setProblem(null)
    try {
      const next = await cancelReservation(r.id)
      list.update((x) => x.id === r.id, next)
      toast(r.state === 'entered' ? '已放弃登记' : '已取消预约', 'success')
    } catch (e) {
      setProblem(`没能取消：${messageOf(e)}`)
      list.reload()
    } finally {
      setCancelling(null)
    }
  }

  const waiting = list.items.filter((r) => r.state === 'reserved')

  return (
    <Screen>
      {waiting.length > 0 ? (
        <Banner tone="success">
          <Unbroken
            text={`${waiting.some((r) => r.memberId !== undefined) ? '你和家人共有' : '你有'} ${waiting.reduce((n, r) => n + r.quantity, 0)} 个口罩待领取，请在 ${fmtWindow(waiting[0].pickupFrom, waiting[0].pickupUntil)} 到网点出示取件码。`}
          />
        </Banner>
      ) : null}
      {problem ? (
        <Banner tone="danger">
          <Text>{problem}</Text>
        </Banner>
      ) : null}

      {list.items.map((r) => (
        <ReservationCard key={r.id} r={r} whose={whose(r)} cancelling={cancelling === r.id} onCancel={(x) => void cancel(x)} />
      ))}

      <PagedFooter
        list={list}
        loadingTitle="正在加载你的预约…"
        loadingOnlyWhenEmpty
        errorTitle="预约没有加载出来"
        empty={{
          title: '你还没有口罩预约',
          text: '看看本轮口罩和附近网点，选好后就能预约。',
          actionText: '去预约',
          onAction: () => void Taro.navigateTo({ url: ROUND_PAGE }),
        }}
      />
    </Screen>
  )
}
