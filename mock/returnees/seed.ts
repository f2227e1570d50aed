import { SYMPTOMS, type Symptom, type TransportMode } from '@/core/contract'
import { addDays, shanghaiDate, startOfShanghaiDay } from '@/core/time/shanghai'
import type { MockClock } from '../core/clock'
import { dictOf, dictSet } from '../core/dict'
import { fakeName, fakePhone, fakeResidentId } from '../core/people'
import { intBetween, pick, rngFor } from '../core/random'
import { riskLevelOf, seedRiskAreas } from './riskAreas'
import { addFlags, checkinFlags, declarationFlags } from './rules'
import { nextReturneeId, type ReturneesBase, type ReturneesState, type StoredCheckin, type StoredDeclaration } from './state'

/** Communities with returnees in the seed; every one is a worker login (`worker:<code>`). */
export const SEEDED_COMMUNITIES = [
  '310101002001', // 黄浦 南京东路街道 云南中路居委会
  '310101002002', // 黄浦 南京东路街道 龙泉园路居委会
  '310101013001', // 黄浦 外滩街道 汉口路居委会
  '310104003001', // 徐汇 天平路街道 上海新村居委会
  '310105001001', // 长宁 华阳路街道 华一居委会
  '310115004001', // 浦东 潍坊新村街道 潍坊一村居委会
  '310112001001', // 闵行 江川路街道 北街居委会
]

/** Where people came back from (cities and provinces outside Shanghai), low and medium risk. */
const ORIGINS = [
  '330100',
  '320100',
  '320500',
  '340100',
  '410100',
  '440300',
  '110105',
  '500103',
  '510100',
  '430100',
  '360100',
  '370200',
  '320000',
  '330000',
]
const HIGH_ORIGINS = ['420100', '420900', '330300']

const STREETS = ['云南中路', '福州路', '汉口路', '天平路', '华阳路', '潍坊路', '江川路', '宁波路', '广西北路']

type Shape =
  | { kind: 'observing'; ago: number; checkedToday: boolean }
  | { kind: 'released'; ago: number; releasedAgo: number }
  | { kind: 'high_origin'; ago: number; checkedToday: boolean }
  | { kind: 'checkin_fever'; ago: number; feverAgo: number }
  | { kind: 'contact'; ago: number; checkedToday: boolean }

/**
 * Observation days spread so that every part of the console has people on the seed's day:
 * ending today, overdue for release, released today and before, flagged three ways, due and
 * done today, arrived today.
 */
const SHAPES: Shape[] = [
  { kind: 'observing', ago: 14, checkedToday: true },
  { kind: 'observing', ago: 14, checkedToday: false },
  { kind: 'observing', ago: 16, checkedToday: false },
  { kind: 'released', ago: 17, releasedAgo: 3 },
  { kind: 'released', ago: 15, releasedAgo: 0 },
  { kind: 'observing', ago: 11, checkedToday: true },
  { kind: 'observing', ago: 9, checkedToday: false },
  { kind: 'observing', ago: 6, checkedToday: true },
  { kind: 'observing', ago: 3, checkedToday: false },
  { kind: 'observing', ago: 1, checkedToday: true },
  { kind: 'observing', ago: 0, checkedToday: false },
  { kind: 'high_origin', ago: 5, checkedToday: true },
  { kind: 'checkin_fever', ago: 8, feverAgo: 2 },
  { kind: 'contact', ago: 4, checkedToday: false },
]

const MODES: TransportMode[] = ['flight', 'train', 'train', 'coach', 'car', 'other']

function transportFor(rng: () => number, mode: TransportMode): { mode: TransportMode; number?: string } {
  if (mode === 'flight') return { mode, number: `${pick(rng, ['MU', 'CA', 'FM', 'HO', '9C', 'CZ'])}${intBetween(rng, 100, 9999)}` }
  if (mode === 'train') return { mode, number: `${pick(rng, ['G', 'D', 'K', 'T'])}${intBetween(rng, 1, 1999)}` }
  if (mode === 'car') return { mode, number: `${pick(rng, ['浙A', '苏E', '皖A', '豫A'])}${intBetween(rng, 10000, 99999)}` }
  return { mode }
}

