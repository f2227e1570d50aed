import type { Backend } from '@/mock/backend'
import { controlRoutes } from '@/mock/controls/routes'
import type { Route } from '@/mock/core/router'
import { serviceModules } from '@/mock/modules'
import { coreRoutes } from '@/mock/session/routes'

/** What the fuzzer needs of a route: enough to build requests to it and to name it in a report. */
export interface FuzzRoute {
  /** `POST /api/v1/masks/reservations/:id/cancel`: the name in test titles and reports. */
  key: string
  method: string
  path: string
  paramNames: string[]
  auth: Route['auth']
  idempotent: boolean
  control: boolean
}

/**
 * The route table as `createBackend` composes it (core, controls, then every service module's
 * routes). `Backend` does not expose its table, so it is rebuilt from the same lists the backend
 * reads: a route added to a module, or a module added to `mock/modules.ts`, is fuzzed without
 * anyone touching this folder. Should the backend ever expose `routes`, that table wins.
 */
export function routeTable(backend?: Backend): FuzzRoute[] {
  const exposed = (backend as Partial<{ routes: readonly Route[] }> | undefined)?.routes
  const table: readonly Route[] = exposed ?? [...coreRoutes, ...controlRoutes, ...serviceModules.flatMap((m) => m.routes)]
  const seen = new Set<string>()
  const out: FuzzRoute[] = []
  for (const r of table) {
    const key = `${r.method} ${r.path}`
    // The router takes the first match: a duplicate entry can never run, so it is not fuzzed twice.
    if (seen.has(key)) continue
    seen.add(key)
    out.push({
      key,
      method: r.method,
      path: r.path,
      paramNames: [...r.paramNames],
      auth: r.auth,
      idempotent: r.idempotent,
      control: r.control,
    })
  }
  return out
}
