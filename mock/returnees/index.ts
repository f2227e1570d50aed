import type { ServiceModule } from '../core/module'
import { returneesAttention } from './attention'
import { returneesNamesOfDocument, returneesPassStanding, workerPlace } from './pass'
import { returneesRoutes } from './routes'
import { createReturneesBase, createReturneesState } from './seed'
import { returnees, type ReturneesBase, type ReturneesState } from './state'
import { copyReturneesWorld, memoryReturneesStore } from './store'

/** 返沪人员登记: regions, risk areas, declarations, daily check-ins and the community console. */
export const returneesModule: ServiceModule<ReturneesState, ReturneesBase> = {
  name: 'returnees',
  createBase: createReturneesBase,
  createState: createReturneesState,
  memoryStore: memoryReturneesStore,
  seedStore: (stores, state) => copyReturneesWorld(state, returnees.store({ stores })),
  routes: returneesRoutes,
  attention: returneesAttention,
  passStanding: returneesPassStanding,
  namesOfDocument: returneesNamesOfDocument,
  placeOf: workerPlace,
}
