import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { JOB_SORTS, type JobFilters } from '@/core/contract/jobs'
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
    <View className="jobs-option-sheet">
      <View className="jobs-option-sheet__mask" onClick={onClose} />
      <View className="jobs-option-sheet__panel" role="dialog" aria-label={title}>
        <View className="jobs-option-sheet__head">
          <Text className="jobs-option-sheet__title">{title}</Text>
          <Text className="jobs-option-sheet__close" onClick={onClose}>
            取消
          </Text>
        </View>
        <View className="jobs-option-sheet__grid">
          {options.map((o) => (
            <View
              key={o.value}
              className={`jobs-option-sheet__option ${o.value === value ? 'jobs-option-sheet__option--on' : ''}`}
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

const SHEET_NAMES = ['district', 'industry', 'salary'] as const
type SheetName = (typeof SHEET_NAMES)[number]

/** A filter as its chip shows it and the sheet it opens. */
interface Sheet {
  text: string
  active: boolean
  render: () => JSX.Element
}

/** District, industry and minimum pay as chips that open a sheet of choices; the sort as two buttons. */
export function FilterBar({ filters, onChange }: { filters: JobFilters; onChange: (patch: Partial<JobFilters>) => void }) {
  const [open, setOpen] = useState<SheetName | null>(null)

  // Generic per filter, so each pick arrives with its own option type (an industry, not any string).
  const sheet = <T extends string>(
    title: string,
    options: readonly Option<T>[],
    value: T,
    patch: (picked: T) => Partial<JobFilters>,
  ): Sheet => ({
    text: (options.find((o) => o.value === value) ?? options[0]).label,
    // Each list starts with its "any" choice (全市, 全部行业, 月薪不限).
    active: value !== options[0].value,
    render: () => (
      <OptionSheet
        title={title}
        options={options}
        value={value}
        onClose={() => setOpen(null)}
        onPick={(picked) => {
          setOpen(null)
          onChange(patch(picked))
        }}
      />
    ),
  })
  const sheets: Record<SheetName, Sheet> = {
    district: sheet('选择区', DISTRICT_OPTIONS, filters.district ?? '', (v) => ({ district: v || undefined })),
    industry: sheet('选择行业', INDUSTRY_OPTIONS, filters.industry ?? '', (v) => ({ industry: v || undefined })),
    salary: sheet('最低月薪', SALARY_OPTIONS, String(filters.salaryMin ?? 0), (v) => ({ salaryMin: Number(v) || undefined })),
  }

  return (
    <View className="jobs-filter-bar">
      <View className="jobs-filter-bar__chips">
        {SHEET_NAMES.map((name) => (
          <View
            key={name}
            className={`jobs-filter-chip ${sheets[name].active ? 'jobs-filter-chip--active' : ''}`}
            id={`filter-${name}`}
            role="button"
            onClick={() => setOpen(name)}
          >
            <Text className="jobs-filter-chip__label">{sheets[name].text}</Text>
            <Text className="jobs-filter-chip__arrow">▾</Text>
          </View>
        ))}
      </View>
      <View className="jobs-filter-bar__sort" role="radiogroup" aria-label="排序">
        {JOB_SORTS.map((sort) => {
          const on = (filters.sort ?? 'latest') === sort
          return (
            <View
              key={sort}
              className={`jobs-sort-option ${on ? 'jobs-sort-option--on' : ''}`}
              role="radio"
              aria-checked={on}
              onClick={() => onChange({ sort })}
            >
              <Text>{SORT_LABELS[sort]}</Text>
            </View>
          )
        })}
      </View>
      {open ? sheets[open].render() : null}
    </View>
  )
}
