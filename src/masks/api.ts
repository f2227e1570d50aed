import { api } from '@/core/api'
import {
  CurrentRoundResponseSchema,
  OutletListSchema,
  OutletSchema,
  ReservationListSchema,
  ReservationSchema,
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

export function listOutlets(query: OutletQuery, cursor: string | null = null): Promise<ListPage<Outlet>> {
  return api.call({
    path: '/masks/outlets',
    auth: 'none',
    query: {
      district: query.district,
      lat: query.lat?.toFixed(6),
      lng: query.lng?.toFixed(6),
      cursor: cursor ?? undefined,
    },
    schema: OutletListSchema,
  })
}

export function getOutlet(id: string): Promise<Outlet> {
  return api.call({ path: `/masks/outlets/${encodeURIComponent(id)}`, auth: 'none', schema: OutletSchema })
}

export function reserve(body: { roundId: string; outletId: string; quantity: number }, idempotencyKey: string): Promise<Reservation> {
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
