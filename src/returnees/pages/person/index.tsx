import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ApiError, failureNote, isTransient } from '@/core/api'
import { FLAG_REASON_LABELS, TEXT_LIMITS, type Symptom } from '@/core/contract/returnees'
import { useAttemptKey } from '@/core/hooks/useAttemptKey'
import { useRemote } from '@/core/hooks/useRemote'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { parseIso, shanghaiDate } from '@/core/time/shanghai'
import { ActionButton, Banner, Card, confirm, Notice, Screen, SubmitNote, TextArea, toast, Unbroken } from '@/core/ui'
import { checkIn, escalateDeclaration, getDeclaration, releaseDeclaration } from '../../api'
import { CheckinTimeline, KV } from '../../components/CheckinTimeline'
import { declarationFacts } from '../../components/facts'
import { HealthFields, temperatureNumber, temperatureProblem } from '../../components/HealthFields'
import { StatusBadge } from '../../components/StatusBadge'
import { WORKER_DENIED } from '../../guardTexts'
import './index.scss'

type Act = 'checkin' | 'escalate' | 'release'

/**
 * An answer that means the write is already done: a retry of a check-in or a release whose first
 * answer was lost. The page shows the record as it is, not an error.
 */
const ALREADY: Partial<Record<Act, string>> = { checkin: 'ALREADY_CHECKED_IN', release: 'DECLARATION_RELEASED' }

