import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ApiError, failureNote, newIdempotencyKey } from '@/core/api'
import { FLAG_REASON_LABELS, isFever, observationDay, type Checkin, type Declaration, type Symptom } from '@/core/contract/returnees'
import { useFamilyMembers } from '@/core/family/useFamilyMembers'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { useDraft } from '@/core/storage/drafts'
import { ActionButton, Banner, Card, Notice, Screen, SubmitNote } from '@/core/ui'
import { checkIn } from '../../api'
import { FLAGGED_STEPS } from '../../components/facts'
import { HealthFields, temperatureNumber, temperatureProblem } from '../../components/HealthFields'
import { useMine } from '../../hooks/useMine'
import { STATUS_PAGE } from '../../paths'
import './index.scss'

/**
 * What was typed, for which declaration, and the Idempotency-Key of this attempt: kept across
 * retries, new on any edit. The declaration's id keeps one person's temperature from being
 * offered as another's (the person checks in for themselves and for family members).
 */
interface CheckinDraft {
  declarationId: string
  temperature: string
  symptoms: Symptom[]
  key: string
}

export default function CheckinPage() {
  const guard = useGuardScreen()
  if (!guard.ready) return guard.screen
  return <CheckinLoader />
}

/** Mounted once the session is verified: the records and the family list need it. */
function CheckinLoader() {
  // `?id=` names a family member's declaration; without it the page is for the person's own.
  const { params } = useRouter()
  const mine = useMine(true)
  const family = useFamilyMembers()

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
  const goStatus = () => void Taro.redirectTo({ url: STATUS_PAGE })
  const id = params.id
  const current = id ? (mine.data.all.find((d) => d.id === id) ?? null) : mine.data.current
  if (id && !current) {
    // Not in the person's list: a member they no longer hold, or a link from another account.
    return (
      <Screen footer={<ActionButton onClick={goStatus}>查看我的返沪登记</ActionButton>}>
        <Notice title="没有找到这条登记" text="这条登记不在你的返沪登记里，可能家人已不在你的家人名单中。" />
      </Screen>
    )
  }
  // A member's declaration says whose it is; the family list has the full name, else the masked one.
  const member = current?.memberId === undefined ? undefined : family.members.find((m) => m.id === current.memberId)
  const name = current?.memberId === undefined ? undefined : (member?.name ?? current.subjectMasked)
  if (!current || current.status === 'released') {
    return (
      <Screen footer={<ActionButton onClick={goStatus}>查看我的返沪登记</ActionButton>}>
        {name ? (
          <Notice title={`${name}没有需要打卡的登记`} text="居家观察期间才需要每天打卡；观察已解除的不用再打卡。" />
        ) : (
          <Notice title="你没有需要打卡的登记" text="居家观察期间才需要每天打卡。如刚从外省市来沪，请先登记。" />
        )}
      </Screen>
    )
  }
  return <CheckinForm key={current.id} d={current} name={name} goStatus={goStatus} />
}

function CheckinForm({ d, name, goStatus }: { d: Declaration; name: string | undefined; goStatus: () => void }) {
  const [stored, update, clear, flush] = useDraft<CheckinDraft>('returnees:checkin', {
    declarationId: '',
    temperature: '',
    symptoms: [],
    key: '',
  })
  // A draft typed for another declaration is not this one's: the form starts empty.
  const form: CheckinDraft = stored.declarationId === d.id ? stored : { declarationId: d.id, temperature: '', symptoms: [], key: '' }
  const [errors, setErrors] = useState<Record<string, string | undefined>>({})
  const [banner, setBanner] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [done, setDone] = useState<{ checkin?: Checkin; message?: string } | null>(null)
  const footerText = name ? '返回我的返沪登记' : '查看我的状态'

  if (done || d.checkedInToday) {
    const c = done?.checkin
    const abnormal = c ? isFever(c.temperature) || c.symptoms.length > 0 : false
    const doneTitle = name
      ? (done?.message ?? (done ? `已为 ${name} 打卡` : `今天已经为${name}打过卡了`))
      : (done?.message ?? (done ? '打卡成功' : '今天已经打过卡了'))
    return (
      <Screen footer={<ActionButton onClick={goStatus}>{footerText}</ActionButton>}>
        {c && abnormal ? (
          <Banner tone="danger">
            <Text className="text-title">
              {c.raisedFlag ? `${name ? `${name}的` : '你的'}状态已变为「需重点关注」` : `本次打卡有异常，${name ?? '你'}仍在重点关注中`}
            </Text>
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
            <Text className="text-title">{doneTitle}</Text>
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
    // One key per attempt, in storage before it is sent: a retry after the app was closed reuses it.
    const key = form.key || newIdempotencyKey()
    if (key !== stored.key || stored.declarationId !== d.id) update({ ...form, key })
    flush()
    setSubmitting(true)
    setBanner(null)
    try {
      const checkin = await checkIn(d.id, { temperature, symptoms: form.symptoms }, key)
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
            {name ? `为 ${name} 提交今日打卡` : '提交今日打卡'}
          </ActionButton>
        </>
      }
    >
      <View className="returnees-checkin__head">
        {name ? <Text className="returnees-checkin__whom">为 {name} 打卡</Text> : null}
        <Text className="text-headline">居家观察第 {observationDay(d.daysLeft)} 天</Text>
        <Text className="returnees-checkin__lead">
          {name ? `每天一次。请先用体温计为${name}测量，再如实填写。` : '每天一次。请先用体温计测量，再如实填写。'}
        </Text>
      </View>
      <Card>
        <HealthFields
          value={form}
          errors={errors}
          askContact={false}
          onChange={(patch) => {
            // Another answer is another attempt: it gets its own key.
            update({
              ...form,
              ...(patch.temperature !== undefined ? { temperature: patch.temperature } : {}),
              ...(patch.symptoms ? { symptoms: patch.symptoms } : {}),
              key: newIdempotencyKey(),
            })
            setErrors({})
          }}
        />
      </Card>
      <Text className="text-caption">
        {name
          ? `体温 37.3 ℃ 及以上或有任一症状，社区会把${name}列为重点关注并尽快联系你们。`
          : '体温 37.3 ℃ 及以上或有任一症状，社区会把你列为重点关注并尽快联系你。'}
      </Text>
    </Screen>
  )
}
