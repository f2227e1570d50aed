import { Text, View } from '@tarojs/components'
import type { Reservation } from '@/core/contract/masks'
import { ActionButton, StatusTag, Unbroken } from '@/core/ui'
import { fmtDateTime, fmtPickupCode, fmtWindow, reservationStateWords } from '../format'
import { PickupQr } from './PickupQr'

/** What each state means for the person, in one sentence. */
function explain(r: Reservation): string {
  switch (r.state) {
    case 'entered':
      return r.drawAt ? `${fmtDateTime(r.drawAt)} 抽签，结果会显示在这里。` : '截止后统一抽签，结果会显示在这里。'
    case 'reserved':
      return '请在领取时间内到网点出示取件码或二维码，由工作人员核对后发放。'
    case 'lost':
      return '这一轮没有抽中。抽签种子和名单已公布，可在本轮页面核对；请留意下一轮。'
    case 'picked_up':
      return '口罩已领取。'
    case 'cancelled':
      return '你已取消这条预约，口罩已退回网点。本轮仍开放时可以重新预约。'
    case 'expired':
      return '领取时间已过，预约已失效，口罩已退回网点。'
  }
}

export function ReservationCard({
  r,
  whose,
  onCancel,
  cancelling,
}: {
  r: Reservation
  /** Whose it is, in words ("王秀英（父母）", "本人"), when the list may hold more than the person's own. */
  whose?: string
  onCancel: (r: Reservation) => void
  cancelling: boolean
}) {
  const words = reservationStateWords(r)
  const cancellable = r.state === 'reserved' || r.state === 'entered'
  return (
    <View className={`card masks-mine ${r.state === 'reserved' ? 'masks-mine--active' : ''}`}>
      <View className="masks-mine__head">
        <StatusTag tone={words.tone}>{words.label}</StatusTag>
        <Unbroken className="masks-mine__when" text={`${r.allocation === 'lottery' ? '登记' : '预约'}于 ${fmtDateTime(r.createdAt)}`} />
      </View>
      {whose ? (
        <Text className={`masks-mine__whose ${r.memberId === undefined ? '' : 'masks-mine__whose--member'}`}>
          {r.memberId === undefined
            ? `${whose}${r.allocation === 'lottery' ? '登记' : '预约'}`
            : `为 ${whose} ${r.allocation === 'lottery' ? '登记' : '预约'}`}
        </Text>
      ) : null}
      <Text className="masks-mine__outlet">{r.outletName}</Text>
      <Text className="masks-mine__line">{r.quantity} 个口罩</Text>
      {r.state === 'reserved' && r.pickupCode ? (
        <View className="masks-mine__code-box">
          <Text className="masks-mine__code-label">取件码</Text>
          <Text className="masks-mine__code" aria-label={`取件码 ${r.pickupCode}`}>
            {fmtPickupCode(r.pickupCode)}
          </Text>
          <PickupQr code={r.pickupCode} />
        </View>
      ) : null}
      <Unbroken className="masks-mine__explain" text={explain(r)} />
      {r.state === 'reserved' || r.state === 'entered' || r.state === 'picked_up' ? (
        <View className="masks-mine__facts">
          <View className="masks-mine__fact">
            <Text className="text-muted">领取时间</Text>
            <Unbroken text={fmtWindow(r.pickupFrom, r.pickupUntil)} />
          </View>
          {r.outletAddress ? (
            <View className="masks-mine__fact">
              <Text className="text-muted">网点地址</Text>
              <Text className="masks-mine__fact-value">{r.outletAddress}</Text>
            </View>
          ) : null}
          {r.outletHours ? (
            <View className="masks-mine__fact">
              <Text className="text-muted">营业时间</Text>
              <Text>{r.outletHours}</Text>
            </View>
          ) : null}
          {r.holder ? (
            <View className="masks-mine__fact">
              <Text className="text-muted">领取人</Text>
              <Text>
                {r.holder.name}（{r.holder.docNumberMasked}）
              </Text>
            </View>
          ) : null}
        </View>
      ) : null}
      {cancellable ? (
        <ActionButton kind="danger" small loading={cancelling} onClick={() => onCancel(r)} className="masks-mine__cancel">
          {r.state === 'entered' ? '放弃这次登记' : '取消预约'}
        </ActionButton>
      ) : null}
    </View>
  )
}
