import { Text, View } from '@tarojs/components'
import { SYMPTOM_LABELS, isFever, type Checkin } from '@/core/contract/returnees'
import { parseIso, shanghaiClock } from '@/core/time/shanghai'
import { Notice } from '@/core/ui'
import './returnees.scss'

/** Check-ins, newest first: the date, the temperature, symptoms, and who recorded it. */
export function CheckinTimeline({ checkins, emptyText }: { checkins: Checkin[]; emptyText: string }) {
  if (!checkins.length) return <Notice title="还没有打卡记录" text={emptyText} />
  return (
    <View className="rt-timeline">
      {checkins.map((c) => {
        const bad = isFever(c.temperature) || c.symptoms.length > 0
        return (
          <View key={c.id} className="rt-timeline__item">
            <View className={`rt-timeline__dot ${bad ? 'rt-timeline__dot--bad' : ''}`} />
            <View className="rt-timeline__main">
              <Text className="text-title">
                {c.date} · {c.temperature.toFixed(1)} ℃{bad ? '（异常）' : '（正常）'}
              </Text>
              <Text className="rt-timeline__when">
                {c.symptoms.length ? `症状：${c.symptoms.map((s) => SYMPTOM_LABELS[s]).join('、')}` : '无症状'} ·{' '}
                {shanghaiClock(parseIso(c.at))}
                {c.by === 'worker' ? ' · 社区工作人员代为打卡' : ' · 本人打卡'}
              </Text>
            </View>
          </View>
        )
      })}
    </View>
  )
}

export function KV({ k, v }: { k: string; v: string }) {
  return (
    <View className="rt-kv">
      <Text className="rt-kv__k">{k}</Text>
      <Text className="rt-kv__v">{v}</Text>
    </View>
  )
}
