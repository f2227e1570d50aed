import { asAnyModule, type AnyModule } from './core/module'
import { familyModule } from './family'
import { jobsModule } from './jobs'
import { masksModule } from './masks'
import { passModule } from './pass'
import { returneesModule } from './returnees'

/** Every service's part of the mock, one line each. */
export const serviceModules: AnyModule[] = [
  asAnyModule(jobsModule),
  asAnyModule(masksModule),
  asAnyModule(returneesModule),
  asAnyModule(passModule),
  asAnyModule(familyModule),
]