function atOn(rng: () => number, date: string, nowMs: number): number {
  const at = startOfShanghaiDay(date) + (7 * 60 + intBetween(rng, 0, 150)) * 60_000
  return Math.min(at, nowMs - 60_000)
}

export function createReturneesBase(): ReturneesBase {
  return { riskAreas: seedRiskAreas() }
}

export function createReturneesState(seed: number, base: ReturneesBase, clock: MockClock): ReturneesState {
  const state: ReturneesState = { seed, counter: 0, declarations: dictOf(), checkins: dictOf() }
  const nowMs = clock.now()
  const today = shanghaiDate(nowMs)
  const usedDocs = new Set<string>()

  SEEDED_COMMUNITIES.forEach((communityId, ci) => {
    const rng = rngFor(seed, `returnees:${communityId}`)
    // Each community keeps most shapes, so numbers differ from one to the next.
    const shapes = SHAPES.filter((_, i) => i < 5 || ci === 0 || rng() > 0.3)
    for (const shape of shapes) {
      const origin = shape.kind === 'high_origin' ? pick(rng, HIGH_ORIGINS) : pick(rng, ORIGINS)
      const arrivalDate = addDays(today, -shape.ago)
      const mode = pick(rng, MODES)
      let docNumber = fakeResidentId(rng, `${origin.slice(0, 4)}03`)
      while (usedDocs.has(docNumber)) docNumber = fakeResidentId(rng, `${origin.slice(0, 4)}03`)
      usedDocs.add(docNumber)
      const health = {
        temperature: 36 + intBetween(rng, 2, 9) / 10,
        symptoms: [] as Symptom[],
        contactWithCases: shape.kind === 'contact',
      }
      const riskLevel = riskLevelOf(base.riskAreas, origin)
      const d: StoredDeclaration = {
        id: nextReturneeId(state, 'rd'),
        subject: {
          name: fakeName(rng),
          docType: 'resident_id',
          docNumber,
          ...(rng() > 0.2 ? { phone: fakePhone(rng) } : {}),
        },
        originRegion: origin,
        transport: transportFor(rng, mode),
        departureDate: addDays(arrivalDate, -intBetween(rng, 0, 1)),
        arrivalDate,
        residence: {
          communityId,
          address: `${pick(rng, STREETS)}${intBetween(rng, 1, 600)}弄${intBetween(rng, 1, 40)}号${intBetween(rng, 1, 6)}0${intBetween(rng, 1, 4)}室`,
        },
        health,
        status: 'observing',
        riskLevel,
        flagReasons: [],
        createdAt: atOn(rng, arrivalDate, nowMs) + 3 * 3600_000,
        createdBy: rng() > 0.25 ? 'self' : 'worker',
        notes: [],
      }
      d.createdAt = Math.min(d.createdAt, nowMs - 120_000)
      addFlags(d, declarationFlags(riskLevel, health))
      dictSet(state.declarations, d.id, d)

      // A check-in for most past days; today's as the shape says.
      const lastDay = shape.kind === 'released' ? addDays(today, -shape.releasedAgo) : today
      const list: StoredCheckin[] = []
      for (let date = arrivalDate; date <= lastDay; date = addDays(date, 1)) {
        const isToday = date === today
        const wantToday = 'checkedToday' in shape ? shape.checkedToday : shape.kind === 'checkin_fever'
        if (isToday ? !wantToday : rng() < 0.1) continue
        const fever = shape.kind === 'checkin_fever' && date === addDays(today, -shape.feverAgo)
        const temperature = fever ? 37.8 : 36 + intBetween(rng, 2, 8) / 10
        const symptoms: Symptom[] = fever ? [SYMPTOMS[0]] : []
        const reasons = checkinFlags(temperature, symptoms)
        list.push({
          id: nextReturneeId(state, 'rc'),
          declarationId: d.id,
          date,
          temperature,
          symptoms,
          at: atOn(rng, date, nowMs),
          by: d.createdBy,
          raisedFlag: reasons.length > 0 && d.status !== 'flagged',
        })
        addFlags(d, reasons)
      }
      dictSet(state.checkins, d.id, list)
      if (shape.kind === 'released') {
        d.releasedAt = Math.min(startOfShanghaiDay(addDays(today, -shape.releasedAgo)) + 9.5 * 3600_000, nowMs - 60_000)
        d.status = 'released'
      }
    }
  })
  return state
}
