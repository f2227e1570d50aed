import { addDays, shanghaiDate } from '@/core/time/shanghai'
import { SEED_EPOCH_MS } from '../core/clock'
import { intBetween, rngFor } from '../core/random'
import { seedOutlets } from './seed-outlets'
import { addRound, emptyMasksState, stockOf, type MasksBase, type MasksState } from './state'

export function createMasksBase(seed: number): MasksBase {
  const outlets = seedOutlets(seed)
  return { outlets, byId: new Map(outlets.map((o) => [o.id, o])) }
}

const at = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`)

/**
 * The seed's world: a first-come round that opened at 09:00 on the seed's first day and is open
 * at its start (10:00), pickup from the next morning for three days, and an hour of bookings
 * already taken off each outlet's stock (a few small outlets are already out).
 */
export function createMasksState(seed: number, base: MasksBase): MasksState {
  const state = emptyMasksState()
  const day = shanghaiDate(SEED_EPOCH_MS)
  const opensAt = at(day, '09:00')
  const round = addRound(
    state,
    {
      product: '一次性使用医用口罩',
      perPersonLimit: 5,
      allocation: 'first_come',
      opensAt,
      closesAt: at(day, '20:00'),
      pickupFrom: at(addDays(day, 1), '09:00'),
      pickupUntil: at(addDays(day, 3), '20:00'),
      createdAt: opensAt,
    },
    new Map(base.outlets.map((o) => [o.id, o.baseStock])),
  )
  const rng = rngFor(seed, 'masks:first-hour')
  for (const outlet of base.outlets) {
    const stock = stockOf(state, round.id, outlet.id)
    const soldOut = outlet.baseStock <= 20 && rng() < 0.5
    const taken = soldOut ? outlet.baseStock : Math.floor(outlet.baseStock * rng() * 0.6)
    stock.remaining = outlet.baseStock - taken
    if (taken > 0) stock.updatedAt = opensAt + intBetween(rng, 1, 59) * 60_000
  }
  return state
}
