import {
  APPLICATION_STATUS_LABELS,
  JOB_INDUSTRIES,
  JOB_INDUSTRY_LABELS,
  type ApplicationStatus,
  type JobFilters,
  type JobIndustry,
  type JobSort,
  type Subscription,
} from '@/core/contract/jobs'
import type { Tone } from '@/core/ui'
import { SHANGHAI_DISTRICTS } from '@/core/regions/shanghaiDistricts'
import { isCalendarDate, parseIso, shanghaiDate } from '@/core/time/shanghai'

/** The district filter takes the core's list; the server takes code or name. */
const DISTRICTS = SHANGHAI_DISTRICTS

/** No district chosen: the whole city. */
const ANY = ''

export const DISTRICT_OPTIONS = [{ value: ANY, label: '全市' }, ...DISTRICTS.map((d) => ({ value: d.code, label: d.name }))]
export const INDUSTRY_OPTIONS: { value: JobIndustry | ''; label: string }[] = [
  { value: '', label: '全部行业' },
  ...JOB_INDUSTRIES.map((value) => ({ value, label: JOB_INDUSTRY_LABELS[value] })),
]
export const SALARY_OPTIONS = [0, 3000, 5000, 8000, 10000, 15000, 20000].map((value) => ({
  value: String(value),
  label: value === 0 ? '月薪不限' : `${value} 元以上`,
}))
export const SORT_LABELS: Record<JobSort, string> = { latest: '最新发布', salary: '薪资最高' }

export function districtName(code: string | undefined): string | undefined {
  return DISTRICTS.find((d) => d.code === code || d.name === code)?.name
}

export function salaryText(min: number, max: number): string {
  return `${min}–${max} 元/月`
}

/** The deadline in words, from the server's count of days left (never the phone's clock). */
export function deadlineText(job: { closed: boolean; daysLeft: number | null; deadline: string }): string {
  if (job.closed || job.daysLeft === null) return '已截止'
  if (job.daysLeft === 0) return '今天截止'
  return `还剩 ${job.daysLeft} 天截止`
}

export function deadlineTone(job: { closed: boolean; daysLeft: number | null }): Tone {
  if (job.closed || job.daysLeft === null) return 'muted'
  return job.daysLeft <= 3 ? 'warning' : 'info'
}

/** `2020-02-10T09:30:00+08:00` → `2月10日`, the date as the server wrote it (Shanghai). */
/** `3月5日` of a date, or of a time read in Shanghai. */
export function dayText(dateOrTime: string): string {
  const date = isCalendarDate(dateOrTime) ? dateOrTime : shanghaiDate(parseIso(dateOrTime))
  const [, month, day] = date.split('-')
  return `${Number(month)}月${Number(day)}日`
}

export const STATUS_TONES: Record<ApplicationStatus, Tone> = {
  submitted: 'info',
  viewed: 'info',
  interview: 'success',
  rejected: 'muted',
}

export function statusText(status: ApplicationStatus): string {
  return APPLICATION_STATUS_LABELS[status]
}

/** A saved search or a set of filters, as one line a person can read. */
export function criteriaText(c: Pick<JobFilters, 'q' | 'district' | 'industry' | 'salaryMin'> | Subscription): string {
  const parts: string[] = []
  if (c.q) parts.push(`“${c.q}”`)
  const district = districtName(c.district)
  if (district) parts.push(district)
  if (c.industry) parts.push(JOB_INDUSTRY_LABELS[c.industry])
  if (c.salaryMin) parts.push(`月薪 ${c.salaryMin} 元以上`)
  return parts.length ? parts.join(' · ') : '全部岗位'
}

export function hasCriteria(f: JobFilters): boolean {
  return Boolean(f.q?.trim() || f.district || f.industry || f.salaryMin)
}
