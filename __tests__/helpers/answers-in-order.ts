import type { Backend } from '@/mock/backend'
import { call, type JsonBody } from './backend'

/** One answer of a scripted session, named by its step. */
export interface Answer {
  step: string
  status: number
  body: JsonBody
}

/**
 * Calls on `backend` that keep every answer in order: two backends given the same script can be
 * compared answer by answer (the same rules on two stores must answer alike).
 */
export function answersInOrder(backend: Backend): {
  answers: Answer[]
  step: (name: string, method: string, path: string, init?: Parameters<typeof call>[3]) => Promise<JsonBody>
} {
  const answers: Answer[] = []
  const step = async (name: string, method: string, path: string, init: Parameters<typeof call>[3] = {}) => {
    const res = await call(backend, method, path, init)
    answers.push({ step: name, status: res.status, body: res.body })
    return res.body
  }
  return { answers, step }
}
