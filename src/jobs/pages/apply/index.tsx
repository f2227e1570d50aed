import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { ApiError, failureNote, messageOf, newIdempotencyKey } from '@/core/api'
import { DOC_TYPE_LABELS, TEXT_LIMITS, type JobDetail, type User } from '@/core/contract/jobs'
import { decodeParam } from '@/core/hooks/params'
import { maskName } from '@/core/identity/masking'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { useDraft } from '@/core/storage/drafts'
import { ActionButton, Banner, Card, Notice, Screen, StatusTag, SubmitNote, TextArea } from '@/core/ui'
import { applyToJob, getJob } from '../../api'
import { deadlineText, salaryText } from '../../format'
import { APPLY_CHECKING_TEXT } from '../../guardTexts'
import { LIST_PAGE, minePath } from '../../paths'
import './index.scss'

/**
 * The draft of an application: the message, and the Idempotency-Key of this attempt. The key is
 * kept with the text, so a retry after a lost answer is recognised by the server and never
 * applies twice; a changed message is a new attempt with a new key.
 */
interface ApplyDraft {
  message: string
  key: string
}

type Done = { kind: 'applied' } | { kind: 'already' }

function IdentityCard({ user }: { user: User }) {
  const identity = user.identity
  if (!identity) return null
  return (
    <Card title="投递身份">
      <View className="jobs-apply__row">
        <Text className="jobs-apply__label">姓名</Text>
        <Text>{maskName(identity.name)}</Text>
      </View>
      <View className="jobs-apply__row">
        <Text className="jobs-apply__label">{DOC_TYPE_LABELS[identity.docType]}</Text>
        <Text>{identity.docNumberMasked}</Text>
      </View>
      <View className="jobs-apply__row">
        <Text className="jobs-apply__label">手机号</Text>
        <Text>{identity.phoneMasked}</Text>
      </View>
      <Text className="text-caption jobs-apply__note">用你实名认证的身份投递，不用再填写。企业会通过这个手机号联系你。</Text>
    </Card>
  )
}

