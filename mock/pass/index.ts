import type { ServiceModule } from '../core/module'
import { passRoutes } from './routes'
import { createPassState, memoryPassStore, type PassState } from './store'

/** 一码: each verified person's pass, its checks by workers and staff, and the lookup for people without a phone. */
export const passModule: ServiceModule<PassState, Record<string, never>> = {
  name: 'pass',
  createBase: () => ({}),
  createState: createPassState,
  memoryStore: memoryPassStore,
  routes: passRoutes,
}
