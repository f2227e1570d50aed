import { View } from '@tarojs/components'
import './returnees.scss'

export interface ChipOption<T extends string> {
  value: T
  label: string
  danger?: boolean
}

/** Big tappable choices; several at once when `multiple`. The chosen ones say so in words too (aria). */
export function Chips<T extends string>({
  options,
  selected,
  onToggle,
  name,
}: {
  options: readonly ChipOption<T>[]
  selected: readonly T[]
  onToggle: (value: T) => void
  name?: string
}) {
  return (
    <View className="returnees-chips" id={name ? `chips-${name}` : undefined}>
      {options.map((o) => {
        const on = selected.includes(o.value)
        return (
          <View
            key={o.value}
            className={`returnees-chip ${on ? 'returnees-chip--on' : ''} ${o.danger ? 'returnees-chip--danger' : ''}`}
            role="checkbox"
            aria-checked={on}
            onClick={() => onToggle(o.value)}
          >
            {on ? `✓ ${o.label}` : o.label}
          </View>
        )
      })}
    </View>
  )
}
