import { DOC_TYPE_LABELS } from '@/core/contract/core'
import type { FamilyMember } from '@/core/contract/family'
import { parseIso, shanghaiDate } from '@/core/time/shanghai'

/** `2月10日` of an ISO time, in Shanghai, as the other services write a day. */
export function dayText(iso: string): string {
  const ms = parseIso(iso)
  if (Number.isNaN(ms)) return ''
  const [, month, day] = shanghaiDate(ms).split('-')
  return `${Number(month)}月${Number(day)}日`
}

/** "居民身份证 110***********1234": the document as the owner's list shows it, never in full. */
export function documentText(m: Pick<FamilyMember, 'docType' | 'docNumberMasked'>): string {
  return `${DOC_TYPE_LABELS[m.docType]} ${m.docNumberMasked}`
}
