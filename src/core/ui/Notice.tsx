import { Text, View } from '@tarojs/components'
import { Unbroken } from './Unbroken'
import { ActionButton } from './ActionButton'

/** Empty, loading and error states, each a sentence that says what to do next. */
export function Notice({
  title,
  text,
  actionText,
  onAction,
}: {
  title: string
  text?: string
  actionText?: string
  onAction?: () => void
}) {
  return (
    <View className="notice">
      <Text className="notice__title">{title}</Text>
      {text ? <Unbroken className="notice__text" text={text} /> : null}
      {actionText && onAction ? (
        <ActionButton kind="secondary" small onClick={onAction}>
          {actionText}
        </ActionButton>
      ) : null}
    </View>
  )
}

export function Banner({ tone, children }: { tone: 'info' | 'warning' | 'danger' | 'success'; children: React.ReactNode }) {
  return <View className={`banner banner--${tone}`}>{children}</View>
}

export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'muted'

/** A status colour always carries its words: colour alone says nothing to many people. */
export function StatusTag({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return <Text className={`tag tag--${tone}`}>{children}</Text>
}
