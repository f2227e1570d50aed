import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { Unbroken } from './Unbroken'
import type { ReactNode } from 'react'
import { lengthNote, type CounterMode, type LengthNote } from './lengthNote'

interface FieldFrameProps {
  label: string
  error?: string
  hint?: string
  children: ReactNode
  name?: string
  /** What a text box says about its length (`lengthNote`); absent for pickers and chips. */
  note?: LengthNote
}

/**
 * A label, the control, and under it one line: the field's own error, else the length limit once
 * reached, else the hint; the counter sits at its right end.
 */
export function Field({ label, error, hint, children, name, note }: FieldFrameProps) {
  const message = error ? (
    <Unbroken className="field__error" text={error} />
  ) : note?.limit ? (
    <Text className={`field__limit ${note.over ? 'field__limit--over' : ''}`}>{note.limit}</Text>
  ) : hint ? (
    <Unbroken className="field__hint" text={hint} />
  ) : null
  const count = note?.count ? <Text className={`field__count ${note.over ? 'field__count--over' : ''}`}>{note.count}</Text> : null
  return (
    <View className={`field ${error ? 'field--invalid' : ''}`} id={name ? `field-${name}` : undefined}>
      <Text className="field__label">{label}</Text>
      <View className="field__control">{children}</View>
      {count ? (
        <View className="field__foot">
          {message}
          {count}
        </View>
      ) : (
        message
      )}
    </View>
  )
}

/**
 * The box's own stop. Without a limit, none at all (-1): Taro's default of 140 cut every longer
 * value without a word. Number boxes keep Taro's default, since its H5 input cuts a number to
 * `maxlength` by hand and -1 would empty it.
 */
function nativeMaxLength(maxLength: number | undefined, type: string): number | undefined {
  if (maxLength !== undefined) return maxLength
  return type === 'number' || type === 'digit' ? undefined : -1
}

export interface TextFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  error?: string
  hint?: string
  type?: 'text' | 'number' | 'idcard' | 'digit'
  /**
   * The field's limit, from the contract's `TEXT_LIMITS`: the box stops there, a counter shows
   * near it and "最多 N 个字" at it.
   */
  maxLength?: number
  /** When the counter shows: near the limit (default), always, or never (a fixed-length code). */
  counter?: CounterMode
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
  maxLength,
  counter = 'near',
  name,
  suffix,
  onBlur,
}: TextFieldProps) {
  return (
    <Field
      label={label}
      error={error}
      hint={hint}
      name={name}
      note={maxLength === undefined ? undefined : lengthNote(value, maxLength, counter)}
    >
      <Input
        className="field__input"
        name={name}
        value={value}
        type={type}
        maxlength={nativeMaxLength(maxLength, type)}
        placeholder={placeholder}
        onInput={(e) => onChange(e.detail.value)}
        onBlur={onBlur}
        aria-label={label}
      />
      {suffix}
    </Field>
  )
}

export interface TextAreaProps {
  label: string
  value: string
  onChange: (value: string) => void
  /** The field's limit, from the contract's `TEXT_LIMITS`; a text area always has one. */
  maxLength: number
  placeholder?: string
  error?: string
  hint?: string
  name?: string
  /** A service's class for its size (`jobs-apply__message`); the core's look stays. */
  className?: string
}

export function TextArea({ label, value, onChange, maxLength, placeholder, error, hint, name, className }: TextAreaProps) {
  // Long text is written against its budget: the counter shows from the first character.
  return (
    <Field label={label} error={error} hint={hint} name={name} note={lengthNote(value, maxLength, 'always')}>
      <Textarea
        className={`field__textarea ${className ?? ''}`}
        name={name}
        value={value}
        maxlength={maxLength}
        placeholder={placeholder}
        placeholderClass="field__placeholder"
        onInput={(e) => onChange(e.detail.value)}
        aria-label={label}
      />
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
