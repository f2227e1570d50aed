import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { memo } from 'react'
import { JOB_INDUSTRY_LABELS, type JobSummary } from '@/core/contract/jobs'
import { StatusTag, useLargeText } from '@/core/ui'
import { deadlineText, deadlineTone, salaryText } from '../format'
import { detailPath } from '../paths'
import './JobCard.scss'

export function openJob(id: string): void {
  void Taro.navigateTo({ url: detailPath(id) })
}

/** One posting as a card: what a job seeker compares at a glance. Fixed lines, so rows are one height. */
export function JobCard({ job, onClick }: { job: JobSummary; onClick?: () => void }) {
  const large = useLargeText().enabled
  return (
    <View className="jobs-card" onClick={onClick ?? (() => openJob(job.id))}>
      <View className="jobs-card__head">
        <Text className={`jobs-card__title ${large ? 'jobs-card__title--two-lines' : ''}`}>{job.title}</Text>
        <Text className="jobs-card__salary">{salaryText(job.salaryMin, job.salaryMax)}</Text>
      </View>
      <Text className="jobs-card__employer">{job.employer}</Text>
      <View className="jobs-card__meta">
        <Text className="jobs-card__where">
          {job.district} · {JOB_INDUSTRY_LABELS[job.industry]}
        </Text>
        <StatusTag tone={deadlineTone(job)}>{deadlineText(job)}</StatusTag>
      </View>
      <Text className="jobs-card__tags">{job.tags.join(' · ')}</Text>
    </View>
  )
}

/** A row of the virtual list: VirtualList hands it the whole data array and its index. */
export const JobRow = memo(function JobRow({ id, index, data }: { id: string; index: number; data: JobSummary[] }) {
  const job = data[index]
  return (
    <View id={id} className="jobs-row">
      {job ? <JobCard job={job} /> : null}
    </View>
  )
})
