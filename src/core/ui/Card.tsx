import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

export function Card({
  title,
  extra,
  children,
  className,
}: {
  title?: ReactNode
  extra?: ReactNode
  children?: ReactNode
  className?: string
}) {
  return (
    <View className={`card ${className ?? ''}`}>
      {title || extra ? (
        <View className="row">
          {title ? <Text className="card__title">{title}</Text> : <View />}
          {extra ? <Text className="card__extra">{extra}</Text> : null}
        </View>
      ) : null}
      {children}
    </View>
  )
}
