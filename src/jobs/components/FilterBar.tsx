import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { JOB_SORTS, type JobFilters, type JobIndustry } from '@/core/contract/jobs'
import { DISTRICT_OPTIONS, INDUSTRY_OPTIONS, SALARY_OPTIONS, SORT_LABELS } from '../format'
import './FilterBar.scss'

interface Option<T extends string> {
  value: T
  label: string
}

/**
 * Every choice on screen at once, each a large button: easier for older eyes and thumbs than a
 * scroll wheel, and the same in WeChat and the browser.
 */
function OptionSheet<T extends string>({
  title,
  options,
  value,
  onPick,
  onClose,
}: {
  title: string
  options: readonly Option<T>[]
  value: T
  onPick: (value: T) => void
  onClose: () => void
}) {
  return (
    <View className="option-sheet">
      <View className="option-sheet__mask" onClick={onClose} />
      <View className="option-sheet__panel" role="dialog" aria-label={title}>
        <View className="option-sheet__head">
          <Text className="option-sheet__title">{title}</Text>
          <Text className="option-sheet__close" onClick={onClose}>
            取消
          </Text>
        </View>
        <View className="option-sheet__grid">
          {options.map((o) => (
            <View
              key={o.value}
              className={`option-sheet__option ${o.value === value ? 'option-sheet__option--on' : ''}`}
              role="button"
              aria-pressed={o.value === value}
              onClick={() => onPick(o.value)}
            >
              <Text>{o.label}</Text>
            </View>
          ))}
        </View>
      </View>
    </View>
  )
}

type SheetName = 'district' | 'industry' | 'salary'

/** District, industry and minimum pay as chips that open a sheet of choices; the sort as two buttons. */
export function FilterBar({ filters, onChange }: { filters: JobFilters; onChange: (patch: Partial<JobFilters>) => void }) {
  const [open, setOpen] = useState<SheetName | null>(null)
  const district = filters.district ?? ''
  const industry: JobIndustry | '' = filters.industry ?? ''
  const salary = String(filters.salaryMin ?? 0)
  const label = <T extends string>(options: readonly Option<T>[], value: T) => (options.find((o) => o.value === value) ?? options[0]).label

  const chip = (name: SheetName, text: string, active: boolean) => (
    <View className={`filter-chip ${active ? 'filter-chip--active' : ''}`} id={`filter-${name}`} role="button" onClick={() => setOpen(name)}>
      <Text className="filter-chip__label">{text}</Text>
      <Text className="filter-chip__arrow">▾</Text>
    </View>
  )

  return (
    <View className="filter-bar">
      <View className="filter-bar__chips">
        {chip('district', label(DISTRICT_OPTIONS, district), district !== '')}
        {chip('industry', label(INDUSTRY_OPTIONS, industry), industry !== '')}
        {chip('salary', label(SALARY_OPTIONS, salary), salary !== '0')}
      </View>
      <View className="filter-bar__sort" role="radiogroup" aria-label="排序">
        {JOB_SORTS.map((sort) => {
          const on = (filters.sort ?? 'latest') === sort
          return (
            <View key={sort} className={`sort-option ${on ? 'sort-option--on' : ''}`} role="radio" aria-checked={on} onClick={() => onChange({ sort })}>
              <Text>{SORT_LABELS[sort]}</Text>
            </View>
          )
        })}
      </View>

      {open === 'district' ? (
        <OptionSheet
          title="选择区"
          options={DISTRICT_OPTIONS}
          value={district}
          onClose={() => setOpen(null)}
          onPick={(v) => {
            setOpen(null)
            onChange({ district: v || undefined })
          }}
        />
      ) : null}
      {open === 'industry' ? (
        <OptionSheet
          title="选择行业"
          options={INDUSTRY_OPTIONS}
          value={industry}
          onClose={() => setOpen(null)}
          onPick={(v) => {
            setOpen(null)
            onChange({ industry: v || undefined })
          }}
        />
      ) : null}
      {open === 'salary' ? (
        <OptionSheet
          title="最低月薪"
          options={SALARY_OPTIONS}
          value={salary}
          onClose={() => setOpen(null)}
          onPick={(v) => {
            setOpen(null)
            onChange({ salaryMin: Number(v) || undefined })
          }}
        />
      ) : null}
    </View>
  )
}
