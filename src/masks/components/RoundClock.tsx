import { Text, View } from '@tarojs/components'
import type { Round } from '@/core/contract/masks'
import { parseIso } from '@/core/time/shanghai'
import { fmtCountdown, nextMoment } from '../format'
import { useServerNow, useWhenReached } from '../hooks/useRound'

/**
 * The countdown to the round's next moment, by the server's clock (the phone's may be wrong),
 * and a reload when it is reached so the page shows the round's new state.
 */
export function RoundClock({ round, offsetMs, onReached }: { round: Round; offsetMs: number; onReached: () => void }) {
  const now = useServerNow(offsetMs)
  const next = nextMoment(round)
  const at = next ? parseIso(next.at) : null
  useWhenReached(at, now, onReached)
  if (!next || at === null) return null
  return (
    <View className="masks-clock">
      <Text className="masks-clock__label">{next.label}还有</Text>
      <Text className="masks-clock__value">{fmtCountdown(at - now)}</Text>
    </View>
  )
}
