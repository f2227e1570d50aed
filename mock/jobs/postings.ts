import type { Posting } from './state'

const DAY_MS = 24 * 3600 * 1000

export function jobId(seq: number): string {
  return `j${String(seq + 1).padStart(6, '0')}`
}

/** The seq of a well-formed job id, or null. */
export function seqOf(id: string): number | null {
  const m = /^j(\d{6})$/.exec(id)
  if (!m) return null
  const n = Number(m[1]) - 1
  return n >= 0 ? n : null
}

/** Newest first, then the higher id: a posting published later always comes first. */
export function compareLatest(a: Posting, b: Posting): number {
  return b.postedAt - a.postedAt || b.seq - a.seq
}

export function compareSalary(a: Posting, b: Posting): number {
  return b.salaryMax - a.salaryMax || b.seq - a.seq
}

export function isOpen(p: Posting, today: string): boolean {
  return p.deadline >= today
}

export const DAY = DAY_MS
