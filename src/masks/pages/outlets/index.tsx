import Taro, { useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Outlet } from '@/core/contract/masks'
import { ActionButton, Banner, Card, PickerField, Screen } from '@/core/ui'
import { listOutlets, type OutletQuery } from '../../api'
import { OutletCard } from '../../components/OutletCard'
import { PagedFooter } from '../../components/PagedFooter'
import { SHANGHAI_DISTRICTS } from '@/core/regions/shanghaiDistricts'
import { fmtDateTime } from '../../format'
import { usePaged } from '@/core/hooks/usePaged'
import { useCurrentRound } from '../../hooks/useRound'
import { reservePath } from '../../paths'
import '../../components/masks.scss'
import './index.scss'

type Mode = { kind: 'locating' } | { kind: 'near'; lat: number; lng: number } | { kind: 'district'; district: string; denied: boolean }

const ALL = 'all'
const DISTRICT_OPTIONS = [{ value: ALL, label: '全部区' }, ...SHANGHAI_DISTRICTS.map((d) => ({ value: d.code, label: d.name }))]

const LOCATE_TIMEOUT_MS = 8000

/**
 * Where the person is, if they allow it; null when they do not, or the phone cannot tell within
 * a few seconds (the district picker is then better than waiting). WeChat gives map coordinates
 * (GCJ-02); a browser only GPS ones (WGS 84), a few hundred metres apart: enough to rank outlets.
 */
async function locate(): Promise<{ lat: number; lng: number } | null> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const res = await Promise.race([
      Taro.getLocation({ type: process.env.TARO_ENV === 'h5' ? 'wgs84' : 'gcj02' }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), LOCATE_TIMEOUT_MS)
      }),
    ])
    return { lat: res.latitude, lng: res.longitude }
  } catch {
    return null
  } finally {
    clearTimeout(timer)
  }
}

export default function OutletsPage() {
  const round = useCurrentRound()
  const [mode, setMode] = useState<Mode>({ kind: 'locating' })

  const askLocation = useCallback(async () => {
    setMode({ kind: 'locating' })
    const here = await locate()
    setMode(here ? { kind: 'near', ...here } : { kind: 'district', district: ALL, denied: true })
  }, [])

  useEffect(() => {
    void askLocation()
  }, [askLocation])

  const query: OutletQuery | null = useMemo(() => {
    if (mode.kind === 'locating') return null
    if (mode.kind === 'near') return { lat: mode.lat, lng: mode.lng }
    return mode.district === ALL ? {} : { district: mode.district }
  }, [mode])

  const list = usePaged<Outlet>(query ? JSON.stringify(query) : null, (cursor) => listOutlets(query ?? {}, cursor))
  useReachBottom(() => {
    if (list.hasMore) list.loadMore()
  })

  const allocation = round.data?.round.allocation ?? 'first_come'
  const pick = (o: Outlet) => void Taro.navigateTo({ url: reservePath(o.id) })

  return (
    <Screen>
      {round.data ? (
        <Banner tone="info">
          <Text>
            本轮每人限 {round.data.round.perPersonLimit} 个，
            {round.data.round.state === 'upcoming'
              ? `${fmtDateTime(round.data.round.opensAt)} 开始`
              : `${fmtDateTime(round.data.round.closesAt)} 截止`}
            {allocation === 'lottery' ? '，截止后统一抽签' : '，先到先得'}。
          </Text>
        </Banner>
      ) : null}

      <Card>
        {mode.kind === 'near' ? (
          <View className="masks-outlets__mode">
            <Text>已按离你最近排列</Text>
            <ActionButton kind="text" onClick={() => setMode({ kind: 'district', district: ALL, denied: false })}>
              改为按区选择
            </ActionButton>
          </View>
        ) : mode.kind === 'district' ? (
          <View>
            {mode.denied ? (
              <Text className="masks-outlets__why">没有获得你的位置，先按区列出网点。你也可以允许定位，按距离排列。</Text>
            ) : null}
            <PickerField
              label="所在区"
              name="district"
              value={mode.district}
              options={DISTRICT_OPTIONS}
              onChange={(district) => setMode({ kind: 'district', district, denied: false })}
            />
            <ActionButton kind="secondary" small onClick={() => void askLocation()}>
              使用我的位置
            </ActionButton>
          </View>
        ) : (
          <Text>正在获取你的位置，以便按距离排列…</Text>
        )}
      </Card>

      {list.total !== null && !list.loading ? <Text className="masks-outlets__total">共 {list.total} 个发放网点</Text> : null}

      {list.items.map((o) => (
        <OutletCard key={o.id} outlet={o} allocation={allocation} onPick={pick} />
      ))}

      <PagedFooter
        list={list}
        loadingTitle="正在加载网点…"
        errorTitle="网点没有加载出来"
        empty={{
          title: '这里暂时没有口罩发放网点',
          text: '请换一个区看看。',
          actionText: '查看全部区',
          onAction: () => setMode({ kind: 'district', district: ALL, denied: false }),
        }}
      />
      {!list.hasMore && list.items.length > 0 ? (
        <Text className="masks-outlets__end">已经到底了，共 {list.items.length} 个网点</Text>
      ) : null}
    </Screen>
  )
}
