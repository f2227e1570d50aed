import * as v from 'valibot'
import {
  CurrentRoundResponseSchema,
  DrawResultSchema,
  OutletListSchema,
  OutletSchema,
  ReservationListSchema,
  ReservationSchema,
  type CurrentRoundResponse,
  type DrawResult,
  type Outlet,
  type Reservation,
} from '@/core/contract'
import type { Backend, BackendOptions } from '@/mock/backend'
import type { RoundControl } from '@/mock/controls/schemas'
import { asAnyModule } from '@/mock/core/module'
import { masksModule } from '@/mock/masks'
import { call, testBackend, type CallInit } from './backend'

/** A frozen-clock backend with only the masks service: fast to build, so each test gets its own. */
export function masksBackend(options: BackendOptions = {}): Backend {
  return testBackend({ modules: [asAnyModule(masksModule)], ...options })
}

/** Times of the seed's day and the days after it, in Shanghai. */
export const T = (dayOffset: number, hhmm: string): string => {
  const day = 10 + dayOffset
  return `2020-02-${String(day).padStart(2, '0')}T${hhmm}:00+08:00`
}
export const ms = (iso: string): number => Date.parse(iso)

/** A fresh first-come round open now (the seed's 10:00), pickup from 11th 09:00 to 13th 20:00. */
export function firstComeRound(overrides: Partial<RoundControl> = {}): RoundControl {
  return {
    allocation: 'first_come',
    perPersonLimit: 5,
    opensAt: T(0, '09:00'),
    closesAt: T(0, '20:00'),
    pickupFrom: T(1, '09:00'),
    pickupUntil: T(3, '20:00'),
    ...overrides,
  }
}

/** A lottery open now, closing 20:00, drawn 21:00, pickup from 11th 09:00 to 13th 20:00. */
export function lotteryRound(overrides: Partial<RoundControl> = {}): RoundControl {
  return {
    allocation: 'lottery',
    perPersonLimit: 5,
    opensAt: T(0, '09:00'),
    closesAt: T(0, '20:00'),
    drawAt: T(0, '21:00'),
    pickupFrom: T(1, '09:00'),
    pickupUntil: T(3, '20:00'),
    ...overrides,
  }
}

export function startRound(backend: Backend, body: RoundControl): CurrentRoundResponse {
  const res = call(backend, 'POST', '/__mock/masks/round', { body })
  if (res.status !== 201) throw new Error(`round control failed: ${res.status} ${JSON.stringify(res.body)}`)
  return v.parse(CurrentRoundResponseSchema, res.body)
}

export function currentRound(backend: Backend): CurrentRoundResponse {
  return v.parse(CurrentRoundResponseSchema, call(backend, 'GET', '/masks/rounds/current').body)
}

export interface ApiAnswer {
  status: number
  code?: string
  message?: string
  fields?: Record<string, string>
  body: unknown
}

/** Any answer, with the error's code and fields pulled out for assertions. */
export function answer(backend: Backend, method: string, path: string, init: CallInit = {}): ApiAnswer {
  const res = call(backend, method, path, init)
  const body: unknown = res.body
  const error = (body as { error?: { code: string; message: string; fields?: Record<string, string> } } | undefined)?.error
  return { status: res.status, code: error?.code, message: error?.message, fields: error?.fields, body }
}

export function reserveRaw(
  backend: Backend,
  token: string,
  body: { roundId: string; outletId: string; quantity: number },
  key?: string,
): ApiAnswer {
  return answer(backend, 'POST', '/masks/reservations', { token, body, headers: key ? { 'Idempotency-Key': key } : {} })
}

export function reserve(backend: Backend, token: string, body: { roundId: string; outletId: string; quantity: number }): Reservation {
  const res = reserveRaw(backend, token, body)
  if (res.status !== 201) throw new Error(`reserve failed: ${res.status} ${res.code}`)
  return v.parse(ReservationSchema, res.body)
}

export function asReservation(a: ApiAnswer): Reservation {
  return v.parse(ReservationSchema, a.body)
}

export function myReservations(backend: Backend, token: string): Reservation[] {
  return v.parse(ReservationListSchema, call(backend, 'GET', '/masks/reservations', { token, query: { limit: '50' } }).body).items
}

export function outlet(backend: Backend, id: string): Outlet {
  return v.parse(OutletSchema, call(backend, 'GET', `/masks/outlets/${id}`).body)
}

export function outletPage(backend: Backend, query: Record<string, string>): v.InferOutput<typeof OutletListSchema> {
  const res = call(backend, 'GET', '/masks/outlets', { query })
  if (res.status !== 200) throw new Error(`outlets failed: ${res.status} ${JSON.stringify(res.body)}`)
  return v.parse(OutletListSchema, res.body)
}

export function drawResult(backend: Backend, roundId: string): DrawResult {
  return v.parse(DrawResultSchema, call(backend, 'GET', `/masks/rounds/${roundId}/draw`).body)
}

export { uuid } from './backend'

export const PICKUP_CODE = /^\d{8}$/
