import { Text, View } from '@tarojs/components'
import type { FamilyMember } from '../contract/family'
import { memberLabel } from './members'
import './family.scss'

export interface MemberSwitchProps {
  /** What is being chosen: "为谁预约", "为谁登记", "出示谁的通行码". */
  label: string
  members: readonly FamilyMember[]
  /** The chosen member's id; undefined is the person themselves. */
  value: string | undefined
  onChange: (memberId: string | undefined) => void
  selfLabel?: string
}

/**
 * 我本人 or one of the family members, as large radio buttons that say which is chosen in words
 * (✓) as well as colour. Nothing is shown when the person has no members: the page is for them.
 */
export function MemberSwitch({ label, members, value, onChange, selfLabel = '我本人' }: MemberSwitchProps) {
  if (members.length === 0) return null
  const options = [{ id: undefined, text: selfLabel }, ...members.map((m) => ({ id: m.id as string | undefined, text: memberLabel(m) }))]
  return (
    <View className="member-switch">
      <Text className="member-switch__label" id="member-switch-label">
        {label}
      </Text>
      <View className="member-switch__options" role="radiogroup" aria-labelledby="member-switch-label">
        {options.map((o) => {
          const on = o.id === value
          return (
            <View
              key={o.id ?? 'self'}
              className={`member-switch__option ${on ? 'member-switch__option--on' : ''}`}
              role="radio"
              aria-checked={on}
              onClick={() => onChange(o.id)}
            >
              {on ? `✓ ${o.text}` : o.text}
            </View>
          )
        })}
      </View>
    </View>
  )
}
