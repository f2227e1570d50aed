import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { messageOf } from '@/core/api'
import type { Application, JobSummary, Subscription } from '@/core/contract/jobs'
import { usePaged, type Paged } from '@/core/hooks/usePaged'
import { useReshow } from '@/core/hooks/useReshow'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { ActionButton, Card, Notice, Screen, StatusTag, confirm, toast } from '@/core/ui'
import {
  deleteSubscription,
  listMyApplications,
  listMyFavorites,
  listMySubscriptions,
  listNewPostings,
  markSubscriptionSeen,
  setFavorite,
} from '../../api'
import { JobCard, openJob } from '../../components/JobCard'
import { STATUS_TONES, criteriaText, dayText, salaryText, statusText } from '../../format'
import { MINE_CHECKING_TEXT } from '../../guardTexts'
import { LIST_PAGE, listPath, type MineTab } from '../../paths'
import './index.scss'

/** The WeChat template for "new postings for your saved search"; set it to the one registered in the
 * mini-program's console (订阅消息) before release. */
export const NEW_POSTINGS_TEMPLATE_ID = 'JOBS_NEW_POSTINGS_TEMPLATE'

const TABS: { key: MineTab; label: string }[] = [
  { key: 'applications', label: '我的投递' },
  { key: 'favorites', label: '收藏' },
  { key: 'subscriptions', label: '关注的搜索' },
]

function ApplicationItem({ app }: { app: Application }) {
  return (
    <View className="card jobs-mine__item" onClick={() => openJob(app.jobId)}>
      <View className="jobs-mine__item-head">
        <Text className="jobs-mine__item-title">{app.title}</Text>
        <StatusTag tone={STATUS_TONES[app.status]}>{statusText(app.status)}</StatusTag>
      </View>
      <Text className="jobs-mine__item-sub">{app.employer}</Text>
      <Text className="jobs-mine__item-meta">
        {app.district} · {salaryText(app.salaryMin, app.salaryMax)} · {dayText(app.createdAt)}投递
      </Text>
    </View>
  )
}

/** A saved search: what it looks for, what is new since the last visit, and its actions. */
function SubscriptionCard({ sub, onDeleted }: { sub: Subscription; onDeleted: (id: string) => void }) {
  const [fresh, setFresh] = useState<JobSummary[] | null>(null)
  const [freshTotal, setFreshTotal] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [deleting, setDeleting] = useState(false)

  useEffect(() => {
    if (sub.newCount === 0) return
    let alive = true
    // Show what is new, then mark it seen: next visit shows only what comes after.
    listNewPostings(sub.id, 5)
      .then(async (page) => {
        if (!alive) return
        setFresh(page.items)
        setFreshTotal(page.total)
        await markSubscriptionSeen(sub.id)
      })
      .catch((e) => alive && setError(messageOf(e)))
    return () => {
      alive = false
    }
  }, [sub.id, sub.newCount])

  const openAll = () =>
    void Taro.navigateTo({ url: listPath({ q: sub.q, district: sub.districtCode, industry: sub.industry, salaryMin: sub.salaryMin }) })

  const remind = async () => {
    if (process.env.TARO_ENV !== 'weapp') {
      toast('网页版收不到微信提醒；有新岗位时，这里和首页会告诉你')
      return
    }
    try {
      const res = await Taro.requestSubscribeMessage({ tmplIds: [NEW_POSTINGS_TEMPLATE_ID] } as Taro.requestSubscribeMessage.Option)
      const answer = (res as unknown as Record<string, string>)[NEW_POSTINGS_TEMPLATE_ID]
      toast(answer === 'accept' ? '已开启：有新岗位时微信会提醒你一次' : '没有开启微信提醒，新岗位仍会显示在这里')
    } catch {
      toast('暂时无法开启微信提醒，新岗位仍会显示在这里')
    }
  }

  const remove = async () => {
    if (!(await confirm('删除这个搜索', `不再关注“${criteriaText(sub)}”的新岗位？`, '删除'))) return
    setDeleting(true)
    try {
      await deleteSubscription(sub.id)
      onDeleted(sub.id)
      toast('已删除')
    } catch (e) {
      toast(messageOf(e))
    } finally {
      setDeleting(false)
    }
  }

  return (
    <Card className="jobs-mine__sub">
      <View className="jobs-mine__item-head">
        <Text className="jobs-mine__item-title">{criteriaText(sub)}</Text>
        <StatusTag tone={sub.newCount > 0 ? 'info' : 'muted'}>{sub.newCount > 0 ? `${sub.newCount} 个新岗位` : '暂无新岗位'}</StatusTag>
      </View>
      <Text className="jobs-mine__item-meta">上次查看：{dayText(sub.lastSeenAt)}</Text>
      {error ? <Text className="jobs-mine__error">新岗位没有加载出来：{error}</Text> : null}
      {fresh && fresh.length > 0 ? (
        <View className="jobs-mine__fresh">
          <Text className="jobs-mine__fresh-title">
            上次查看之后新发布 {freshTotal} 个{freshTotal > fresh.length ? `，先看最新的 ${fresh.length} 个` : ''}：
          </Text>
          {fresh.map((job) => (
            <JobCard key={job.id} job={job} />
          ))}
        </View>
      ) : null}
      <View className="jobs-mine__sub-actions">
        <ActionButton kind="secondary" small onClick={openAll}>
          查看全部岗位
        </ActionButton>
        <ActionButton kind="secondary" small onClick={remind}>
          开启微信提醒
        </ActionButton>
        <ActionButton kind="danger" small loading={deleting} onClick={remove}>
          删除
        </ActionButton>
      </View>
    </Card>
  )
}

