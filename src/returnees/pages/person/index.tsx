import { useRouter } from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { ApiError, messageOf } from '@/core/api'
import { FLAG_REASON_LABELS, type Symptom } from '@/core/contract/returnees'
import { useRemote } from '@/core/hooks/useRemote'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { parseIso, shanghaiDate } from '@/core/time/shanghai'
import { ActionButton, Banner, Card, Field, Notice, Screen, confirm, toast } from '@/core/ui'
import { checkIn, escalateDeclaration, getDeclaration, releaseDeclaration } from '../../api'
import { CheckinTimeline, KV } from '../../components/CheckinTimeline'
import { declarationFacts } from '../../components/facts'
import { HealthFields, temperatureNumber, temperatureProblem } from '../../components/HealthFields'
import { StatusBadge } from '../../components/StatusBadge'
import { WORKER_DENIED } from '../../guardTexts'
import './index.scss'

export default function PersonPage() {
  const guard = useGuardScreen({ role: 'worker', denied: WORKER_DENIED })
  const { params } = useRouter()
  const id = params.id ?? ''
  const detail = useRemote(async () => (guard.ready && id ? getDeclaration(id) : null), [guard.ready, id])
  const [health, setHealth] = useState<{ temperature: string; symptoms: Symptom[] }>({ temperature: '', symptoms: [] })
  const [healthError, setHealthError] = useState<string | undefined>()
  const [note, setNote] = useState('')
  const [noteError, setNoteError] = useState<string | undefined>()
  const [busy, setBusy] = useState<'checkin' | 'escalate' | 'release' | null>(null)
  const [banner, setBanner] = useState<string | null>(null)

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

  const act = async (kind: 'checkin' | 'escalate' | 'release', run: () => Promise<unknown>, success: string) => {
    setBusy(kind)
    setBanner(null)
    try {
      await run()
      toast(success, 'success')
      await detail.reload()
      return true
    } catch (e) {
      if (e instanceof ApiError && e.fields.note) setNoteError(e.fields.note)
      else if (e instanceof ApiError && (e.fields.temperature || e.fields.symptoms))
        setHealthError(e.fields.temperature ?? e.fields.symptoms)
      else setBanner(messageOf(e))
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
    const ok = await act('checkin', () => checkIn(d.id, { temperature: t, symptoms: health.symptoms }), '已记录上门打卡')
    if (ok) setHealth({ temperature: '', symptoms: [] })
  }

  const escalate = async () => {
    const text = note.trim()
    if (!text) {
      setNoteError('请写明情况，如 上门测温 37.6 ℃')
      return
    }
    if (!(await confirm('上报异常', '上报后此人将列为“需重点关注”，观察期满也不能直接解除。确定上报吗？', '上报'))) return
    const ok = await act('escalate', () => escalateDeclaration(d.id, text), '已上报')
    if (ok) setNote('')
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
          <ActionButton loading={busy === 'release'} onClick={release}>
            解除居家观察
          </ActionButton>
        ) : undefined
      }
    >
      {banner ? (
        <Banner tone="danger">
          <Text>{banner}</Text>
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
          <Text className="returnees-detail__line">已于 {d.releasedAt ? shanghaiDate(parseIso(d.releasedAt)) : ''} 解除居家观察</Text>
        )}
      </Card>

      {open && !releasable ? (
        <Card title="能否解除">
          <Text className="returnees-detail__why">
            {d.status === 'flagged'
              ? '此人需要重点关注，不能直接解除居家观察。请按流程上报街道和卫生部门处置。'
              : `观察期至 ${d.observationEndsOn}，还有 ${d.daysLeft} 天，期满当天起可以解除。`}
          </Text>
        </Card>
      ) : null}

      {open && !d.checkedInToday ? (
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
          <Field label="情况说明（最多 200 字）" error={noteError} name="note">
            <Textarea
              className="returnees-detail__textarea"
              value={note}
              maxlength={200}
              placeholder="如 上门测温 37.6 ℃，已联系发热门诊"
              onInput={(e) => {
                setNote(e.detail.value)
                setNoteError(undefined)
              }}
            />
          </Field>
          <ActionButton kind="danger" loading={busy === 'escalate'} onClick={escalate}>
            上报
          </ActionButton>
        </Card>
      ) : null}
    </Screen>
  )
}
