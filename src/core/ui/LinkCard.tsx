import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'

/** A card that opens another page: what it is, a line on what is there, and a chevron. */
export function LinkCard({ title, text, url }: { title: string; text: string; url: string }) {
  return (
    <View className="card link-card" onClick={() => void Taro.navigateTo({ url })}>
      <View>
        <Text className="text-title">{title}</Text>
        <Text className="link-card__text">{text}</Text>
      </View>
      <Text className="chevron">›</Text>
    </View>
  )
}
