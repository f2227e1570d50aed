import { Input, Picker, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

interface FieldFrameProps {
  label: string
  error?: string
  hint?: string
  children: ReactNode
  name?: string
}

/** A label, the control, a hint and the field's own error right under it. */
export function Field({ label, error, hint, children, name }: FieldFrameProps) {
  return (
    <View className={`field ${error ? 'field--invalid' : ''}`} id={name ? `field-${name}` : undefined}>
      <Text className="field__label">{label}</Text>
      <View className="field__control">{children}</View>
      {error ? <Text className="field__error">{error}</Text> : hint ? <Text className="field__hint">{hint}</Text> : null}
    </View>
  )
}

export interface TextFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  error?: string
  hint?: string
  type?: 'text' | 'number' | 'idcard' | 'digit'
  maxlength?: number
  name?: string
  suffix?: ReactNode
  onBlur?: () => void
}

export function TextField({
  label,
  value,
  onChange,
  placeholder,
  error,
  hint,
  type = 'text',
  maxlength,
  name,
  suffix,
  onBlur,
}: TextFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} name={name}>
      <Input
        className="field__input"
        name={name}
        value={value}
        type={type}
        maxlength={maxlength ?? 140}
        placeholder={placeholder}
        onInput={(e) => onChange(e.detail.value)}
        onBlur={onBlur}
        aria-label={label}
      />
      {suffix}
    </Field>
  )
}

export interface PickerFieldProps<T extends string> {
  label: string
  value: T | ''
  options: readonly { value: T; label: string }[]
  onChange: (value: T) => void
  placeholder?: string
  error?: string
  hint?: string
  name?: string
}

export function PickerField<T extends string>({
  label,
  value,
  options,
  onChange,
  placeholder = '请选择',
  error,
  hint,
  name,
}: PickerFieldProps<T>) {
  const index = options.findIndex((o) => o.value === value)
  return (
    <Field label={label} error={error} hint={hint} name={name}>
      <Picker
        className="field__picker"
        mode="selector"
        range={options.map((o) => o.label)}
        value={index < 0 ? 0 : index}
        onChange={(e) => {
          const picked = options[Number(e.detail.value)]
          if (picked) onChange(picked.value)
        }}
      >
        <View className="field__picker-value">
          <Text className={index < 0 ? 'field__placeholder' : ''}>{index < 0 ? placeholder : options[index].label}</Text>
          <Text className="chevron">›</Text>
        </View>
      </Picker>
    </Field>
  )
}
