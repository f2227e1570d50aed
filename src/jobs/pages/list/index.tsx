import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { ApiError, failureNote, isTransient } from '@/core/api'
import {
  JOB_INDUSTRIES,
  JOB_SORTS,
  TEXT_LIMITS,
  type JobFilters,
  type JobIndustry,
  type JobSort,
  type JobSummary,
} from '@/core/contract/jobs'
import { decodeParam } from '@/core/hooks/params'
import { useAttemptKey } from '@/core/hooks/useAttemptKey'
import type { Paged } from '@/core/hooks/usePaged'
import { ActionButton, designPx, layoutWidth, lengthNote, Notice, Screen, SubmitNote, toast, useLargeText } from '@/core/ui'
import { saveSubscription } from '../../api'
import { FilterBar } from '../../components/FilterBar'
import { JobResults } from '../../components/JobResults'
import { hasCriteria } from '../../format'
import { useDebounced } from '../../hooks/useDebounced'
import { useJobList } from '../../hooks/useJobList'
import { MINE_PAGE } from '../../paths'
import './index.scss'

const SEARCH_DELAY_MS = 400
/** Row heights at the 375-px design width; the list is told the real ones. 长辈模式 leaves room for a two-line title. */
const ROW_PX = 144
const ROW_PX_LARGE = 208

/** The window in px, read once per page: getSystemInfoSync is a synchronous call into WeChat. */
function readWindow(): { width: number; height: number } {
  try {
    const info = Taro.getSystemInfoSync()
    return { width: info.windowWidth || 375, height: info.windowHeight || 667 }
  } catch {
    // No system info (a bare host): the design size.
    return { width: 375, height: 667 }
  }
}

/** Filters handed over in the page's query (from a saved search); nothing personal goes there. */
function filtersFrom(params: Record<string, string | undefined>): JobFilters {
  const f: JobFilters = {}
  // A garbled parameter (a link cut short) is dropped; the others still apply.
  const get = (k: string) => decodeParam(params[k])
  const q = get('q')
  // Kept whole, never cut to the limit: the search box shows it is over, and the server says so.
  if (q) f.q = q
  const district = get('district')
  if (district) f.district = district
  const industry = get('industry')
  if (industry && (JOB_INDUSTRIES as readonly string[]).includes(industry)) f.industry = industry as JobIndustry
  const salary = Number(get('salaryMin'))
  if (Number.isInteger(salary) && salary > 0) f.salaryMin = salary
  const sort = get('sort')
  if (sort && (JOB_SORTS as readonly string[]).includes(sort)) f.sort = sort as JobSort
  return f
}

function summaryText(list: Paged<JobSummary>, filtered: boolean): string {
  if (list.phase === 'loading') return '正在查找岗位…'
  if (list.phase === 'error' && list.items.length === 0) return '岗位没有加载出来'
  return `${filtered ? '符合条件的' : '全市'}岗位共 ${list.total ?? 0} 个`
}