export default function PersonPage() {
  const guard = useGuardScreen({ role: 'worker', denied: WORKER_DENIED })
  const { params } = useRouter()
  const id = params.id ?? ''
  const detail = useRemote(async () => (guard.ready && id ? getDeclaration(id) : null), [guard.ready, id])
  const [health, setHealth] = useState<{ temperature: string; symptoms: Symptom[] }>({ temperature: '', symptoms: [] })
  const [healthError, setHealthError] = useState<string | undefined>()
  const [note, setNote] = useState('')
  const [noteError, setNoteError] = useState<string | undefined>()
  const [busy, setBusy] = useState<Act | null>(null)
  // What became of each action, said beside its own button.
  const [said, setSaid] = useState<Partial<Record<Act, string>>>({})
  // What was last recorded, for the line that says so when the reload after it fails.
  const [recorded, setRecorded] = useState<{ text: string; checkedIn: boolean } | null>(null)
  // The door check-in's key, one per temperature and symptoms: a retry is recognised by the server.
  const checkinAttempt = useAttemptKey()
  // The escalation's key, one per note: a retry after a lost answer stores the note once.
  const escalation = useAttemptKey()

  if (!guard.ready) return guard.screen
  if (!id)
    return (
      <Screen>
        <Notice title="没有指定要查看的人员" text="请从名单中点选一位居民。" />
      </Screen>
    )
  if (detail.status === 'error') {
    return (
      <Screen>
        <Notice title="没能打开这条登记" text={`${detail.message}。`} actionText="重试" onAction={() => void detail.reload()} />
      </Screen>
    )
  }
  if (!detail.data)
    return (
      <Screen>
        <Notice title="正在加载…" />
      </Screen>
    )
  const d = detail.data
  const open = d.status !== 'released'
  const releasable = d.status === 'observing' && d.daysLeft === 0

  const act = async (kind: Act, run: () => Promise<unknown>, success: string) => {
    setBusy(kind)
    setSaid((prev) => ({ ...prev, [kind]: undefined }))
    const done = async (text: string) => {
      toast(text, 'success')
      setRecorded({ text, checkedIn: kind === 'checkin' })
      await detail.reload()
    }
    try {
      await run()
      await done(success)
      return true
    } catch (e) {
      if (e instanceof ApiError && ALREADY[kind] === e.code) {
        await done(e.message)
        return true
      }
      if (e instanceof ApiError && e.fields.note) setNoteError(e.fields.note)
      else if (e instanceof ApiError && (e.fields.temperature || e.fields.symptoms))
        setHealthError(e.fields.temperature ?? e.fields.symptoms)
      else setSaid((prev) => ({ ...prev, [kind]: failureNote(e, '再点一次不会重复记录') }))
      return false
    } finally {
      setBusy(null)
    }
  }

  const recordCheckin = async () => {
    const problem = temperatureProblem(health.temperature)
    if (problem) {
      setHealthError(problem)
      return
    }
    // No problem means the field holds an acceptable number.
    const t = temperatureNumber(health.temperature) as number
    const body = { temperature: t, symptoms: health.symptoms }
    const key = checkinAttempt.keyFor(JSON.stringify(body))
    const ok = await act('checkin', () => checkIn(d.id, body, key), '已记录上门打卡')
    if (ok) {
      checkinAttempt.drop()
      setHealth({ temperature: '', symptoms: [] })
    }
  }

  const escalate = async () => {
    const text = note.trim()
    if (!text) {
      setNoteError('请写明情况，如 上门测温 37.6 ℃')
      return
    }
    // A retry of the note whose last try got no final answer was confirmed then: it goes again as it was.
    const retry = escalation.holds(text)
    if (!retry && !(await confirm('上报异常', '上报后此人将列为“需重点关注”，观察期满也不能直接解除。确定上报吗？', '上报'))) return
    const key = escalation.keyFor(text)
    const ok = await act(
      'escalate',
      async () => {
        try {
          await escalateDeclaration(d.id, text, key)
        } catch (e) {
          // A refusal is final; only a lost or failed answer leaves the note possibly recorded.
          if (!isTransient(e)) escalation.drop()
          throw e
        }
      },
      '已上报',
    )
    if (ok) {
      escalation.drop()
      setNote('')
    }
  }

  const release = async () => {
    if (!(await confirm('解除居家观察', `${d.subjectMasked} 的观察期已满（${d.observationEndsOn}），确认已核实健康情况并解除吗？`, '解除')))
      return
    await act('release', () => releaseDeclaration(d.id), '已解除居家观察')
  }

  return (
    <Screen
      footer={
        releasable ? (
          <>
            <SubmitNote text={said.release} />
            <ActionButton loading={busy === 'release'} onClick={release}>
              解除居家观察
            </ActionButton>
          </>
        ) : undefined
      }
    >
      {detail.status === 'ready' && detail.reloadError ? (
        <Banner tone="warning">
          <Text>
            {recorded ? `${recorded.text}，` : ''}但页面没有刷新：{detail.reloadError}。
          </Text>
          <ActionButton kind="text" small onClick={() => void detail.reload()}>
            刷新
          </ActionButton>
        </Banner>
      ) : null}
      <Card>
        <View className="returnees-detail__head">
          <Text className="returnees-detail__name">{d.subjectMasked}</Text>
          <StatusBadge status={d.status} />
        </View>
        <Text className="returnees-detail__line">
          证件 {d.docNumberMasked}
          {d.phoneMasked ? ` · 电话 ${d.phoneMasked}` : ' · 未留电话'}
        </Text>
        {d.flagReasons.length ? (
          <Text className="returnees-detail__line">关注原因：{d.flagReasons.map((r) => FLAG_REASON_LABELS[r]).join('、')}</Text>
        ) : null}
        {open ? (
          <Text className="returnees-detail__line">{d.checkedInToday ? '今日已打卡' : '今日还未打卡'}</Text>
        ) : (
          <Unbroken
            className="returnees-detail__line"
            text={`已于 ${d.releasedAt ? shanghaiDate(parseIso(d.releasedAt)) : ''} 解除居家观察`}
          />
        )}
      </Card>

      {open && !releasable ? (
        <Card title="能否解除">
          <Unbroken
            className="returnees-detail__why"
            text={
              d.status === 'flagged'
                ? '此人需要重点关注，不能直接解除居家观察。请按流程上报街道和卫生部门处置。'
                : `观察期至 ${d.observationEndsOn}，还有 ${d.daysLeft} 天，期满当天起可以解除。`
            }
          />
        </Card>
      ) : null}

      {open && !d.checkedInToday && !recorded?.checkedIn ? (
        <Card title="上门代为打卡">
          <HealthFields
            value={health}
            errors={{ temperature: healthError }}
            askContact={false}
            onChange={(patch) => {
              setHealth((h) => ({ ...h, ...patch }))
              setHealthError(undefined)
            }}
          />
          <ActionButton kind="secondary" loading={busy === 'checkin'} onClick={recordCheckin}>
            记录今日打卡
          </ActionButton>
          <SubmitNote text={said.checkin} />
        </Card>
      ) : null}

      <Card title="基本信息">
        {declarationFacts(d).map(([k, v]) => (
          <KV key={k} k={k} v={v} />
        ))}
      </Card>

      <Card title="打卡记录">
        <CheckinTimeline checkins={d.checkins} emptyText="还没有打卡。可以提醒居民打卡，或上门代为打卡。" />
      </Card>

      {d.notes && d.notes.length ? (
        <Card title="上报记录（仅工作人员可见）">
          {d.notes.map((n) => (
            <Text key={n.at + n.text} className="returnees-detail__note">
              {n.at.slice(0, 16).replace('T', ' ')} · {n.text}
            </Text>
          ))}
        </Card>
      ) : null}

      {open ? (
        <Card title="上报异常情况">
          <TextArea
            label="情况说明"
            name="note"
            className="returnees-detail__textarea"
            value={note}
            maxLength={TEXT_LIMITS.escalationNote}
            placeholder="如 上门测温 37.6 ℃，已联系发热门诊"
            error={noteError}
            onChange={(value) => {
              setNote(value)
              setNoteError(undefined)
            }}
          />
          <ActionButton kind="danger" loading={busy === 'escalate'} onClick={escalate}>
            上报
          </ActionButton>
          <SubmitNote text={said.escalate} />
        </Card>
      ) : null}
    </Screen>
  )
}
