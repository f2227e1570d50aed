import { ApiError, messageOf } from '@/core/api'

export type NextStep = 'outlets' | 'mine' | 'round' | 'retry' | null

export interface Problem {
  message: string
  next: NextStep
  /** The server has answered for good: the next tap is a new attempt with a new key. */
  final: boolean
}

/** A failed reservation in words, with what the person can do next. */
export function problemOf(e: unknown): Problem {
  if (!(e instanceof ApiError)) return { message: messageOf(e), next: 'retry', final: false }
  const final = !e.isNetwork && e.status < 500 && e.status !== 429
  switch (e.code) {
    case 'SOLD_OUT':
      return { message: e.message, next: 'outlets', final }
    case 'ALREADY_RESERVED':
      return { message: e.message, next: 'mine', final }
    case 'ROUND_NOT_OPEN':
    case 'ROUND_CLOSED':
      return { message: e.message, next: 'round', final }
    default:
      return { message: final ? e.message : `${e.message}。再点一次提交不会重复预约。`, next: final ? null : 'retry', final }
  }
}