export default function MyJobsPage() {
  const { params } = useRouter()
  const guard = useGuardScreen({ checkingText: MINE_CHECKING_TEXT })
  const initialTab = TABS.find((t) => t.key === params.tab)?.key ?? 'applications'
  const [tab, setTab] = useState<MineTab>(initialTab)
  // Only the open tab loads (a key of null waits); coming back to a tab loads it afresh.
  const keyFor = (name: MineTab) => (guard.ready && tab === name ? name : null)
  const applications = usePaged<Application>(keyFor('applications'), listMyApplications)
  const favorites = usePaged<JobSummary>(keyFor('favorites'), listMyFavorites)
  const subscriptions = usePaged<Subscription>(keyFor('subscriptions'), listMySubscriptions)

  // The hooks load on mount; back from a posting (applied, or a favourite changed) load again.
  // Saved searches are left as they are: their cards mark new postings seen as they show them.
  useReshow(() => {
    if (!guard.ready) return
    if (tab === 'applications') applications.reload()
    if (tab === 'favorites') favorites.reload()
  })

  if (!guard.ready) return guard.screen

  const goList = () => void Taro.navigateTo({ url: LIST_PAGE })

  const unfavorite = async (job: JobSummary) => {
    try {
      await setFavorite(job.id, false)
      favorites.remove((j) => j.id === job.id)
      toast('已取消收藏')
    } catch (e) {
      toast(messageOf(e))
    }
  }

  function section<T>(list: Paged<T>, empty: { title: string; text: string }, render: (item: T) => JSX.Element) {
    if (list.items.length === 0) {
      if (list.error) {
        return <Notice title="没有加载出来" text={`${list.error}。请检查网络后重试。`} actionText="重新加载" onAction={list.retry} />
      }
      // Nothing answered yet (total null) counts as loading, so the empty state never flashes first.
      if (list.loading || list.total === null) return <Notice title="正在加载…" text="稍等片刻，马上就好。" />
      return <Notice title={empty.title} text={empty.text} actionText="去看看岗位" onAction={goList} />
    }
    return (
      <View>
        {list.items.map(render)}
        {list.error ? (
          <Notice title="没有加载出来" text={`${list.error}。请检查网络后重试。`} actionText="重新加载" onAction={list.retry} />
        ) : list.hasMore ? (
          <ActionButton kind="secondary" loading={list.loadingMore} onClick={list.loadMore}>
            加载更多
          </ActionButton>
        ) : null}
      </View>
    )
  }

  let content
  if (tab === 'applications') {
    content = section(applications, { title: '你还没有投递过岗位', text: '在岗位详情里点“投递简历”，用实名身份一键投递。' }, (app) => (
      <ApplicationItem key={app.id} app={app} />
    ))
  } else if (tab === 'favorites') {
    content = section(favorites, { title: '还没有收藏的岗位', text: '在岗位详情里点“收藏”，感兴趣的岗位会放在这里。' }, (job) => (
      <View key={job.id} className="jobs-mine__fav">
        <JobCard job={job} />
        <ActionButton kind="text" onClick={() => void unfavorite(job)}>
          取消收藏
        </ActionButton>
      </View>
    ))
  } else {
    content = section(
      subscriptions,
      { title: '还没有关注的搜索', text: '在岗位列表设好关键词、区、行业或月薪后，点“保存搜索”，有新岗位时会在这里告诉你。' },
      (sub) => <SubscriptionCard key={sub.id} sub={sub} onDeleted={(id) => subscriptions.remove((s) => s.id === id)} />,
    )
  }

  return (
    <Screen>
      <View className="jobs-mine__tabs" role="tablist">
        {TABS.map((t) => (
          <View
            key={t.key}
            role="tab"
            aria-selected={tab === t.key}
            className={`jobs-mine__tab ${tab === t.key ? 'jobs-mine__tab--on' : ''}`}
            onClick={() => setTab(t.key)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {content}
    </Screen>
  )
}
