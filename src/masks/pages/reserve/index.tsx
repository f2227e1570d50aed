import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { ApiError, newIdempotencyKey } from '@/core/api'
import { LIVE_STATES, type Outlet, type Reservation, type Round } from '@/core/contract/masks'
import { ForWhom, useChosenMember } from '@/core/family/ForWhom'
import { memberLabel } from '@/core/family/members'
import { useFamilyMembers } from '@/core/family/useFamilyMembers'
import { useRemote } from '@/core/hooks/useRemote'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { parseIso } from '@/core/time/shanghai'
import { useDraft } from '@/core/storage/drafts'
import { ActionButton, Banner, Card, confirm, Field, Notice, Screen, SubmitNote, toast, Unbroken } from '@/core/ui'
import { getCurrentRound, getOutlet, listMyReservations, reserve } from '../../api'
import { Stepper } from '../../components/Stepper'
import { StockLine } from '../../components/StockLine'
import { fmtDateTime, fmtWindow } from '../../format'
import { CHECKING_TEXT } from '../../guardTexts'
import { problemOf, type NextStep, type Problem } from '../../problems'
import { MINE_PAGE, OUTLETS_PAGE, ROUND_PAGE } from '../../paths'
import '../../components/masks.scss'
import './index.scss'

interface Attempt {
  key: string
  roundId: string
  outletId: string
  quantity: number
  /** Whom the attempt was for: another person is another body, so it needs another key. */
  memberId?: string
}

/** The person's choice, kept until the server confirms; `attempt` carries one key per attempt. */
export interface ReserveDraft {
  outletId: string
  quantity: number
  /** The family member it is for; absent: the person themselves. */
  memberId?: string
  attempt: Attempt | null
}

export const RESERVE_DRAFT = 'masks:reserve'

interface Loaded {
  round: Round
  offsetMs: number
  outlet: Outlet
  /** The live reservations and entries of this round in the person's list: their own and their members'. */
  live: Reservation[]
}

/** Where a refusal sends the person next; a retry needs no link, only the button again. */
const WAYS_OUT: Record<Exclude<NonNullable<NextStep>, 'retry'>, { text: string; url: string }> = {
  outlets: { text: '换一个网点 ›', url: OUTLETS_PAGE },
  mine: { text: '查看我的预约 ›', url: MINE_PAGE },
  round: { text: '查看本轮安排 ›', url: ROUND_PAGE },
}

async function load(outletId: string): Promise<Loaded> {
  const [current, outlet, mine] = await Promise.all([getCurrentRound(), getOutlet(outletId), listMyReservations()])
  const live = mine.items.filter((r) => r.roundId === current.round.id && LIVE_STATES.includes(r.state))
  return { round: current.round, offsetMs: parseIso(current.serverTime) - Date.now(), outlet, live }
}

export default function ReservePage() {
  const guard = useGuardScreen({ checkingText: CHECKING_TEXT })
  const { params } = useRouter()
  if (!guard.ready) return guard.screen
  if (!params.outletId) {
    return (
      <Screen>
        <Notice
          title="请先选择领取网点"
          text="选好网点后再来预约。"
          actionText="选择网点"
          onAction={() => void Taro.redirectTo({ url: OUTLETS_PAGE })}
        />
      </Screen>
    )
  }
  return <ReserveForm outletId={params.outletId} />
}

