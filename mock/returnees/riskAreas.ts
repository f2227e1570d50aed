import type { RiskArea, RiskLevel } from '@/core/contract'
import { regionByCode } from '../core/regions'

/**
 * Risk areas as Shanghai listed them in early 2020: all of Hubei, and the hardest-hit cities
 * elsewhere, by province or city code. A city inherits its province's level; the higher wins
 * (信阳 is high inside a medium 河南).
 */
const LISTED: [code: string, level: RiskArea['level'], since: string][] = [
  ['420000', 'high', '2020-01-23'],
  ['420100', 'high', '2020-01-20'],
  ['420900', 'high', '2020-01-24'],
  ['421100', 'high', '2020-01-24'],
  ['330300', 'high', '2020-02-01'],
  ['411500', 'high', '2020-01-28'],
  ['410000', 'medium', '2020-01-28'],
  ['331000', 'medium', '2020-02-02'],
  ['440300', 'medium', '2020-01-30'],
  ['440100', 'medium', '2020-01-30'],
  ['430100', 'medium', '2020-01-29'],
  ['340100', 'medium', '2020-01-29'],
  ['500000', 'medium', '2020-01-27'],
]

export function seedRiskAreas(): RiskArea[] {
  return LISTED.map(([regionCode, level, since]) => ({ regionCode, name: regionByCode(regionCode)?.name ?? regionCode, level, since }))
}

const RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 }

/** The highest level listed for `code` or its province; `low` when neither is listed. */
export function riskLevelOf(areas: readonly RiskArea[], code: string): RiskLevel {
  const province = `${code.slice(0, 2)}0000`
  let level: RiskLevel = 'low'
  for (const area of areas) {
    if ((area.regionCode === code || area.regionCode === province) && RANK[area.level] > RANK[level]) level = area.level
  }
  return level
}
