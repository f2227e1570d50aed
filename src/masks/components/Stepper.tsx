import { Text, View } from '@tarojs/components'

/** − n + with large targets; the bounds are shown in words beside it. */
export function Stepper({
  value,
  min,
  max,
  onChange,
  unit,
}: {
  value: number
  min: number
  max: number
  onChange: (n: number) => void
  unit: string
}) {
  const dec = value > min
  const inc = value < max
  return (
    <View className="masks-stepper">
      <View
        className={`masks-stepper__btn ${dec ? '' : 'masks-stepper__btn--off'}`}
        aria-label="减少"
        aria-disabled={!dec}
        onClick={() => dec && onChange(value - 1)}
      >
        <Text>−</Text>
      </View>
      <Text className="masks-stepper__value" aria-live="polite">
        {value} {unit}
      </Text>
      <View
        className={`masks-stepper__btn ${inc ? '' : 'masks-stepper__btn--off'}`}
        aria-label="增加"
        aria-disabled={!inc}
        onClick={() => inc && onChange(value + 1)}
      >
        <Text>+</Text>
      </View>
    </View>
  )
}
