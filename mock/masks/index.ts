import type { ServiceModule } from '../core/module'
import { masksAttention } from './attention'
import { masksRoutes } from './routes'
import { staffLogin, staffPlace } from './rules'
import { createMasksBase, createMasksState } from './seed'
import { masks, type MasksBase, type MasksState } from './state'
import { copyMasksWorld, memoryMasksStore } from './store'

/** 口罩预约: Shanghai's outlets, first-come and lottery rounds, reservations and pickups. */
export const masksModule: ServiceModule<MasksState, MasksBase> = {
  name: 'masks',
  createBase: createMasksBase,
  createState: createMasksState,
  memoryStore: memoryMasksStore,
  seedStore: (stores, state) => copyMasksWorld(state, masks.store({ stores })),
  routes: masksRoutes,
  resolveLoginCode: staffLogin,
  attention: masksAttention,
  placeOf: staffPlace,
}
