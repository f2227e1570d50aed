import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { messageOf } from '@/core/api'
import { TEXT_LIMITS } from '@/core/contract/limits'
import { COMMUNITY_FILTERS, type CommunityFilter, type Declaration } from '@/core/contract/returnees'
import { usePaged } from '@/core/hooks/usePaged'
import { useRemote } from '@/core/hooks/useRemote'
import { useReshow } from '@/core/hooks/useReshow'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { ActionButton, Banner, Card, Notice, Screen, StatusTag, TextField, toast, Unbroken } from '@/core/ui'
import { getCommunityReport, getCommunitySummary, listCommunityDeclarations } from '../../api'
import { Chips } from '../../components/Chips'
import { StatusBadge } from '../../components/StatusBadge'
import { WORKER_DENIED } from '../../guardTexts'
import { REGISTER_PAGE, personPath } from '../../paths'
import { exportReport, shareReportToChat, type SavedReport } from '../../report/export'
import { FULL_NUMBER_REFUSAL, SEARCH_HINT, SEARCH_PLACEHOLDER, holdsFullNumber } from './search'
import './index.scss'

type Filter = CommunityFilter | 'all'
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'due_today', label: '今日未打卡' },
  { value: 'ending_today', label: '今日期满' },
  { value: 'flagged', label: '需关注' },
  { value: 'observing', label: '观察中' },
  { value: 'released', label: '已解除' },
]

const PAGE_SIZE = 20

function PersonRow({ d }: { d: Declaration }) {
  const left =
    d.status === 'released'
      ? '已解除'
      : d.daysLeft === 0
        ? '观察期已满，可核实解除'
        : `观察至 ${d.observationEndsOn.slice(5)}，还有 ${d.daysLeft} 天`
  return (
    <View className="returnees-person" onClick={() => void Taro.navigateTo({ url: personPath(d.id) })}>
      <View className="returnees-person__main">
        <View className="returnees-person__head">
          <Text className="returnees-person__name">{d.subjectMasked}</Text>
          <StatusBadge status={d.status} />
          {d.status !== 'released' ? (
            d.checkedInToday ? (
              <StatusTag tone="success">今日已打卡</StatusTag>
            ) : (
              <StatusTag tone="warning">今日未打卡</StatusTag>
            )
          ) : null}
        </View>
        <Unbroken className="returnees-person__meta" text={`${d.originName} · ${d.arrivalDate.slice(5)} 抵沪 · ${left}`} />
        <Text className="returnees-person__meta">{d.residence.address}</Text>
      </View>
      <Text className="chevron">›</Text>
    </View>
  )
}

