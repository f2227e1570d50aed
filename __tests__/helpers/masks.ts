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

export async function startRound(backend: Backend, body: RoundControl): Promise<CurrentRoundResponse> {
  const res = await call(backend, 'POST', '/__mock/masks/round', { body })
  if (res.status !== 201) throw new Error(`round control failed: ${res.status} ${JSON.stringify(res.body)}`)
  return v.parse(CurrentRoundResponseSchema, res.body)
}

export async function currentRound(backend: Backend): Promise<CurrentRoundResponse> {
  return v.parse(CurrentRoundResponseSchema, (await call(backend, 'GET', '/masks/rounds/current')).body)
}

export interface ApiAnswer {
  status: number
  code?: string
  message?: string
  fields?: Record<string, string>
  body: unknown
}

/** Any answer, with the error's code and fields pulled out for assertions. */
export async function answer(backend: Backend, method: string, path: string, init: CallInit = {}): Promise<ApiAnswer> {
  const res = await call(backend, method, path, init)
  const body: unknown = res.body
  const error = (body as { error?: { code: string; message: string; fields?: Record<string, string> } } | undefined)?.error
  return { status: res.status, code: error?.code, message: error?.message, fields: error?.fields, body }
}

export async function reserveRaw(
  backend: Backend,
  token: string,
  body: { roundId: string; outletId: string; quantity: number },
  key?: string,
): Promise<ApiAnswer> {
  return await answer(backend, 'POST', '/masks/reservations', { token, body, headers: key ? { 'Idempotency-Key': key } : {} })
}

export async function reserve(
  backend: Backend,
  token: string,
  body: { roundId: string; outletId: string; quantity: number },
): Promise<Reservation> {
  const res = await reserveRaw(backend, token, body)
  if (res.status !== 201) throw new Error(`reserve failed: ${res.status} ${res.code}`)
  return v.parse(ReservationSchema, res.body)
}

export function asReservation(a: ApiAnswer): Reservation {
  return v.parse(ReservationSchema, a.body)
}

export async function myReservations(backend: Backend, token: string): Promise<Reservation[]> {
  return v.parse(ReservationListSchema, (await call(backend, 'GET', '/masks/reservations', { token, query: { limit: '50' } })).body).items
}

export async function outlet(backend: Backend, id: string): Promise<Outlet> {
  return v.parse(OutletSchema, (await call(backend, 'GET', `/masks/outlets/${id}`)).body)
}

export async function outletPage(backend: Backend, query: Record<string, string>): Promise<v.InferOutput<typeof OutletListSchema>> {
  const res = await call(backend, 'GET', '/masks/outlets', { query })
  if (res.status !== 200) throw new Error(`outlets failed: ${res.status} ${JSON.stringify(res.body)}`)
  return v.parse(OutletListSchema, res.body)
}

export async function drawResult(backend: Backend, roundId: string): Promise<DrawResult> {
  return v.parse(DrawResultSchema, (await call(backend, 'GET', `/masks/rounds/${roundId}/draw`)).body)
}

export { uuid } from './backend'

export const PICKUP_CODE = /^\d{8}$/
