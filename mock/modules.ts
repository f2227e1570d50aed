import type { AnyModule } from './core/module'

/** Every service's part of the mock, one line each. */
export const serviceModules: AnyModule[] = []