export default function JobListPage() {
  const { params } = useRouter()
  const initial = useMemo(() => filtersFrom(params), [params])
  const [qText, setQText] = useState(initial.q ?? '')
  const [filters, setFilters] = useState<Omit<JobFilters, 'q'>>(() => {
    const { q: _typed, ...rest } = initial
    return rest
  })
  const q = useDebounced(qText.trim(), SEARCH_DELAY_MS)
  const query = useMemo<JobFilters>(() => ({ ...filters, q: q || undefined }), [filters, q])
  const list = useJobList(query)
  const large = useLargeText().enabled
  const [win] = useState(readWindow)
  const itemSize = useMemo(() => designPx(large ? ROW_PX_LARGE : ROW_PX, win.width), [large, win.width])
  const [listHeight, setListHeight] = useState(() => Math.max(win.height - designPx(200, win.width), 240))
  // Both sizes as numbers: a string makes the virtual list query the page for its box.
  const listWidth = layoutWidth(win.width) - 2 * designPx(16, win.width)
  const [saving, setSaving] = useState(false)
  const filtered = hasCriteria(query)
  const criteria = useMemo(
    () => ({ q: query.q, district: query.district, industry: query.industry || undefined, salaryMin: query.salaryMin }),
    [query.q, query.district, query.industry, query.salaryMin],
  )
  const criteriaText = JSON.stringify(criteria)
  // One key per saved search: a retry after a lost answer gets the first answer back, never
  // "already saved" (or a second one). Other criteria are another search with another key.
  const saveAttempt = useAttemptKey()
  const [saveNote, setSaveNote] = useState<{ tone: 'danger' | 'success'; text: string; criteria: string } | null>(null)
  // What became of the last save, said under its button, for the search it was about only.
  const saveSaid = saveNote && saveNote.criteria === criteriaText ? saveNote : null
  // The search box stops at the contract's limit; near it, it counts and says so, as every field does.
  const qNote = lengthNote(qText, TEXT_LIMITS.jobQuery)

  // The list's height is what is left under the header; the virtual list needs it in px.
  const measure = useCallback(() => {
    const apply = (height: number | undefined) => {
      if (height && height > 0) setListHeight(Math.floor(height))
    }
    if (process.env.TARO_ENV === 'h5') {
      apply(document.getElementById('jobs-list-body')?.getBoundingClientRect().height)
      return
    }
    try {
      Taro.createSelectorQuery()
        .select('#jobs-list-body')
        .boundingClientRect((rect) => apply((Array.isArray(rect) ? rect[0] : rect)?.height))
        .exec()
    } catch {
      // No layout to ask (a host without selector queries): keep the estimate.
    }
  }, [])

  const empty = list.items.length === 0
  useEffect(() => {
    const timer = setTimeout(measure, 50)
    return () => clearTimeout(timer)
  }, [measure, large, empty, saveSaid?.text])

  usePullDownRefresh(() => {
    void list.reload().finally(() => {
      void Taro.stopPullDownRefresh()
    })
  })

  const clearAll = () => {
    setQText('')
    setFilters({ sort: filters.sort })
  }

  const save = async () => {
    if (!filtered) {
      toast('先输入关键词或选好区、行业、月薪，再保存搜索')
      return
    }
    const key = saveAttempt.keyFor(criteriaText)
    const say = (tone: 'danger' | 'success', text: string) => setSaveNote({ tone, text, criteria: criteriaText })
    setSaving(true)
    setSaveNote(null)
    try {
      await saveSubscription(criteria, key)
      saveAttempt.drop()
      say('success', '已保存，有新岗位会在“我的求职”里提醒你')
    } catch (e) {
      if (!isTransient(e)) saveAttempt.drop()
      if (e instanceof ApiError && e.code === 'ALREADY_SUBSCRIBED') say('success', '这个搜索已经保存过了，有新岗位会在“我的求职”里提醒你')
      else say('danger', failureNote(e, '再点一次保存不会重复保存'))
    } finally {
      setSaving(false)
    }
  }

  let body
  if (list.items.length === 0) {
    if (list.phase === 'loading') body = <Notice title="正在加载岗位…" text="稍等片刻，马上就好。" />
    else if (list.phase === 'error')
      body = (
        <Notice
          title="岗位没有加载出来"
          text={`${list.error ?? ''}。请检查网络后重试。`}
          actionText="重新加载"
          onAction={() => void list.reload()}
        />
      )
    else
      body = filtered ? (
        <Notice
          title="没有找到符合条件的岗位"
          text="换个关键词，或放宽区、行业、月薪的条件再试试。"
          actionText="清除全部条件"
          onAction={clearAll}
        />
      ) : (
        <Notice title="暂时没有在招的岗位" text="下拉可以刷新，过一会儿再来看看。" actionText="刷新" onAction={() => void list.reload()} />
      )
  } else {
    body = (
      <JobResults
        items={list.items}
        total={list.total ?? 0}
        nextCursor={list.nextCursor}
        phase={list.phase}
        message={list.error ?? undefined}
        height={listHeight}
        width={listWidth}
        itemSize={itemSize}
        onEndReached={list.loadMore}
        onRetry={list.loadMore}
      />
    )
  }

  return (
    <Screen className="jobs-list">
      <View className="jobs-list__head">
        <View className="jobs-list__search">
          <Input
            className="jobs-list__input"
            name="q"
            type="text"
            confirmType="search"
            value={qText}
            maxlength={TEXT_LIMITS.jobQuery}
            placeholder={large ? '搜索岗位或公司' : '搜索岗位或公司，如 司机、护士'}
            placeholderClass="field__placeholder"
            aria-label="搜索岗位或公司"
            onInput={(e) => setQText(e.detail.value)}
          />
          {qText ? (
            <Text className="jobs-list__clear" onClick={() => setQText('')}>
              清除
            </Text>
          ) : null}
          <Text className="jobs-list__mine" onClick={() => void Taro.navigateTo({ url: MINE_PAGE })}>
            我的求职
          </Text>
        </View>
        {qNote.count ? (
          <View className="field__foot jobs-list__limit">
            {qNote.limit ? <Text className={`field__limit ${qNote.over ? 'field__limit--over' : ''}`}>{qNote.limit}</Text> : null}
            <Text className={`field__count ${qNote.over ? 'field__count--over' : ''}`}>{qNote.count}</Text>
          </View>
        ) : null}
        <FilterBar filters={filters} onChange={(patch) => setFilters((prev) => ({ ...prev, ...patch }))} />
        <View className="jobs-list__summary">
          <Text className="jobs-list__count">{summaryText(list, filtered)}</Text>
          <ActionButton kind="text" loading={saving} disabled={!filtered} onClick={save}>
            保存搜索
          </ActionButton>
        </View>
        <SubmitNote tone={saveSaid?.tone} text={saveSaid?.text} />
        {list.phase === 'error' && list.items.length > 0 ? (
          <View className="jobs-list__stale">
            <Text>刷新失败：{list.error}。下面是之前加载的岗位。</Text>
          </View>
        ) : null}
      </View>
      <View className="jobs-list__body" id="jobs-list-body">
        {body}
      </View>
    </Screen>
  )
}
