import { Picker, Text, View } from '@tarojs/components'
import { Field } from '@/core/ui'
import './returnees.scss'

/** A date chosen from a calendar picker, never typed: `YYYY-MM-DD` between `start` and `end`. */
export function DateField({
  label,
  value,
  start,
  end,
  onChange,
  error,
  hint,
  name,
}: {
  label: string
  value: string
  start?: string
  end?: string
  onChange: (value: string) => void
  error?: string
  hint?: string
  name?: string
}) {
  return (
    <Field label={label} error={error} hint={hint} name={name}>
      <Picker
        className="returnees-date field__picker"
        mode="date"
        value={value || end || ''}
        start={start}
        end={end}
        onChange={(e) => onChange(String(e.detail.value))}
      >
        <View className="field__picker-value">
          <Text className={value ? '' : 'field__placeholder'}>{value || '请选择日期'}</Text>
          <Text className="chevron">›</Text>
        </View>
      </Picker>
    </Field>
  )
}
