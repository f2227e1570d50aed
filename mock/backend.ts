import { MockClock, SEED_EPOCH_MS } from './core/clock'
import { HttpError, errorResponse, type MockRequest, type MockResponse } from './core/http'
import type { AnyModule } from './core/module'
import { sha256Hex } from './core/random'
import { pruneIdempotency, withIdempotency, type BackendEnv, type Ctx, type Faults, type Route } from './core/router'
import { emptyCoreState, type Account, type Db } from './core/state'
import { coreRoutes } from './session/routes'
import { controlRoutes } from './controls/routes'
import { serviceModules } from './modules'

export interface BackendOptions {
  seed?: number
  clock?: MockClock
  /** Serve `/__mock` controls (the mock server and tests; off in anything shipped to people). */
  controls?: boolean
  modules?: AnyModule[]
  /** A snapshot from `snapshot()` to start from instead of fresh seed data (embedded mode). */
  restore?: BackendSnapshot
}

export interface BackendSnapshot {
  seed: number
  clockMs: number
  db: Db
}

export interface Backend {
  handle(req: MockRequest): MockResponse
  /** True for a request to a control route: transports never fault those. */
  isControl(path: string): boolean
  readonly clock: MockClock
  readonly faults: Faults
  readonly db: Db
  readonly seed: number
  snapshot(): BackendSnapshot
}

/**
 * Seed data is a pure function of (module, seed) and is never written to, so backends share it:
 * tests build hundreds of backends, and thousands of postings need not be generated each time.
 */
const baseCache = new Map<string, unknown>()
function baseFor(module: AnyModule, seed: number): unknown {
  const key = `${module.name}:${seed}`
  if (!baseCache.has(key)) baseCache.set(key, module.createBase(seed))
  return baseCache.get(key)
}

const NO_FAULTS: Faults = { latencyMs: 0, failRate: 0, dropRate: 0 }

export function createBackend(options: BackendOptions = {}): Backend {
  const modules = options.modules ?? serviceModules
  const clock = options.clock ?? new MockClock(options.restore?.clockMs ?? SEED_EPOCH_MS)
  const routes: Route[] = [
    ...coreRoutes,
    ...(options.controls === false ? [] : controlRoutes),
    // A service's own `/__mock` controls go with the core's: never in a build shipped to people.
    ...modules.flatMap((m) => m.routes).filter((r) => options.controls !== false || !r.control),
  ]

  let seed = options.restore?.seed ?? options.seed ?? 1
  let bases: Record<string, unknown> = {}
  // Derived once per world: tokens, codes and every cursor signature read it.
  let secret = ''
  let db: Db = { core: emptyCoreState(seed), services: {} }
  const faults: Faults = { ...NO_FAULTS }

  function buildWorld(newSeed: number, restore?: Db): void {
    seed = newSeed
    secret = sha256Hex(`mock-secret:${newSeed}`)
    bases = Object.fromEntries(modules.map((m) => [m.name, baseFor(m, newSeed)]))
    if (restore) {
      db = restore
    } else {
      db = { core: emptyCoreState(newSeed), services: {} }
      for (const m of modules) db.services[m.name] = m.createState(newSeed, bases[m.name], clock)
    }
  }

  const env: BackendEnv = {
    get seed() {
      return seed
    },
    get secret() {
      return secret
    },
    get bases() {
      return bases
    },
    faults,
    reset(newSeed: number) {
      clock.set(SEED_EPOCH_MS)
      Object.assign(faults, NO_FAULTS)
      buildWorld(newSeed)
    },
    resolveLoginCode(code, ctx) {
      for (const m of modules) {
        const found = m.resolveLoginCode?.(code, ctx)
        if (found) return found
      }
      return null
    },
    attentionFor(ctx, account) {
      return modules.flatMap((m) => m.attention?.(ctx, account) ?? [])
    },
  }

  if (options.restore) buildWorld(options.restore.seed, options.restore.db)
  else buildWorld(seed)

  function authenticate(ctx: Ctx, mode: Route['auth']): void {
    if (mode === 'none') return
    const header = ctx.req.headers.authorization
    if (!header) {
      if (mode === 'required') throw new HttpError(401, 'UNAUTHENTICATED', '请先登录')
      return
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    const session = match ? ctx.db.core.sessions[match[1]] : undefined
    if (!match || !session || session.revoked || session.expiresAt <= ctx.clock.now()) {
      throw new HttpError(401, 'UNAUTHENTICATED', '登录已失效，请重新登录')
    }
    ctx.token = match[1]
    ctx.account = ctx.db.core.accounts[session.accountId]
  }

  function handle(req: MockRequest): MockResponse {
    const method = req.method.toUpperCase()
    let matched: { route: Route; params: Record<string, string> } | null = null
    let pathKnown = false
    for (const route of routes) {
      const m = route.matcher.exec(req.path)
      if (!m) continue
      pathKnown = true
      if (route.method !== method) continue
      const params: Record<string, string> = {}
      route.paramNames.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1])
      })
      matched = { route, params }
      break
    }
    if (!matched) {
      return pathKnown ? errorResponse(405, 'METHOD_NOT_ALLOWED', '不支持这种请求方式') : errorResponse(404, 'NOT_FOUND', '没有这个接口')
    }
    const ctx: Ctx = { db, clock, req: { ...req, method }, params: matched.params, env }
    const { route } = matched
    try {
      authenticate(ctx, route.auth)
      if (route.idempotent) {
        pruneIdempotency(ctx)
        return withIdempotency(ctx, ctx.account?.id ?? 'anonymous', () => route.run(ctx))
      }
      return route.run(ctx)
    } catch (e) {
      if (e instanceof HttpError) return errorResponse(e.status, e.code, e.message, e.fields, e.headers)
      // Never echo the request: it may carry personal data.
      const where = e instanceof Error ? ((e.stack ?? '').split('\n')[1]?.trim() ?? '') : ''
      const what = e instanceof Error ? `${e.name} ${where}` : 'unknown'
      console.error(`[mock] ${method} ${route.path} failed: ${what}`)
      return errorResponse(500, 'INTERNAL', '服务暂时出错，请稍后重试')
    }
  }

  return {
    handle,
    isControl: (path) => path.startsWith('/__mock/'),
    clock,
    faults,
    get db() {
      return db
    },
    get seed() {
      return seed
    },
    snapshot: () => ({ seed, clockMs: clock.now(), db }),
  }
}

export type { Account }
