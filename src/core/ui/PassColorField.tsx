import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { PASS_COLOR_LABELS, type PassColor, type PassReason } from '../contract/pass'
import { Unbroken } from './Unbroken'

/** A shape for each colour, so the pass reads the same to someone who cannot tell red from green. */
const ICONS: Record<PassColor, string> = { green: '✓', yellow: '!', red: '✕' }

/** What each colour asks of the holder, in a line under its name. */
const MEANING: Record<PassColor, string> = {
  green: '可正常通行',
  yellow: '请配合居家观察',
  red: '请留在家中，等待社区联系',
}

/**
 * A pass's colour as a field of that colour with its words, an icon and the reasons: never
 * colour alone. `unknown` is the grey field of a pass that cannot be shown as current (no
 * network, or not loaded yet): it has no colour at all, so an old one is never taken for now.
 */
export function PassColorField({
  color,
  reasons = [],
  compact,
  unknownTitle = '暂时无法显示',
  children,
}: {
  color: PassColor | 'unknown'
  reasons?: PassReason[]
  compact?: boolean
  unknownTitle?: string
  children?: ReactNode
}) {
  const known = color !== 'unknown'
  const classes = ['passcolor', `passcolor--${color}`, compact ? 'passcolor--compact' : '']
  return (
    <View className={classes.filter(Boolean).join(' ')}>
      <View className="passcolor__head">
        <Text className="passcolor__icon" aria-hidden>
          {known ? ICONS[color] : '?'}
        </Text>
        <View className="passcolor__words">
          <Text className="passcolor__name">{known ? PASS_COLOR_LABELS[color] : unknownTitle}</Text>
          {known ? <Text className="passcolor__meaning">{MEANING[color]}</Text> : null}
        </View>
      </View>
      {known && reasons.length > 0 ? (
        <View className="passcolor__reasons">
          {reasons.map((r) => (
            <Unbroken key={r.code} className="passcolor__reason" text={r.text} />
          ))}
        </View>
      ) : null}
      {children}
    </View>
  )
}
