import { api } from '@/core/api'
import {
  CurrentRoundResponseSchema,
  OutletListSchema,
  OutletSchema,
  ReservationListSchema,
  ReservationSchema,
  type CreateReservation,
  type CurrentRoundResponse,
  type ListPage,
  type Outlet,
  type Reservation,
} from '@/core/contract/masks'

/** The masks service's calls. The round, outlets and draw are public: they go without a token. */
export function getCurrentRound(): Promise<CurrentRoundResponse> {
  return api.call({ path: '/masks/rounds/current', auth: 'none', schema: CurrentRoundResponseSchema })
}

export interface OutletQuery {
  district?: string
  lat?: number
  lng?: number
}

/**
 * Where the person is goes in the query string, which servers and proxies log: 3 decimals (about
 * 100 m) rank outlets nearest first as well as the phone's full fix, without pointing at a home.
 * The same rounding on every page of the list keeps its cursor valid (it holds for one lat,lng).
 */
const COORD_DECIMALS = 3

export function listOutlets(query: OutletQuery, cursor: string | null = null): Promise<ListPage<Outlet>> {
  return api.call({
    path: '/masks/outlets',
    auth: 'none',
    query: {
      district: query.district,
      lat: query.lat?.toFixed(COORD_DECIMALS),
      lng: query.lng?.toFixed(COORD_DECIMALS),
      cursor: cursor ?? undefined,
    },
    schema: OutletListSchema,
  })
}

export function getOutlet(id: string): Promise<Outlet> {
  return api.call({ path: `/masks/outlets/${encodeURIComponent(id)}`, auth: 'none', schema: OutletSchema })
}

export function reserve(body: CreateReservation, idempotencyKey: string): Promise<Reservation> {
  return api.call({ method: 'POST', path: '/masks/reservations', body, idempotencyKey, schema: ReservationSchema })
}

export function listMyReservations(cursor?: string | null): Promise<ListPage<Reservation>> {
  return api.call({ path: '/masks/reservations', query: { cursor: cursor ?? undefined, limit: 20 }, schema: ReservationListSchema })
}

/** Cancelling twice answers the cancelled reservation again, so the client may retry it. */
export function cancelReservation(id: string): Promise<Reservation> {
  return api.call({
    method: 'POST',
    path: `/masks/reservations/${encodeURIComponent(id)}/cancel`,
    repeatable: true,
    schema: ReservationSchema,
  })
}

export function pickUp(pickupCode: string, idempotencyKey: string): Promise<Reservation> {
  return api.call({ method: 'POST', path: '/masks/pickups', body: { pickupCode }, idempotencyKey, schema: ReservationSchema })
}
