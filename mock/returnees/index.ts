import type { ServiceModule } from '../core/module'
import { returneesAttention } from './attention'
import { returneesRoutes } from './routes'
import { createReturneesBase, createReturneesState } from './seed'
import type { ReturneesBase, ReturneesState } from './state'

/** 返沪人员登记: regions, risk areas, declarations, daily check-ins and the community console. */
export const returneesModule: ServiceModule<ReturneesState, ReturneesBase> = {
  name: 'returnees',
  createBase: createReturneesBase,
  createState: createReturneesState,
  routes: returneesRoutes,
  attention: returneesAttention,
}
