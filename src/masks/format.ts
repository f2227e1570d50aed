import type { Allocation, ReservationState, Round, RoundState } from '@/core/contract/masks'
import { parseIso, shanghaiClock, shanghaiDateTime } from '@/core/time/shanghai'
import type { Tone } from '@/core/ui'

/** `2月11日 09:00`, in Shanghai whatever the phone's zone. */
export function fmtDateTime(iso: string): string {
  return shanghaiDateTime(parseIso(iso))
}

/** `09:24`. */
export function fmtClock(iso: string): string {
  return shanghaiClock(parseIso(iso))
}

/** `2月11日 09:00 至 2月13日 20:00`, the day left out of the end when it is the same day. */
export function fmtWindow(from: string, until: string): string {
  const a = fmtDateTime(from)
  const b = fmtDateTime(until)
  return a.split(' ')[0] === b.split(' ')[0] ? `${a} 至 ${b.split(' ')[1]}` : `${a} 至 ${b}`
}

export function fmtDistance(m: number): string {
  if (m < 1000) return `${Math.max(Math.round(m / 10) * 10, 10)} 米`
  return `${(m / 1000).toFixed(m < 10_000 ? 1 : 0)} 公里`
}

/** `2 天 3 小时`, `5 小时 04 分`, `12 分 05 秒`: precise enough to act on, never noisy. */
export function fmtCountdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  const days = Math.floor(s / 86400)
  const hours = Math.floor((s % 86400) / 3600)
  const minutes = Math.floor((s % 3600) / 60)
  const seconds = s % 60
  const two = (n: number) => String(n).padStart(2, '0')
  if (days > 0) return `${days} 天 ${hours} 小时`
  if (hours > 0) return `${hours} 小时 ${two(minutes)} 分`
  return `${minutes} 分 ${two(seconds)} 秒`
}

/** `8241 7231`: two groups of four read out more easily at a counter. */
export function fmtPickupCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code
}

export const ALLOCATION_WORDS: Record<Allocation, { name: string; sentence: string }> = {
  first_come: {
    name: '先到先得',
    sentence: '先到先得：按提交的先后分配，网点约满即止，每个证件每轮只能预约一次。',
  },
  lottery: {
    name: '抽签分配',
    sentence: '抽签分配：开放期间登记即可，早登记晚登记中签机会一样；截止后按公布的规则统一抽签，每个证件每轮只能登记一次。',
  },
}

const ROUND_STATE_WORDS: Record<RoundState, { label: string; tone: Tone }> = {
  upcoming: { label: '未开始', tone: 'info' },
  open: { label: '预约中', tone: 'success' },
  drawing: { label: '等待抽签', tone: 'warning' },
  closed: { label: '已结束', tone: 'muted' },
}

export function roundStateWords(round: Round): { label: string; tone: Tone } {
  if (round.state === 'open' && round.allocation === 'lottery') return { label: '登记中', tone: 'success' }
  return ROUND_STATE_WORDS[round.state]
}

const RESERVATION_STATE_WORDS: Record<ReservationState, { label: string; tone: Tone }> = {
  entered: { label: '已登记，等待抽签', tone: 'info' },
  reserved: { label: '已预约，待领取', tone: 'success' },
  lost: { label: '未中签', tone: 'muted' },
  picked_up: { label: '已领取', tone: 'success' },
  cancelled: { label: '已取消', tone: 'muted' },
  expired: { label: '已过期，未领取', tone: 'danger' },
}

export function reservationStateWords(r: { state: ReservationState; allocation?: Allocation }): { label: string; tone: Tone } {
  if (r.state === 'reserved' && r.allocation === 'lottery') return { label: '已中签，待领取', tone: 'success' }
  return RESERVATION_STATE_WORDS[r.state]
}

/** What the round's clock counts down to now, or null when nothing is ahead. */
export function nextMoment(round: Round): { label: string; at: string } | null {
  if (round.state === 'upcoming') return { label: '距开始预约', at: round.opensAt }
  if (round.state === 'open') return { label: round.allocation === 'lottery' ? '距登记截止' : '距预约截止', at: round.closesAt }
  if (round.state === 'drawing' && round.drawAt) return { label: '距抽签', at: round.drawAt }
  return null
}
