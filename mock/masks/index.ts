import type { ServiceModule } from '../core/module'
import { masksAttention } from './attention'
import { masksRoutes } from './routes'
import { staffLogin } from './rules'
import { createMasksBase, createMasksState } from './seed'
import type { MasksBase, MasksState } from './state'
import { memoryMasksStore } from './store'

/** 口罩预约: Shanghai's outlets, first-come and lottery rounds, reservations and pickups. */
export const masksModule: ServiceModule<MasksState, MasksBase> = {
  name: 'masks',
  createBase: createMasksBase,
  createState: createMasksState,
  memoryStore: memoryMasksStore,
  routes: masksRoutes,
  resolveLoginCode: staffLogin,
  attention: masksAttention,
}
