import { FLAG_REASON_LABELS, RISK_LABELS, STATUS_LABELS, SYMPTOM_LABELS, TRANSPORT_LABELS, observationEndsOn } from '@/core/contract'
import { maskDocNumber, maskName, maskPhone } from '@/core/identity/masking'
import { keyThenId } from '../core/paging'
import { regionByCode } from '../core/regions'
import { isOpen, releasedOn, type StoredCheckin, type StoredDeclaration } from './state'
import { originLabel } from './views'

const HEADER = [
  '序号',
  '姓名',
  '证件号码',
  '手机号',
  '出发地',
  '风险等级',
  '交通方式',
  '航班车次',
  '出发日期',
  '抵沪日期',
  '观察期满',
  '状态',
  '关注原因',
  '当日打卡',
  '当日体温',
  '当日症状',
  '居住地址',
]

/**
 * A cell as Excel reads it: quoted when it holds a comma, quote or line break; and a leading `'`
 * before `= + - @`, so text a person typed (an address) can never run as a formula.
 */
export function csvCell(value: string | number): string {
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

const byArrivalThenId = keyThenId('asc')

/** Of a community's declarations, those open on `date`, or released that day: that day's report. */
export function reportRows(community: readonly StoredDeclaration[], date: string): StoredDeclaration[] {
  return community
    .filter((d) => d.arrivalDate <= date)
    .filter((d) => isOpen(d) || (releasedOn(d) ?? '') >= date)
    .sort((a, b) => byArrivalThenId({ k: a.arrivalDate, i: a.id }, { k: b.arrivalDate, i: b.id }))
}

/** `community`: every declaration of the community; `checkins`: their check-ins of `date`, by declaration. */
export function buildReport(
  community: readonly StoredDeclaration[],
  checkins: ReadonlyMap<string, StoredCheckin>,
  communityId: string,
  date: string,
): { filename: string; rows: number; csv: string } {
  const rows = reportRows(community, date)
  const lines = [HEADER.map(csvCell).join(',')]
  rows.forEach((d, i) => {
    const checkin = checkins.get(d.id)
    lines.push(
      [
        i + 1,
        maskName(d.subject.name),
        maskDocNumber(d.subject.docNumber),
        d.subject.phone ? maskPhone(d.subject.phone) : '',
        originLabel(d.originRegion),
        RISK_LABELS[d.riskLevel],
        TRANSPORT_LABELS[d.transport.mode],
        d.transport.number ?? '',
        d.departureDate,
        d.arrivalDate,
        observationEndsOn(d.arrivalDate),
        STATUS_LABELS[d.status],
        d.flagReasons.map((r) => FLAG_REASON_LABELS[r]).join('；'),
        checkin ? '已打卡' : '未打卡',
        checkin ? checkin.temperature.toFixed(1) : '',
        checkin ? checkin.symptoms.map((s) => SYMPTOM_LABELS[s]).join('；') || '无' : '',
        d.residence.address,
      ]
        .map(csvCell)
        .join(','),
    )
  })
  const name = regionByCode(communityId)?.name ?? communityId
  // The BOM makes Excel read the file as UTF-8; CRLF is what it expects between rows.
  return { filename: `返沪人员日报-${name}-${date}.csv`, rows: rows.length, csv: `\uFEFF${lines.join('\r\n')}\r\n` }
}
