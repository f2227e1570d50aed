/**
 * The masks pages' shared setup: a round with a verified person signed in on this device, the
 * reserve page opened on one outlet, and the pickup counter with one reservation to hand over.
 */
import { screen, waitFor } from '@testing-library/react'
import { login } from '@/core/session/session'
import type { Backend } from '@/mock/backend'
import ReservePage from '@/masks/pages/reserve/index'
import PickupPage from '@/masks/pages/pickup/index'
import { verifiedCitizen } from '../../helpers/backend'
import { T, firstComeRound, masksBackend, ms, reserve, startRound } from '../../helpers/masks'
import { freshApp, renderPage } from '../../helpers/pages'

/** The outlet every masks page test reserves at and picks up from. */
export const OUTLET = 'o310101-01'
export const RESERVE_PATH = '/masks/pages/reserve/index'

/** A backend with a round, and this device logged in as a verified person. */
export async function setUpReserve(
  round = firstComeRound({ stockPerOutlet: 50 }),
  code = 'page-person',
): Promise<{ backend: Backend; roundId: string; token: string }> {
  const backend = masksBackend()
  const { round: started } = await startRound(backend, round)
  const { token } = await verifiedCitizen(backend, code, { name: '王小明' })
  freshApp(backend)
  await login(code)
  return { backend, roundId: started.id, token }
}

/** The reserve page on `OUTLET`, once it shows the outlet. */
export async function openReserve(): Promise<void> {
  renderPage(<ReservePage />, { path: RESERVE_PATH, params: { outletId: OUTLET } })
  await screen.findByText('领取网点')
}

/**
 * The staff counter at `OUTLET` at `clock`, with a citizen's reservation of 3 waiting: returns its
 * pickup code and id.
 */
export async function counter(clock = T(1, '10:00')): Promise<{ backend: Backend; code: string; id: string }> {
  const backend = masksBackend()
  const { round } = await startRound(backend, firstComeRound({ stockPerOutlet: 10 }))
  const r = await reserve(backend, (await verifiedCitizen(backend, 'at-counter', { name: '赵四' })).token, {
    roundId: round.id,
    outletId: OUTLET,
    quantity: 3,
  })
  backend.clock.set(ms(clock))
  freshApp(backend)
  await login(`staff:${OUTLET}`)
  renderPage(<PickupPage />, { path: '/masks/pages/pickup/index' })
  await screen.findByText('市民的取件码')
  // The card's title can show before its field has mounted: wait for the field itself.
  await waitFor(() => expect(document.querySelector('input[name="pickupCode"]')).not.toBeNull())
  return { backend, code: r.pickupCode!, id: r.id }
}