export default function ConsolePage() {
  const guard = useGuardScreen({ role: 'worker', denied: WORKER_DENIED })
  const { params } = useRouter()
  const initial = (COMMUNITY_FILTERS as readonly string[]).includes(params.status ?? '') ? (params.status as Filter) : 'all'
  const [filter, setFilter] = useState<Filter>(initial)
  const [query, setQuery] = useState('')
  const [q, setQ] = useState('')
  const [queryError, setQueryError] = useState<string | null>(null)
  const [exporting, setExporting] = useState(false)
  const [saved, setSaved] = useState<SavedReport | null>(null)
  const status = filter === 'all' ? undefined : filter

  // The counts depend on neither the chip nor the search: loaded once the guard lets us in and on re-show.
  const summaryRemote = useRemote(async () => (guard.ready ? getCommunitySummary() : null), [guard.ready])
  const summary = summaryRemote.data ?? null

  // One list per chip and search; none until the guard has let a worker in.
  const list = usePaged<Declaration>(guard.ready ? JSON.stringify({ status, q }) : null, (cursor) =>
    listCommunityDeclarations({ status, q: q || undefined, limit: PAGE_SIZE }, cursor),
  )
  // A next page that fails leaves the rows shown as they are: a toast says why, 加载更多 stays.
  useEffect(() => {
    if (list.phase === 'more-error' && list.error) toast(list.error)
  }, [list.phase, list.error])

  const refresh = () => {
    void summaryRemote.reload()
    void list.reload()
  }
  useReshow(() => {
    if (guard.ready) refresh()
  })

  if (!guard.ready) return guard.screen

  // A whole document or phone number never leaves the phone: it could find no one, only be logged.
  const search = () => {
    const text = query.trim()
    if (holdsFullNumber(text)) {
      setQueryError(FULL_NUMBER_REFUSAL)
      return
    }
    setQueryError(null)
    setQ(text)
  }

  const download = async () => {
    setExporting(true)
    try {
      const report = await getCommunityReport(summary?.today)
      setSaved(await exportReport(report))
      toast(process.env.TARO_ENV === 'weapp' ? '日报已生成' : `已下载 ${report.filename}`, 'success')
    } catch (e) {
      toast(messageOf(e))
    } finally {
      setExporting(false)
    }
  }

  const label = FILTERS.find((f) => f.value === filter)?.label ?? '全部'
  // A reload (on coming back) that failed while the numbers or the list were shown: they stay, with a word.
  const staleSummary = summaryRemote.status === 'ready' ? summaryRemote.reloadError : null
  const staleList = list.phase === 'error' && list.items.length > 0 ? list.error : null
  const stale = staleSummary ?? staleList
  // The list has answered for this chip and search (a next page may be on its way).
  const listShown = list.phase === 'ready' || list.phase === 'more' || list.phase === 'more-error'

  return (
    <Screen footer={<ActionButton onClick={() => void Taro.navigateTo({ url: REGISTER_PAGE })}>登记没有手机的居民</ActionButton>}>
      <View className="returnees-console__head">
        <Text className="text-headline">本社区返沪人员</Text>
        <Text className="returnees-console__sub">{summary ? `${summary.today} · 姓名和证件号均已打码` : '姓名和证件号均已打码'}</Text>
      </View>

      {stale ? (
        <Banner tone="warning">
          <Text>{`刷新失败：${stale}。下面是之前加载的数字和名单。`}</Text>
          <ActionButton kind="text" small onClick={refresh}>
            重新加载
          </ActionButton>
        </Banner>
      ) : null}

      {summaryRemote.status === 'error' ? (
        <Notice
          title="今日数字没有加载出来"
          text={`${summaryRemote.message}。请检查网络后重试。`}
          actionText="重新加载"
          onAction={() => void summaryRemote.reload()}
        />
      ) : summary ? (
        <Card>
          <View className="returnees-console__big" onClick={() => setFilter('due_today')}>
            <View>
              <Text className="text-title">今日还未打卡</Text>
              <Text className="returnees-console__sub">点此查看名单，可上门代为打卡</Text>
            </View>
            <Unbroken
              className={`returnees-console__due ${summary.dueToday === 0 ? 'returnees-console__due--zero' : ''}`}
              text={`${summary.dueToday} 人`}
            />
          </View>
          <View className="returnees-console__grid">
            <View className="returnees-console__cell" onClick={() => setFilter('observing')}>
              <Text className="returnees-console__num">{summary.observing}</Text>
              <Text className="returnees-console__label">观察中</Text>
            </View>
            <View className="returnees-console__cell" onClick={() => setFilter('flagged')}>
              <Text className="returnees-console__num returnees-console__num--danger">{summary.flagged}</Text>
              <Text className="returnees-console__label">需重点关注</Text>
            </View>
            <View className="returnees-console__cell" onClick={() => setFilter('ending_today')}>
              <Text className="returnees-console__num">{summary.endingToday}</Text>
              <Text className="returnees-console__label">今日期满</Text>
            </View>
            <View className="returnees-console__cell" onClick={() => setFilter('released')}>
              <Text className="returnees-console__num returnees-console__num--ok">{summary.releasedToday}</Text>
              <Text className="returnees-console__label">今日解除</Text>
            </View>
            <View className="returnees-console__cell" onClick={() => setFilter('all')}>
              <Text className="returnees-console__num">{summary.total}</Text>
              <Text className="returnees-console__label">登记总数</Text>
            </View>
          </View>
        </Card>
      ) : null}

      {listShown && summary && summary.flagged > 0 && filter !== 'flagged' ? (
        <Banner tone="danger">
          <View className="returnees-console__banner-link" role="button" onClick={() => setFilter('flagged')}>
            <Unbroken text={`有 ${summary.flagged} 人需要重点关注，点此查看`} />
            <Text className="chevron">›</Text>
          </View>
        </Banner>
      ) : null}

      <Card title="名单">
        <View className="returnees-console__filters">
          <Chips name="filter" options={FILTERS} selected={[filter]} onToggle={(f) => setFilter(f)} />
        </View>
        <View className="returnees-console__search">
          <TextField
            label="搜索名单"
            name="q"
            value={query}
            maxLength={TEXT_LIMITS.communityQuery}
            placeholder={SEARCH_PLACEHOLDER}
            hint={SEARCH_HINT}
            error={queryError ?? undefined}
            onChange={(text) => {
              setQuery(text)
              setQueryError(null)
            }}
            suffix={
              <ActionButton kind="text" onClick={search}>
                搜索
              </ActionButton>
            }
          />
        </View>
        {list.phase === 'error' && list.items.length === 0 ? (
          <Notice title="名单没有加载出来" text={`${list.error}。请检查网络后重试。`} actionText="重新加载" onAction={list.retry} />
        ) : list.loading && list.items.length === 0 ? (
          <Notice title="正在加载名单…" />
        ) : list.items.length === 0 ? (
          <Notice
            title={q ? `没有找到“${q}”` : `“${label}”里没有人`}
            text={q ? '只能按打码后看得到的内容搜索：姓氏、证件号后四位、地址或出发地。' : '换一个分类看看，或登记没有手机的居民。'}
            actionText={q ? '清除搜索' : undefined}
            onAction={
              q
                ? () => {
                    setQuery('')
                    setQ('')
                  }
                : undefined
            }
          />
        ) : (
          <View>
            <Text className="returnees-console__sub">
              {label}：共 {list.total ?? list.items.length} 人
            </Text>
            {list.items.map((d) => (
              <PersonRow key={d.id} d={d} />
            ))}
            {list.hasMore ? (
              <ActionButton kind="secondary" className="returnees-console__more" loading={list.loadingMore} onClick={list.loadMore}>
                加载更多
              </ActionButton>
            ) : null}
          </View>
        )}
      </Card>

      <Card title="每日报表">
        <Text className="returnees-console__sub">本社区当日名单与打卡情况，姓名、证件号、手机号均已打码。</Text>
        <ActionButton kind="secondary" loading={exporting} onClick={download}>
          {process.env.TARO_ENV === 'weapp' ? '生成并打开今日日报' : '下载今日日报（CSV）'}
        </ActionButton>
        {saved?.csvPath ? (
          <ActionButton kind="text" onClick={() => void shareReportToChat(saved).catch((e) => toast(messageOf(e)))}>
            把 CSV 发到微信聊天
          </ActionButton>
        ) : null}
      </Card>
    </Screen>
  )
}
