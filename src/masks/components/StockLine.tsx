import { Text, View } from '@tarojs/components'
import type { Allocation, Outlet } from '@/core/contract/masks'
import { StatusTag } from '@/core/ui'
import { fmtClock } from '../format'

/** Few enough that a person should hurry or look elsewhere. */
export const LOW_STOCK = 20

/**
 * What is left and when it was counted, said in words: a stale number on a map is what cost
 * 2020's stock maps their trust, so the time and the caveat always go with it.
 */
export function StockLine({ outlet, allocation }: { outlet: Outlet; allocation: Allocation }) {
  const soldOut = outlet.remaining === 0
  const tag = soldOut ? (
    <StatusTag tone="danger">{allocation === 'lottery' ? '本轮无投放' : '已约完'}</StatusTag>
  ) : outlet.remaining < LOW_STOCK ? (
    <StatusTag tone="warning">余量紧张</StatusTag>
  ) : (
    <StatusTag tone="success">{allocation === 'lottery' ? '可登记' : '可预约'}</StatusTag>
  )
  const count = allocation === 'lottery' ? `本轮投放 ${outlet.remaining} 个` : soldOut ? '本轮已约完' : `剩余 ${outlet.remaining} 个`
  return (
    <View className="masks-stock">
      <View className="masks-stock__row">
        <Text className={`masks-stock__count ${soldOut ? 'masks-stock__count--out' : ''}`}>{count}</Text>
        {tag}
      </View>
      <Text className="masks-stock__note">{fmtClock(outlet.stockUpdatedAt)} 更新，数量随时在变，以提交后的结果为准</Text>
    </View>
  )
}
