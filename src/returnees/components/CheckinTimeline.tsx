import { Text, View } from '@tarojs/components'
import { SYMPTOM_LABELS, isFever, type Checkin } from '@/core/contract/returnees'
import { parseIso, shanghaiClock } from '@/core/time/shanghai'
import { Notice, Unbroken } from '@/core/ui'
import './returnees.scss'

const BY_WORDS: Record<Checkin['by'], string> = {
  self: ' · 本人打卡',
  worker: ' · 社区工作人员代为打卡',
  family: ' · 家人代为打卡',
}

/** Check-ins, newest first: the date, the temperature, symptoms, and who recorded it. */
export function CheckinTimeline({ checkins, emptyText }: { checkins: Checkin[]; emptyText: string }) {
  if (!checkins.length) return <Notice title="还没有打卡记录" text={emptyText} />
  return (
    <View className="returnees-timeline">
      {checkins.map((c) => {
        const bad = isFever(c.temperature) || c.symptoms.length > 0
        return (
          <View key={c.id} className="returnees-timeline__item">
            <View className={`returnees-timeline__dot ${bad ? 'returnees-timeline__dot--bad' : ''}`} />
            <View className="returnees-timeline__main">
              <Text className="text-title">
                {c.date} · {c.temperature.toFixed(1)} ℃{bad ? '（异常）' : '（正常）'}
              </Text>
              <Text className="returnees-timeline__when">
                {c.symptoms.length ? `症状：${c.symptoms.map((s) => SYMPTOM_LABELS[s]).join('、')}` : '无症状'} ·{' '}
                {shanghaiClock(parseIso(c.at))}
                {BY_WORDS[c.by]}
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
    <View className="returnees-kv">
      <Text className="returnees-kv__k">{k}</Text>
      <Unbroken className="returnees-kv__v" text={v} />
    </View>
  )
}
