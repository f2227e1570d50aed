import * as v from 'valibot'
import { IsoTime, ListQuery, TEXT_LIMITS, listSchema, missingFields, queryText, textCharacterCheck } from './common'
import { MemberIdSchema } from './family'

/**
 * 口罩预约 (API.md, Masks). Extensions beyond API.md, all optional so nothing breaks:
 * - outlets carry `districtCode` (API.md, Transport: filters named `district`);
 * - `GET /masks/outlets/:id` answers one outlet (the reserve page opens with only an id);
 * - a reservation carries `allocation`, `drawAt` (lottery), `outletAddress`, `outletHours` and
 *   `holder` (name and document number, always masked: staff see it at the counter);
 * - cancelling: a `cancelled` one answers 200 with itself (a retried cancel is harmless); a
 *   `picked_up` one 409 `ALREADY_PICKED_UP`, an `expired` one 409 `RESERVATION_EXPIRED`, a
 *   `lost` one 409 `NOT_CANCELLABLE`.
 */

export const ALLOCATIONS = ['first_come', 'lottery'] as const
export type Allocation = (typeof ALLOCATIONS)[number]

export const ROUND_STATES = ['upcoming', 'open', 'drawing', 'closed'] as const
export type RoundState = (typeof ROUND_STATES)[number]

export const RESERVATION_STATES = ['entered', 'reserved', 'lost', 'picked_up', 'cancelled', 'expired'] as const
export type ReservationState = (typeof RESERVATION_STATES)[number]

/** States that hold a person's one place in a round (API.md: "live"). */
export const LIVE_STATES: readonly ReservationState[] = ['entered', 'reserved', 'picked_up']

export const RoundSchema = v.object({
  id: v.string(),
  product: v.string(),
  perPersonLimit: v.number(),
  allocation: v.picklist(ALLOCATIONS),
  opensAt: IsoTime,
  closesAt: IsoTime,
  drawAt: v.optional(IsoTime),
  pickupFrom: IsoTime,
  pickupUntil: IsoTime,
  drawSeedHash: v.optional(v.string()),
  drawSeed: v.optional(v.string()),
  state: v.picklist(ROUND_STATES),
})
export type Round = v.InferOutput<typeof RoundSchema>

export const CurrentRoundResponseSchema = v.object({ round: RoundSchema, serverTime: IsoTime })
export type CurrentRoundResponse = v.InferOutput<typeof CurrentRoundResponseSchema>

export const OutletSchema = v.object({
  id: v.string(),
  name: v.string(),
  district: v.string(),
  districtCode: v.string(),
  address: v.string(),
  lat: v.number(),
  lng: v.number(),
  hours: v.string(),
  remaining: v.number(),
  stockUpdatedAt: IsoTime,
  distanceM: v.optional(v.number()),
})
export type Outlet = v.InferOutput<typeof OutletSchema>

export const OutletListSchema = listSchema(OutletSchema)

const coordinate = (label: string, min: number, max: number) =>
  v.optional(
    v.pipe(
      v.string(),
      v.regex(/^-?\d{1,3}(\.\d+)?$/, `${label}应为数字`),
      v.transform(Number),
      v.minValue(min, `${label}应在 ${min} 到 ${max} 之间`),
      v.maxValue(max, `${label}应在 ${min} 到 ${max} 之间`),
    ),
  )

/** `?district&lat&lng&cursor&limit`; `lat` and `lng` come together or not at all. */
export const OutletsQuerySchema = v.pipe(
  v.object({
    ...ListQuery.entries,
    district: queryText('区', TEXT_LIMITS.district),
    lat: coordinate('纬度', -90, 90),
    lng: coordinate('经度', -180, 180),
  }),
  v.forward(
    v.check((q) => (q.lat === undefined) === (q.lng === undefined), '经度和纬度需要同时提供'),
    ['lng'],
  ),
)
export type OutletsQuery = v.InferOutput<typeof OutletsQuerySchema>

export const HolderSchema = v.object({ name: v.string(), docNumberMasked: v.string() })

export const ReservationSchema = v.object({
  id: v.string(),
  roundId: v.string(),
  outletId: v.string(),
  outletName: v.string(),
  quantity: v.number(),
  state: v.picklist(RESERVATION_STATES),
  pickupCode: v.optional(v.string()),
  pickupFrom: IsoTime,
  pickupUntil: IsoTime,
  createdAt: IsoTime,
  allocation: v.optional(v.picklist(ALLOCATIONS)),
  drawAt: v.optional(IsoTime),
  outletAddress: v.optional(v.string()),
  outletHours: v.optional(v.string()),
  holder: v.optional(HolderSchema),
  /** A reservation the account made for a family member (docs/API.md, "Family"). */
  memberId: v.optional(v.string()),
})
export type Reservation = v.InferOutput<typeof ReservationSchema>

export const ReservationListSchema = listSchema(ReservationSchema)

export const MAX_PER_PERSON_LIMIT = 100

/** The shape; the upper bound of `quantity` is the round's own limit, checked by the server. */
export const CreateReservationSchema = v.object(
  {
    roundId: v.pipe(v.string('缺少预约轮次'), v.minLength(1, '缺少预约轮次'), v.maxLength(TEXT_LIMITS.id, '轮次编号无效')),
    outletId: v.pipe(v.string('请选择领取网点'), v.minLength(1, '请选择领取网点'), v.maxLength(TEXT_LIMITS.id, '网点编号无效')),
    quantity: v.pipe(
      v.number('请填写预约数量'),
      v.integer('预约数量应为整数'),
      v.minValue(1, '预约数量至少为 1'),
      v.maxValue(MAX_PER_PERSON_LIMIT, '预约数量超过了每人限额'),
    ),
    memberId: v.optional(MemberIdSchema),
  },
  missingFields({ roundId: '缺少预约轮次', outletId: '请选择领取网点', quantity: '请填写预约数量' }),
)
export type CreateReservation = v.InferOutput<typeof CreateReservationSchema>

/** Pickup codes are 8 digits; staff may type them with spaces. */
export const PICKUP_CODE_LENGTH = 8
export function normalizePickupCode(raw: string): string {
  return raw.replace(/[\s-]/g, '')
}

export const PickupRequestSchema = v.object(
  {
    // As sent, before spaces and hyphens are dropped: the counter's box stops at the same number,
    // and a hidden character is a 400 here rather than a puzzling "no such code".
    pickupCode: v.pipe(
      v.string('请填写取件码'),
      v.maxLength(TEXT_LIMITS.pickupCode, `取件码不能超过 ${TEXT_LIMITS.pickupCode} 个字符`),
      textCharacterCheck('取件码'),
      v.transform(normalizePickupCode),
      v.minLength(1, '请填写取件码'),
    ),
  },
  missingFields({ pickupCode: '请填写取件码' }),
)
export type PickupRequest = v.InferOutput<typeof PickupRequestSchema>

export const DrawOutletSchema = v.object({
  outletId: v.string(),
  stock: v.number(),
  entries: v.array(v.string()),
  quantities: v.array(v.number()),
  winners: v.array(v.string()),
})
export type DrawOutlet = v.InferOutput<typeof DrawOutletSchema>

export const DrawResultSchema = v.object({
  roundId: v.string(),
  drawSeed: v.string(),
  drawSeedHash: v.string(),
  outlets: v.array(DrawOutletSchema),
})
export type DrawResult = v.InferOutput<typeof DrawResultSchema>

// A service's pages import this one module: their own contract and the core's.
export * from './core'
