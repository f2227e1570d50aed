import { SYMPTOMS, SYMPTOM_LABELS, temperatureError, type Symptom } from '@/core/contract/returnees'
import { Field, TextField } from '@/core/ui'
import { Chips } from './Chips'

const NONE = 'none'
/**
 * A temperature is a number, not text: its box needs room past "36.5" only for a typo to be shown
 * and explained ("37.25": one decimal at most), where a stop at 4 cut it to "37.2" without a word.
 */
const TEMPERATURE_INPUT_MAX = 6
type SymptomChoice = Symptom | typeof NONE
const SYMPTOM_OPTIONS = [
  { value: NONE as SymptomChoice, label: '无以上症状' },
  ...SYMPTOMS.map((value) => ({ value: value as SymptomChoice, label: SYMPTOM_LABELS[value], danger: true })),
]

export interface HealthValue {
  temperature: string
  symptoms: Symptom[]
  /** '' until the person answers. */
  contact?: '' | 'yes' | 'no'
}

/** Temperature, symptoms and (at declaration) contact with cases. */
export function HealthFields({
  value,
  onChange,
  errors,
  askContact,
}: {
  value: HealthValue
  onChange: (patch: Partial<HealthValue>) => void
  errors: Record<string, string | undefined>
  askContact: boolean
}) {
  const selected: SymptomChoice[] = value.symptoms.length ? value.symptoms : [NONE]
  const toggle = (choice: SymptomChoice) => {
    if (choice === NONE) onChange({ symptoms: [] })
    else onChange({ symptoms: value.symptoms.includes(choice) ? value.symptoms.filter((s) => s !== choice) : [...value.symptoms, choice] })
  }
  return (
    <>
      <TextField
        label="体温（℃）"
        name="temperature"
        type="digit"
        maxLength={TEMPERATURE_INPUT_MAX}
        counter="never"
        value={value.temperature}
        placeholder="如 36.5"
        hint="请用体温计测量后填写，保留一位小数"
        error={errors['health.temperature'] ?? errors.temperature}
        onChange={(temperature) => onChange({ temperature })}
      />
      <Field label="今天有没有以下症状（可多选）" error={errors['health.symptoms'] ?? errors.symptoms} name="symptoms">
        <Chips name="symptoms" options={SYMPTOM_OPTIONS} selected={selected} onToggle={toggle} />
      </Field>
      {askContact ? (
        <Field label="14 天内是否接触过确诊或疑似病例" error={errors['health.contactWithCases']} name="contact">
          <Chips
            name="contact"
            options={[
              { value: 'no', label: '没有接触' },
              { value: 'yes', label: '有接触', danger: true },
            ]}
            selected={value.contact ? [value.contact] : []}
            onToggle={(contact) => onChange({ contact })}
          />
        </Field>
      ) : null}
    </>
  )
}

/** The temperature field as a number for the API; NaN when it is not one. */
export function temperatureNumber(raw: string): number | undefined {
  const text = raw.trim()
  if (!text) return undefined
  return /^\d{2}(\.\d+)?$/.test(text) ? Number(text) : Number.NaN
}

/** Why the temperature field cannot be sent, or null: not a number, or outside the contract's range. */
export function temperatureProblem(raw: string): string | null {
  const t = temperatureNumber(raw)
  return Number.isNaN(t) ? '体温请填写数字，如 36.5' : temperatureError(t)
}