export default function ApplyPage() {
  const { params } = useRouter()
  // A garbled link reads as no id: the not-found state, never a crash.
  const id = decodeParam(params.id) ?? ''
  const guard = useGuardScreen({ checkingText: APPLY_CHECKING_TEXT })
  const [job, setJob] = useState<JobDetail | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [draft, update, clear, flush] = useDraft<ApplyDraft>(`jobs-apply:${id}`, { message: '', key: newIdempotencyKey() })
  const [submitting, setSubmitting] = useState(false)
  const [banner, setBanner] = useState<{ tone: 'danger' | 'warning'; text: string } | null>(null)
  const [fieldError, setFieldError] = useState<string | undefined>()
  const [done, setDone] = useState<Done | null>(null)

  const fetchJob = useCallback(async () => {
    setLoadError(null)
    if (!id) {
      setLoadError('没有找到这个岗位，它可能已被企业撤下。')
      return
    }
    try {
      const detail = await getJob(id)
      setJob(detail)
      if (detail.applied) setDone({ kind: 'already' })
    } catch (e) {
      setLoadError(e instanceof ApiError && e.status === 404 ? '没有找到这个岗位，它可能已被企业撤下。' : `${messageOf(e)}。`)
    }
  }, [id])

  useEffect(() => {
    if (guard.ready) void fetchJob()
  }, [guard.ready, fetchJob])

  const submit = async () => {
    if (!job) return
    const message = draft.message.trim()
    // Counted as the box and the server count (UTF-16 units, see TEXT_LIMITS).
    if (message.length > TEXT_LIMITS.applicationMessage) {
      setFieldError(`附言不能超过 ${TEXT_LIMITS.applicationMessage} 个字`)
      return
    }
    setSubmitting(true)
    setBanner(null)
    setFieldError(undefined)
    // Keep the key in storage before sending, not after the draft's debounce: a retry after a
    // crash must reuse it.
    flush()
    try {
      await applyToJob(job.id, message, draft.key)
      clear()
      setDone({ kind: 'applied' })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ALREADY_APPLIED') {
        clear()
        setDone({ kind: 'already' })
      } else if (e instanceof ApiError && e.code === 'JOB_CLOSED') {
        clear()
        // The server's word wins over the loaded posting: it closed meanwhile.
        setJob({ ...job, closed: true })
        setBanner({ tone: 'danger', text: e.message })
      } else if (e instanceof ApiError && e.fields.message) {
        setFieldError(e.fields.message)
      } else if (e instanceof ApiError && e.code === 'RATE_LIMITED') {
        setBanner({ tone: 'warning', text: `${e.message}。你的附言已保存。` })
      } else {
        setBanner({ tone: 'danger', text: failureNote(e, '再点一次投递不会重复投递') })
      }
    } finally {
      setSubmitting(false)
    }
  }

  if (!guard.ready) return guard.screen
  if (loadError) {
    return (
      <Screen>
        <Notice title="岗位没有加载出来" text={loadError} actionText="重新加载" onAction={() => void fetchJob()} />
      </Screen>
    )
  }
  if (!job) {
    return (
      <Screen>
        <Notice title="正在加载岗位…" text="稍等片刻，马上就好。" />
      </Screen>
    )
  }

  const jobCard = (
    <Card>
      <Text className="jobs-apply__title">{job.title}</Text>
      <Text className="jobs-apply__employer">{job.employer}</Text>
      <View className="jobs-apply__facts">
        <Text className="jobs-apply__salary">{salaryText(job.salaryMin, job.salaryMax)}</Text>
        <StatusTag tone={job.closed ? 'muted' : 'info'}>{deadlineText(job)}</StatusTag>
      </View>
    </Card>
  )

  if (done) {
    return (
      <Screen footer={<ActionButton onClick={() => void Taro.redirectTo({ url: minePath('applications') })}>查看我的投递</ActionButton>}>
        <Banner tone="success">
          <Text className="jobs-apply__done">{done.kind === 'applied' ? '投递成功' : '你已经投递过这个岗位'}</Text>
          <Text className="jobs-apply__done-text">企业查看后会通过电话联系你，进度可以在“我的求职”里查看。</Text>
        </Banner>
        {jobCard}
        <ActionButton kind="secondary" onClick={() => void Taro.redirectTo({ url: LIST_PAGE })}>
          继续看其他岗位
        </ActionButton>
      </Screen>
    )
  }

  return (
    <Screen
      footer={
        job.closed ? (
          <ActionButton disabled>岗位已截止，不能投递</ActionButton>
        ) : (
          <>
            {/* Beside the button just tapped: the top of the page is out of sight under the message box. */}
            <SubmitNote tone={banner?.tone} text={banner?.text} />
            <ActionButton loading={submitting} onClick={submit}>
              确认投递
            </ActionButton>
          </>
        )
      }
    >
      {job.closed ? (
        <Banner tone="danger">
          <Text>{banner?.text ?? `这个岗位已于 ${job.deadline} 截止招聘，不能再投递。看看其他岗位吧。`}</Text>
        </Banner>
      ) : null}
      {jobCard}
      <IdentityCard user={guard.user} />
      {job.closed ? null : (
        <Card>
          <TextArea
            label="给企业的附言（选填）"
            name="message"
            className="jobs-apply__message"
            value={draft.message}
            maxLength={TEXT_LIMITS.applicationMessage}
            placeholder="例如：有三年仓库管理经验，下周一就能到岗"
            hint="可以写写你的经验和能到岗的时间"
            error={fieldError}
            onChange={(message) => {
              // Another text is another attempt: it gets its own key.
              update({ message, key: newIdempotencyKey() })
              setFieldError(undefined)
            }}
          />
        </Card>
      )}
    </Screen>
  )
}
