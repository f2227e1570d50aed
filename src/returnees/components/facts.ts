import { RISK_LABELS, TRANSPORT_LABELS, type Declaration } from '@/core/contract/returnees'

const CREATED_BY: Record<Declaration['createdBy'], string> = {
  self: '本人登记',
  worker: '社区工作人员代为登记',
  family: '家人代为登记',
}

/** The facts of a declaration as label/value lines, the same on every page. */
export function declarationFacts(d: Declaration): [string, string][] {
  const transport = `${TRANSPORT_LABELS[d.transport.mode]}${d.transport.number ? ` ${d.transport.number}` : ''}`
  return [
    ['出发地', `${d.originName}（${RISK_LABELS[d.riskLevel]}）`],
    ['交通方式', transport],
    ['出发 / 抵沪', `${d.departureDate} / ${d.arrivalDate}`],
    ['观察期至', d.observationEndsOn],
    ['居住地', [d.residence.districtName, d.residence.streetName, d.residence.communityName].filter(Boolean).join(' ')],
    ['详细地址', d.residence.address],
    ['登记方式', CREATED_BY[d.createdBy]],
  ]
}

/** What a flagged person should do next, in plain words. */
export const FLAGGED_STEPS = [
  '请留在家中，不要外出，家人也尽量减少外出。',
  '社区工作人员会尽快与你联系，请保持电话畅通。',
  '如有发热（37.3 ℃ 及以上）、咳嗽、呼吸困难，请戴好口罩前往就近发热门诊，不要乘坐公共交通。',
  '继续每天测量体温并打卡。',
]
