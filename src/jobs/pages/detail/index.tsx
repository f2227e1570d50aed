import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { ApiError, messageOf } from '@/core/api'
import { JOB_INDUSTRY_LABELS, type JobDetail } from '@/core/contract/jobs'
import { decodeParam } from '@/core/hooks/params'
import { usePageShow } from '@/core/hooks/usePageShow'
import { ActionButton, Card, Notice, Screen, StatusTag, toast, Unbroken } from '@/core/ui'
import { getJob, setFavorite } from '../../api'
import { dayText, deadlineText, deadlineTone, salaryText } from '../../format'
import { LIST_PAGE, applyPath, detailPath, minePath } from '../../paths'
import './index.scss'

type Load = { status: 'loading' } | { status: 'ready'; job: JobDetail } | { status: 'missing' } | { status: 'error'; message: string }

/** The path a shared card opens: the posting's id and nothing about the person sharing it. */
export const sharePath = detailPath

function InfoRow({ label, value }: { label: string; value: string }) {
  return (
    <View className="jobs-detail__row">
      <Text className="jobs-detail__label">{label}</Text>
      <Text className="jobs-detail__value">{value}</Text>
    </View>
  )
}

export default function JobDetailPage() {
  const { params } = useRouter()
  // A garbled link reads as no id: the not-found state, never a crash.
  const id = decodeParam(params.id) ?? ''
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [saving, setSaving] = useState(false)

  const fetchJob = useCallback(async () => {
    if (!id) {
      setLoad({ status: 'missing' })
      return
    }
    try {
      setLoad({ status: 'ready', job: await getJob(id) })
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setLoad({ status: 'missing' })
      else setLoad((prev) => (prev.status === 'ready' ? prev : { status: 'error', message: messageOf(e) }))
    }
  }, [id])

  // Again on coming back from applying: "已投递" must show at once.
  usePageShow(() => {
    void fetchJob()
  })

  useShareAppMessage(() => {
    const job = load.status === 'ready' ? load.job : null
    return {
      title: job ? `${job.title} · ${job.employer} · ${salaryText(job.salaryMin, job.salaryMax)}` : '招聘岗位',
      path: sharePath(id),
    }
  })

  if (load.status === 'loading') {
    return (
      <Screen>
        <Notice title="正在加载岗位…" text="稍等片刻，马上就好。" />
      </Screen>
    )
  }
  if (load.status === 'missing') {
    return (
      <Screen>
        <Notice
          title="没有找到这个岗位"
          text="它可能已被企业撤下。回到岗位列表看看其他岗位吧。"
          actionText="返回岗位列表"
          onAction={() => void Taro.redirectTo({ url: LIST_PAGE })}
        />
      </Screen>
    )
  }
  if (load.status === 'error') {
    return (
      <Screen>
        <Notice
          title="岗位没有加载出来"
          text={`${load.message}。请检查网络后重试。`}
          actionText="重新加载"
          onAction={() => void fetchJob()}
        />
      </Screen>
    )
  }

  const { job } = load
  const toggleFavorite = async () => {
    const next = !job.favorite
    setSaving(true)
    try {
      await setFavorite(job.id, next)
      setLoad({ status: 'ready', job: { ...job, favorite: next } })
      toast(next ? '已收藏，可在“我的求职”里找到' : '已取消收藏', next ? 'success' : 'none')
    } catch (e) {
      toast(messageOf(e))
    } finally {
      setSaving(false)
    }
  }

  let footer
  if (job.applied) {
    footer = (
      <ActionButton kind="secondary" onClick={() => void Taro.navigateTo({ url: minePath('applications') })}>
        已投递，查看进度
      </ActionButton>
    )
  } else if (job.closed) {
    footer = <ActionButton disabled>已截止，不能再投递</ActionButton>
  } else {
    footer = <ActionButton onClick={() => void Taro.navigateTo({ url: applyPath(job.id) })}>投递简历</ActionButton>
  }

  return (
    <Screen footer={footer}>
      <Card>
        <Text className="jobs-detail__title">{job.title}</Text>
        <Text className="jobs-detail__salary">{salaryText(job.salaryMin, job.salaryMax)}</Text>
        <Text className="jobs-detail__employer">{job.employer}</Text>
        <View className="jobs-detail__status">
          <StatusTag tone={deadlineTone(job)}>{deadlineText(job)}</StatusTag>
          {job.applied ? <StatusTag tone="success">已投递</StatusTag> : null}
        </View>
        {job.tags.length ? <Text className="jobs-detail__tags">{job.tags.join(' · ')}</Text> : null}
        <View className="jobs-detail__actions">
          <ActionButton kind="secondary" small loading={saving} onClick={toggleFavorite}>
            {job.favorite ? '★ 已收藏' : '☆ 收藏'}
          </ActionButton>
          {process.env.TARO_ENV === 'weapp' ? (
            <ActionButton kind="secondary" small openType="share">
              分享给朋友
            </ActionButton>
          ) : null}
        </View>
      </Card>

      <Card title="岗位信息">
        <InfoRow label="工作地点" value={job.address} />
        <InfoRow label="所属行业" value={JOB_INDUSTRY_LABELS[job.industry]} />
        <InfoRow label="招聘人数" value={`${job.headcount} 人`} />
        <InfoRow label="学历要求" value={job.education} />
        <InfoRow label="经验要求" value={job.experience} />
        <InfoRow label="发布日期" value={dayText(job.postedAt)} />
        <InfoRow label="截止日期" value={`${dayText(job.deadline)}（${deadlineText(job)}）`} />
      </Card>

      <Card title="岗位职责">
        <Unbroken className="jobs-detail__text" text={job.description} />
      </Card>

      <Card title="任职要求">
        {job.requirements.map((r, i) => (
          <Text key={i} className="jobs-detail__bullet">
            · {r}
          </Text>
        ))}
      </Card>

      <Card title="联系方式">
        <Text className="jobs-detail__text">{job.contactMasked}</Text>
        <Text className="text-caption jobs-detail__hint">投递后，企业会按你实名认证时的手机号联系你，请留意来电。</Text>
      </Card>
    </Screen>
  )
}
