import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ApiError, failureNote, newIdempotencyKey } from '@/core/api'
import { FLAG_REASON_LABELS, isFever, observationDay, type Checkin, type Symptom } from '@/core/contract/returnees'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { useDraft } from '@/core/storage/drafts'
import { ActionButton, Banner, Card, Notice, Screen, SubmitNote } from '@/core/ui'
import { checkIn } from '../../api'
import { FLAGGED_STEPS } from '../../components/facts'
import { HealthFields, temperatureNumber, temperatureProblem } from '../../components/HealthFields'
import { useMine } from '../../hooks/useMine'
import { STATUS_PAGE } from '../../paths'
import './index.scss'

/** What was typed, and the Idempotency-Key of this attempt: kept across retries, new on any edit. */
interface CheckinDraft {
  temperature: string
  symptoms: Symptom[]
  key: string
}

export default function CheckinPage() {
  const guard = useGuardScreen()
  const mine = useMine(guard.ready)
  const [form, update, clear, flush] = useDraft<CheckinDraft>('returnees:checkin', {
    temperature: '',
    symptoms: [],
    key: newIdempotencyKey(),
  })
  const [errors, setErrors] = useState<Record<string, string | undefined>>({})
  const [banner, setBanner] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [done, setDone] = useState<{ checkin?: Checkin; message?: string } | null>(null)

  if (!guard.ready) return guard.screen
  if (mine.status === 'error') {
    return (
      <Screen>
        <Notice title="没能打开打卡" text={`${mine.message}。请检查网络后重试。`} actionText="重试" onAction={() => void mine.reload()} />
      </Screen>
    )
  }
  if (mine.status !== 'ready' || !mine.data) {
    return (
      <Screen>
        <Notice title="正在加载…" />
      </Screen>
    )
  }
  const current = mine.data.current
  const goStatus = () => void Taro.redirectTo({ url: STATUS_PAGE })
  if (!current || current.status === 'released') {
    return (
      <Screen footer={<ActionButton onClick={goStatus}>查看我的返沪登记</ActionButton>}>
        <Notice title="你没有需要打卡的登记" text="居家观察期间才需要每天打卡。如刚从外省市来沪，请先登记。" />
      </Screen>
    )
  }

  if (done || current.checkedInToday) {
    const c = done?.checkin
    const abnormal = c ? isFever(c.temperature) || c.symptoms.length > 0 : false
    return (
      <Screen footer={<ActionButton onClick={goStatus}>查看我的状态</ActionButton>}>
        {c && abnormal ? (
          <Banner tone="danger">
            <Text className="text-title">{c.raisedFlag ? '你的状态已变为「需重点关注」' : '本次打卡有异常，你仍在重点关注中'}</Text>
            <Text className="returnees-checkin__step">
              {[
                isFever(c.temperature) ? `${FLAG_REASON_LABELS.checkin_fever}（${c.temperature.toFixed(1)} ℃）` : '',
                c.symptoms.length ? FLAG_REASON_LABELS.checkin_symptoms : '',
              ]
                .filter(Boolean)
                .join('、')}
            </Text>
            {FLAGGED_STEPS.map((s, i) => (
              <Text key={s} className="returnees-checkin__step">
                {i + 1}. {s}
              </Text>
            ))}
          </Banner>
        ) : (
          <Banner tone="success">
            <Text className="text-title">{done?.message ?? (done ? '打卡成功' : '今天已经打过卡了')}</Text>
            <Text className="returnees-checkin__step">
              {done?.checkin ? `${done.checkin.date} · ${done.checkin.temperature.toFixed(1)} ℃。` : ''}明天记得再来打卡。
            </Text>
          </Banner>
        )}
      </Screen>
    )
  }

  const submit = async () => {
    const problem = temperatureProblem(form.temperature)
    if (problem) {
      setErrors({ temperature: problem })
      return
    }
    // No problem means the field holds an acceptable number.
    const temperature = temperatureNumber(form.temperature) as number
    setSubmitting(true)
    setBanner(null)
    // The key in storage before it is sent: a retry after the app was closed reuses it.
    flush()
    try {
      const checkin = await checkIn(current.id, { temperature, symptoms: form.symptoms }, form.key)
      clear()
      setDone({ checkin })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ALREADY_CHECKED_IN') {
        clear()
        setDone({ message: e.message })
      } else if (e instanceof ApiError && Object.keys(e.fields).length) {
        setErrors(e.fields)
        setBanner(e.message)
      } else {
        setBanner(failureNote(e, '再点一次提交不会重复打卡'))
      }
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <Screen
      footer={
        <>
          <SubmitNote text={banner} />
          <ActionButton loading={submitting} onClick={submit}>
            提交今日打卡
          </ActionButton>
        </>
      }
    >
      <View className="returnees-checkin__head">
        <Text className="text-headline">居家观察第 {observationDay(current.daysLeft)} 天</Text>
        <Text className="returnees-checkin__lead">每天一次。请先用体温计测量，再如实填写。</Text>
      </View>
      <Card>
        <HealthFields
          value={form}
          errors={errors}
          askContact={false}
          onChange={(patch) => {
            // Another answer is another attempt: it gets its own key.
            update({
              ...(patch.temperature !== undefined ? { temperature: patch.temperature } : {}),
              ...(patch.symptoms ? { symptoms: patch.symptoms } : {}),
              key: newIdempotencyKey(),
            })
            setErrors({})
          }}
        />
      </Card>
      <Text className="text-caption">体温 37.3 ℃ 及以上或有任一症状，社区会把你列为重点关注并尽快联系你。</Text>
    </Screen>
  )
}
