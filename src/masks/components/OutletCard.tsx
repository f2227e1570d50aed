import { Text, View } from '@tarojs/components'
import type { Allocation, Outlet } from '@/core/contract/masks'
import { fmtDistance } from '../format'
import { StockLine } from './StockLine'

export function OutletCard({ outlet, allocation, onPick }: { outlet: Outlet; allocation: Allocation; onPick?: (o: Outlet) => void }) {
  return (
    <View className="card masks-outlet" onClick={onPick ? () => onPick(outlet) : undefined}>
      <View className="masks-outlet__head">
        <Text className="masks-outlet__name">{outlet.name}</Text>
        {outlet.distanceM !== undefined ? <Text className="masks-outlet__distance">约 {fmtDistance(outlet.distanceM)}</Text> : null}
      </View>
      <Text className="masks-outlet__line">{outlet.address}</Text>
      <Text className="masks-outlet__line">营业时间 {outlet.hours}</Text>
      <StockLine outlet={outlet} allocation={allocation} />
      {onPick ? (
        <Text className="masks-outlet__go">
          {outlet.remaining === 0 && allocation === 'first_come' ? '查看' : allocation === 'lottery' ? '在这里登记' : '在这里预约'} ›
        </Text>
      ) : null}
    </View>
  )
}
