import type { ServiceModule } from '../core/module'
import { returneeAttention } from './attention'
import { seedRiskAreas } from './riskAreas'
import { returneeRoutes, returnees } from './routes'
import { seedReturnees } from './seed'
import type { ReturneesBase, ReturneesState } from './types'

/** 返沪人员登记: regions, risk areas, declarations, daily check-ins and the community console. */
export const returneesModule: ServiceModule<ReturneesState, ReturneesBase> = {
  name: 'returnees',
  createBase: () => ({ riskAreas: seedRiskAreas() }),
  createState: (seed, base, clock) => seedReturnees(seed, base.riskAreas, clock),
  routes: returneeRoutes,
  attention: (ctx, account) => returneeAttention(ctx, account, returnees.state(ctx)),
}
