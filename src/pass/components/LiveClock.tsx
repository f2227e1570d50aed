import { Text, View } from '@tarojs/components'
import { clockWithSeconds, dayWithWeekday } from '../format'

/**
 * The time to the second and a band that never stops moving: a screenshot or a photo of the
 * pass stands still, so whoever checks it sees at a glance that it is not live.
 */
export function LiveClock({ now }: { now: number }) {
  return (
    <View className="pass-live">
      <View className="pass-live__band" aria-hidden />
      <Text className="pass-live__time" aria-label={`当前时间 ${clockWithSeconds(now)}`}>
        {clockWithSeconds(now)}
      </Text>
      <Text className="pass-live__day">{dayWithWeekday(now)}</Text>
    </View>
  )
}