function ReserveForm({ outletId }: { outletId: string }) {
  const remote = useRemote(() => load(outletId), [outletId])
  const [draft, update, clear, flush] = useDraft<ReserveDraft>(RESERVE_DRAFT, { outletId, quantity: 1, attempt: null })
  const [problem, setProblem] = useState<Problem | null>(null)
  const [quantityError, setQuantityError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const busy = useRef(false)
  // The attempt in hand right now, ahead of the draft's saving: a second tap sees it at once.
  const attemptRef = useRef<Attempt | null>(draft.attempt)
  const family = useFamilyMembers()
  const chosenId = draft.memberId
  const who = useChosenMember(family, chosenId, () => update({ memberId: undefined }))
  const { chosen, whoUnknown } = who

  useEffect(() => {
    // Another outlet chosen: keep the quantity, start afresh on the outlet.
    if (draft.outletId !== outletId) update({ outletId, attempt: null })
  }, [draft.outletId, outletId, update])

  if (!remote.data) {
    return (
      <Screen>
        {remote.status === 'error' ? (
          <Notice
            title="预约信息没有加载出来"
            text={`${remote.message}。请检查网络后重试。`}
            actionText="重新加载"
            onAction={() => void remote.reload()}
          />
        ) : (
          <Notice title="正在加载网点和本轮信息…" />
        )}
      </Screen>
    )
  }

  const { round, outlet, live } = remote.data
  const lottery = round.allocation === 'lottery'
  const limit = round.perPersonLimit
  const quantity = Math.min(Math.max(draft.quantity, 1), limit)
  const soldOut = !lottery && outlet.remaining === 0
  // A member id whose member is not in hand yet (the list loading or failed): whom it is for is unknown.
  // The chosen person's own place this round, from the list: a member's carries its memberId, one's own none.
  const holding = whoUnknown ? null : (live.find((r) => r.memberId === chosenId) ?? null)
  const blocked = round.state !== 'open' || Boolean(holding) || soldOut || whoUnknown
  const pickupWindow = fmtWindow(round.pickupFrom, round.pickupUntil)
  const forWhom = chosen ? `为 ${memberLabel(chosen)} ` : ''

  const setQuantity = (n: number) => {
    update({ quantity: n })
    setQuantityError(null)
  }

  const choose = (memberId: string | undefined) => {
    // The quantity and the outlet stay; the key follows from the body at the next submit.
    update({ memberId })
    who.dismissGone()
    setProblem(null)
    setQuantityError(null)
  }

  const go = (url: string) => void Taro.navigateTo({ url })

  const submit = async () => {
    if (busy.current || blocked) return
    busy.current = true
    try {
      const body = { roundId: round.id, outletId: outlet.id, quantity, ...(chosenId === undefined ? {} : { memberId: chosenId }) }
      const question = lottery
        ? `${forWhom}在「${outlet.name}」登记抽签 ${quantity} 个口罩。${round.drawAt ? `${fmtDateTime(round.drawAt)} 抽签，` : ''}中签后 ${pickupWindow} 凭取件码领取。`
        : `${forWhom}在「${outlet.name}」预约 ${quantity} 个口罩，${pickupWindow} 凭取件码领取。每个证件每轮只能预约一次。`
      if (!(await confirm(lottery ? '确认登记' : '确认预约', question, lottery ? '确认登记' : '确认预约'))) return
      let attempt = attemptRef.current
      // The same body only: the server answers a known key with another body 409 IDEMPOTENCY_CONFLICT.
      const same =
        attempt &&
        attempt.roundId === body.roundId &&
        attempt.outletId === body.outletId &&
        attempt.quantity === body.quantity &&
        attempt.memberId === body.memberId
      if (!attempt || !same) {
        attempt = { key: newIdempotencyKey(), ...body }
        attemptRef.current = attempt
        update({ attempt })
        // In storage before it is sent, not after the draft's debounce: a retry after the app was
        // closed mid-request must send this key again.
        flush()
      }
      setSubmitting(true)
      setProblem(null)
      try {
        const r = await reserve(body, attempt.key)
        attemptRef.current = null
        clear()
        toast(r.state === 'entered' ? '已登记，等待抽签' : '预约成功', 'success')
        void Taro.redirectTo({ url: MINE_PAGE })
      } catch (e) {
        const found = problemOf(e)
        if (found.final) {
          attemptRef.current = null
          update({ attempt: null })
        }
        if (e instanceof ApiError && e.fields.quantity) setQuantityError(e.fields.quantity)
        setProblem(found)
        if (found.final) void remote.reload()
        // A member the person no longer holds is a 404: the list then says so, and the page returns to 我本人.
        if (chosenId !== undefined && e instanceof ApiError && e.status === 404) void family.reload()
      } finally {
        setSubmitting(false)
      }
    } finally {
      busy.current = false
    }
  }

  // After a refusal the page reloads; once a banner above says the same, the refusal's own goes.
  const covered =
    problem !== null &&
    ((problem.next === 'round' && round.state !== 'open') ||
      (problem.next === 'outlets' && soldOut) ||
      (problem.next === 'mine' && Boolean(holding)))
  const action = `${chosen ? `为 ${chosen.name} ` : ''}${lottery ? '登记抽签' : '提交预约'}`
  // The refusal or failure is said beside the button the person just tapped, with its way out.
  const note = problem && !covered ? problem : null
  const way = note?.next && note.next !== 'retry' ? WAYS_OUT[note.next] : null
  // The same ways out, in the banners that say why the form cannot go.
  const wayOut = (step: keyof typeof WAYS_OUT) => (
    <ActionButton kind="text" onClick={() => go(WAYS_OUT[step].url)}>
      {WAYS_OUT[step].text}
    </ActionButton>
  )
  return (
    <Screen
      footer={
        <>
          <SubmitNote text={note?.message} />
          {way ? (
            <ActionButton kind="text" small className="masks-reserve__way" onClick={() => go(way.url)}>
              {way.text}
            </ActionButton>
          ) : null}
          <ActionButton loading={submitting} disabled={blocked} onClick={() => void submit()}>
            {round.state === 'upcoming' ? '还没开始' : round.state === 'open' ? action : '本轮已结束'}
          </ActionButton>
        </>
      }
    >
      {round.state === 'upcoming' ? (
        <Banner tone="info">
          <Text>
            本轮还没开始，{fmtDateTime(round.opensAt)} 开放{lottery ? '登记' : '预约'}，到时再来提交。你的选择会保留。
          </Text>
        </Banner>
      ) : null}
      {round.state === 'drawing' || round.state === 'closed' ? (
        <Banner tone="warning">
          <Text>
            本轮{lottery ? '登记' : '预约'}已于 {fmtDateTime(round.closesAt)} 结束，请留意下一轮。
          </Text>
          {wayOut('round')}
        </Banner>
      ) : null}
      <ForWhom verb="预约" list={family} chosenId={chosenId} who={who} onChange={choose} />
      {holding ? (
        <Banner tone="warning">
          {chosen ? (
            <Text>
              {chosen.name}本轮已在「{holding.outletName}」{holding.state === 'entered' ? '登记抽签' : '预约'} {holding.quantity}{' '}
              个，每人每轮只能预约一次。
            </Text>
          ) : (
            <Text>
              你本轮已在「{holding.outletName}」{holding.state === 'entered' ? '登记抽签' : '预约'} {holding.quantity}{' '}
              个，每个证件每轮只能预约一次。
            </Text>
          )}
          {wayOut('mine')}
        </Banner>
      ) : null}
      {soldOut && !holding && round.state === 'open' ? (
        <Banner tone="danger">
          <Text>这个网点本轮的口罩已经约完了，请换一个网点。</Text>
          {wayOut('outlets')}
        </Banner>
      ) : null}
      <Card title="领取网点">
        <Text className="masks-reserve__outlet">{outlet.name}</Text>
        <Text className="masks-outlet__line">{outlet.address}</Text>
        <Text className="masks-outlet__line">营业时间 {outlet.hours}</Text>
        <StockLine outlet={outlet} allocation={round.allocation} />
        {wayOut('outlets')}
      </Card>

      <Card title={round.product}>
        <Field
          label="预约数量"
          error={quantityError ?? undefined}
          hint={
            !lottery && outlet.remaining > 0 && quantity > outlet.remaining
              ? `这个网点只剩 ${outlet.remaining} 个，请减少数量`
              : `每人每轮最多 ${limit} 个`
          }
        >
          <Stepper value={quantity} min={1} max={limit} unit="个" onChange={setQuantity} />
        </Field>
        <View className="masks-reserve__window">
          <Text className="text-muted">领取时间</Text>
          <Unbroken text={pickupWindow} />
        </View>
        {lottery && round.drawAt ? (
          <View className="masks-reserve__window">
            <Text className="text-muted">抽签时间</Text>
            <Text>{fmtDateTime(round.drawAt)}</Text>
          </View>
        ) : null}
      </Card>
      <Text className="masks-reserve__note">
        {lottery
          ? '登记早晚不影响中签机会。中签后在“我的预约”里查看取件码。'
          : '提交后在“我的预约”里查看取件码；不需要时请及时取消，口罩会退回网点给其他人。'}
      </Text>
    </Screen>
  )
}
