import { ApiClient, TransportFailure, type Transport, type TransportRequest } from '@/core/api'

export type Answer = { status: number; data: unknown } | 'drop' | 'timeout'

/** A transport that gives `answers` in order (a dropped request, a timeout, or an answer) and records what was sent. */
export function scripted(answers: Answer[]) {
  const seen: TransportRequest[] = []
  const transport: Transport = async (req) => {
    seen.push(req)
    const next = answers.shift()
    if (next === undefined) throw new Error('no more answers')
    if (next === 'drop') throw new TransportFailure('request:fail', false)
    if (next === 'timeout') throw new TransportFailure('request:fail timeout', true)
    return next
  }
  return { transport, seen }
}

/** A client over `transport` that retries without waiting. */
export const client = (transport: Transport, extra: Partial<ConstructorParameters<typeof ApiClient>[0]> = {}) =>
  new ApiClient({ baseUrl: 'http://api/v1', transport, sleep: async () => {}, ...extra })
