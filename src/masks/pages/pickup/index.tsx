import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ApiError, messageOf } from '@/core/api'
import { PICKUP_CODE_LENGTH, TEXT_LIMITS, normalizePickupCode, type Reservation } from '@/core/contract/masks'
import { useAttemptKey } from '@/core/hooks/useAttemptKey'
import { useRemote } from '@/core/hooks/useRemote'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { ActionButton, Banner, Card, Screen, StatusTag, SubmitNote, TextField, Unbroken } from '@/core/ui'
import { getOutlet, pickUp } from '../../api'
import { fmtPickupCode, fmtWindow } from '../../format'
import { CHECKING_TEXT, STAFF_DENIED } from '../../guardTexts'
import '../../components/masks.scss'
import './index.scss'

/** Why a code is refused, as a heading the staff can say to the person in front of them. */
const REFUSALS: Record<string, string> = {
  NOT_FOUND: '没有这个取件码',
  WRONG_OUTLET: '不是本网点的取件码',
  RESERVATION_CANCELLED: '这条预约已取消',
  ALREADY_PICKED_UP: '这个取件码已经领过了',
  RESERVATION_EXPIRED: '已过领取期限',
  PICKUP_NOT_STARTED: '还没到领取时间',
}

/** `error` is a failed try (the code stays, a tap again is safe); `scan-error` a scan that read nothing. */
type Outcome =
  | { kind: 'done'; r: Reservation }
  | { kind: 'refused'; title: string; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'scan-error'; message: string }

export default function PickupPage() {
  const guard = useGuardScreen({ role: 'staff', checkingText: CHECKING_TEXT, denied: STAFF_DENIED })
  if (!guard.ready) return guard.screen
  return <Counter outletId={guard.user.outletId} />
}

function Counter({ outletId }: { outletId: string }) {
  const outlet = useRemote(() => getOutlet(outletId), [outletId])
  const [code, setCode] = useState('')
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [working, setWorking] = useState(false)
  // One key per code: a retry after a timeout answers "handed over", not "already picked up".
  const attempt = useAttemptKey()

  const verify = async (raw: string) => {
    const value = normalizePickupCode(raw)
    if (!/^\d+$/.test(value) || value.length !== PICKUP_CODE_LENGTH) {
      setFieldError(value ? `取件码是 ${PICKUP_CODE_LENGTH} 位数字，请核对` : '请输入或扫描取件码')
      return
    }
    if (working) return
    const key = attempt.keyFor(value)
    setWorking(true)
    setOutcome(null)
    try {
      const r = await pickUp(value, key)
      setOutcome({ kind: 'done', r })
      setCode('')
      attempt.drop()
    } catch (e) {
      if (e instanceof ApiError && REFUSALS[e.code]) {
        setOutcome({ kind: 'refused', title: REFUSALS[e.code], message: e.message })
        attempt.drop()
      } else if (e instanceof ApiError && e.fields.pickupCode) {
        setFieldError(e.fields.pickupCode)
      } else {
        setOutcome({ kind: 'error', message: `${messageOf(e)}。取件码还在，可以再点一次“核销”，不会重复核销。` })
      }
    } finally {
      setWorking(false)
    }
  }

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] })
      const scanned = normalizePickupCode(res.result ?? '')
      setCode(scanned)
      setFieldError(null)
      await verify(scanned)
    } catch {
      setOutcome({ kind: 'scan-error', message: '没有扫到取件码，可以再扫一次，或直接输入 8 位数字。' })
    }
  }

  return (
    <Screen
      footer={
        <>
          <SubmitNote tone="warning" text={outcome?.kind === 'error' ? outcome.message : null} />
          <ActionButton loading={working} onClick={() => void verify(code)}>
            核销取件码
          </ActionButton>
        </>
      }
    >
      <Card>
        <Text className="text-caption">本网点</Text>
        <Text className="masks-pickup__outlet">{outlet.data?.name ?? outletId}</Text>
      </Card>

      {outcome?.kind === 'done' ? (
        <Card className="masks-pickup__ok">
          <View className="row">
            <Text className="masks-pickup__ok-title">核销成功，请发放</Text>
            <StatusTag tone="success">已领取</StatusTag>
          </View>
          <Text className="masks-pickup__quantity">{outcome.r.quantity} 个口罩</Text>
          {outcome.r.holder ? (
            <Text className="masks-pickup__line">
              领取人：{outcome.r.holder.name}（{outcome.r.holder.docNumberMasked}），请核对证件后发放。
            </Text>
          ) : null}
          {outcome.r.pickupCode ? <Text className="masks-pickup__line">取件码 {fmtPickupCode(outcome.r.pickupCode)}</Text> : null}
          <Unbroken className="masks-pickup__line" text={`领取时间 ${fmtWindow(outcome.r.pickupFrom, outcome.r.pickupUntil)}`} />
        </Card>
      ) : null}
      {outcome?.kind === 'refused' ? (
        <Banner tone="danger">
          <Text className="masks-pickup__refused-title">不能发放：{outcome.title}</Text>
          <Text className="masks-pickup__line">{outcome.message}</Text>
        </Banner>
      ) : null}

      <Card title="市民的取件码">
        <ActionButton kind="secondary" onClick={() => void scan()}>
          扫描市民的二维码
        </ActionButton>
        <SubmitNote tone="warning" text={outcome?.kind === 'scan-error' ? outcome.message : null} />
        <TextField
          label="或输入取件码"
          name="pickupCode"
          type="number"
          maxLength={TEXT_LIMITS.pickupCode}
          value={code}
          placeholder="8 位数字"
          error={fieldError ?? undefined}
          onChange={(value) => {
            setCode(value)
            setFieldError(null)
          }}
        />
        <Text className="text-caption">核销后即视为已领取，同一取件码只能核销一次。</Text>
      </Card>
    </Screen>
  )
}
