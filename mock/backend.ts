import { MockClock, SEED_EPOCH_MS } from './core/clock'
import { HttpError, errorResponse, errorResponseOf, type MockRequest, type MockResponse } from './core/http'
import type { AttentionItem } from '@/core/contract'
import type { AnyModule, FamilyMemberRecord, PassStanding } from './core/module'
import { pruneIdempotency, rootAlias, withIdempotency, type BackendEnv, type Ctx, type Faults, type Route } from './core/router'
import { pinnedSource, platformRandom, randomness, type RandomSource } from './core/secrets'
import { emptyCoreState, type Account, type Db } from './core/state'
import type { MemoryFallback, RequestStores, Storage } from './core/storage'
import { memoryCoreStore } from './session/store'
import { decodeComponent, malformedEncoding } from './core/uri'
import { coreRoutes } from './session/routes'
import { controlRoutes } from './controls/routes'
import { serviceModules } from './modules'

export interface BackendOptions {
  seed?: number
  clock?: MockClock
  /** Serve the controls, `/api/v1/__mock/…` and `/__mock/…` (the mock server and tests; off in anything shipped to people). */
  controls?: boolean
  modules?: AnyModule[]
  /** A snapshot from `snapshot()` to start from instead of fresh seed data (embedded mode). */
  restore?: BackendSnapshot
  /**
   * Where tokens, SMS codes, pickup codes and the cursor key come from. Default: the runtime's
   * `crypto.getRandomValues`. The embedded build passes its own (WeChat has no synchronous one).
   */
  random?: RandomSource
  /**
   * Pins all of the above to a stream keyed by this text, so two backends doing the same things
   * hand out the same tokens: for reproducible tests only (`MOCK_SECRET` in mock/server/main.ts).
   * Wins over `random`.
   */
  secret?: string
  /**
   * Where the records live. Default: the memory state (`db`, what embedded mode persists). A
   * database storage (mock/store/sql-storage.ts) is passed in, so nothing of the database code
   * reaches a build that does not ask for it.
   */
  storage?: (memory: MemoryFallback) => Storage
  /**
   * The key that signs cursors, when it comes from outside (a production server's environment)
   * rather than drawn for each world and kept with it.
   */
  cursorKey?: string
  /**
   * Answer `POST /identity/sms` with the code itself (`devCode`): the mock and the embedded demo
   * send no real SMS. Default true; a production server leaves the code in its outbox instead.
   */
  devCodes?: boolean
}

/** What embedded mode persists. The cursor key travels in `db.core.secret`, so it survives a relaunch. */
export interface BackendSnapshot {
  seed: number
  clockMs: number
  db: Db
}

export interface Backend {
  handle(req: MockRequest): Promise<MockResponse>
  /** True for a request to a control route: transports never fault those. */
  isControl(path: string): boolean
  readonly clock: MockClock
  readonly faults: Faults
  readonly db: Db
  readonly seed: number
  snapshot(): BackendSnapshot
  /**
   * Settles once the storage holds a world: a database's own (kept as it is), or the seed's
   * (an empty database is seeded). Requests wait for it; a server awaits it to fail early.
   */
  ready(): Promise<void>
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

function randomSourceFor(options: BackendOptions): RandomSource {
  if (options.secret !== undefined) return pinnedSource(options.secret)
  const source = options.random ?? platformRandom()
  if (!source) throw new Error('createBackend: this runtime has no crypto.getRandomValues; pass `random` (or `secret` in tests)')
  return source
}

/** Every route in the order they match: the core's, the controls (each at the root too), then each module's. */
function routeTable(modules: AnyModule[], controls: boolean): Route[] {
  return [...coreRoutes, ...controlRoutes, ...modules.flatMap((m) => m.routes)]
    .filter((r) => controls || !r.control)
    .flatMap((r) => (r.control ? [r, rootAlias(r)] : [r]))
}

export function createBackend(options: BackendOptions = {}): Backend {
  const modules = options.modules ?? serviceModules
  const clock = options.clock ?? new MockClock(options.restore?.clockMs ?? SEED_EPOCH_MS)
  // A service's own `/__mock` controls go with the core's: never in a build shipped to people.
  const routes = routeTable(modules, options.controls !== false)
  const controls = routes.filter((r) => r.control)
  const random = randomness(randomSourceFor(options))
  // A fresh key for every world: a cursor from before a reset is nobody's.
  const newSecret = () => options.cursorKey ?? random.hex(32)

  let seed = options.restore?.seed ?? options.seed ?? 1
  // Both set by buildWorld below, before anything reads them.
  let bases: Record<string, unknown>
  let db: Db
  const faults: Faults = { ...NO_FAULTS }

  function buildWorld(newSeed: number, restore?: Db): void {
    seed = newSeed
    bases = Object.fromEntries(modules.map((m) => [m.name, baseFor(m, newSeed)]))
    if (restore) {
      db = restore
      // A snapshot from before the key was kept: its cursors are lost, its sessions are not.
      if (typeof db.core.secret !== 'string' || db.core.secret === '') db.core.secret = newSecret()
    } else {
      db = { core: emptyCoreState(newSeed, newSecret()), services: {} }
      for (const m of modules) db.services[m.name] = m.createState(newSeed, bases[m.name], clock)
    }
  }

  const env: BackendEnv = {
    get seed() {
      return seed
    },
    get secret() {
      return db.core.secret
    },
    random,
    devCodes: options.devCodes !== false,
    get bases() {
      return bases
    },
    faults,
    async reset(newSeed, stores) {
      clock.set(SEED_EPOCH_MS)
      Object.assign(faults, NO_FAULTS)
      buildWorld(newSeed)
      if (stores.database) {
        await stores.database.wipe({ seed, secret: db.core.secret, clock: { mockMs: clock.now(), realMs: clock.real() } })
        await seedStores(stores)
      }
    },
    resolveLoginCode(code, ctx) {
      for (const m of modules) {
        const found = m.resolveLoginCode?.(code, ctx)
        if (found) return found
      }
      return null
    },
    async attentionFor(ctx, account) {
      const items: AttentionItem[] = []
      for (const m of modules) items.push(...((await m.attention?.(ctx, account)) ?? []))
      return items
    },
    async passStandingsOf(ctx, docType, docNumber) {
      const standings: PassStanding[] = []
      for (const m of modules) {
        const standing = await m.passStanding?.(ctx, docType, docNumber)
        if (standing) standings.push(standing)
      }
      const rank = { red: 0, yellow: 1, green: 2 } as const
      return standings.sort((a, b) => rank[a.color] - rank[b.color])
    },
    async namesOfDocument(ctx, docType, docNumber) {
      const names: string[] = []
      for (const m of modules) names.push(...((await m.namesOfDocument?.(ctx, docType, docNumber)) ?? []))
      return names
    },
    placeOf(ctx, account) {
      for (const m of modules) {
        const place = m.placeOf?.(ctx, account)
        if (place) return place
      }
      return null
    },
    async familyMember(ctx, memberId) {
      for (const m of modules) {
        const found = await m.familyMember?.(ctx, memberId)
        if (found) return found
      }
      return undefined
    },
    async familyMembersOf(ctx, ownerId) {
      const members: FamilyMemberRecord[] = []
      for (const m of modules) members.push(...((await m.familyMembersOf?.(ctx, ownerId)) ?? []))
      return members
    },
  }

  if (options.restore) buildWorld(options.restore.seed, options.restore.db)
  else buildWorld(seed)

  /**
   * The one token check: every call that reads a token (logout and the public calls included) goes
   * through it. Sessions are a Dict, so a token named `__proto__` or `constructor` is just unknown.
   */
  async function authenticate(ctx: Ctx, mode: Route['auth']): Promise<void> {
    if (mode === 'ignore') return
    const header = ctx.req.headers.authorization
    if (!header) {
      if (mode === 'required') throw new HttpError(401, 'UNAUTHENTICATED', '请先登录')
      return
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    const session = match ? await ctx.stores.core.session(match[1]) : undefined
    const account = session ? await ctx.stores.core.account(session.accountId) : undefined
    if (!match || !session || !account || session.revoked || session.expiresAt <= ctx.clock.now()) {
      throw new HttpError(401, 'UNAUTHENTICATED', '登录已失效，请重新登录')
    }
    ctx.session = session
    ctx.token = match[1]
    ctx.account = account
  }

  /** The route for a path and method, its params decoded (the whole path has decoded already); or a 404 or 405 answer. */
  function match(path: string, method: string): { route: Route; params: Record<string, string> } | MockResponse {
    let pathKnown = false
    for (const route of routes) {
      const m = route.matcher.exec(path)
      if (!m) continue
      pathKnown = true
      if (route.method !== method) continue
      const params: Record<string, string> = {}
      for (const [i, name] of route.paramNames.entries()) params[name] = decodeURIComponent(m[i + 1])
      return { route, params }
    }
    return pathKnown ? errorResponse(405, 'METHOD_NOT_ALLOWED', '不支持这种请求方式') : errorResponse(404, 'NOT_FOUND', '没有这个接口')
  }

  /**
   * The memory storage's transaction: requests run one at a time, so a rule's reads and writes,
   * awaited step by step, never interleave with another request's.
   */
  let running: Promise<unknown> = Promise.resolve()
  const fallback: MemoryFallback = {
    service(name) {
      const m = modules.find((candidate) => candidate.name === name)
      if (!m?.memoryStore) throw new Error(`no store for service ${name}`)
      return m.memoryStore(db.services[name])
    },
  }
  const memory: Storage = {
    run(work) {
      const stores: RequestStores = { core: memoryCoreStore(db.core), service: fallback.service }
      const answer = running.then(() => work(stores))
      running = answer.catch(() => undefined)
      return answer
    },
  }
  const storage = options.storage ? options.storage(fallback) : memory

  /** The seed's world, which `buildWorld` made in memory, into a database's stores. */
  async function seedStores(stores: RequestStores): Promise<void> {
    for (const m of modules) await m.seedStore?.(stores, db.services[m.name])
  }

  /**
   * A database that holds a world keeps it (its seed decides the seed data every process serves,
   * its key signs the cursors); an empty one gets the seed's world.
   */
  async function openWorld(stores: RequestStores): Promise<void> {
    if (!stores.database) return
    const held = await stores.database.world()
    if (held) {
      if (held.seed !== seed) buildWorld(held.seed)
      db.core.secret = options.cursorKey ?? held.secret
      // Only the controls move the clock: without them (production) it is the real one.
      if (routes.some((r) => r.control) && held.clock) {
        clock.set(clock.frozen ? held.clock.mockMs : held.clock.mockMs + (clock.real() - held.clock.realMs))
      }
      return
    }
    await stores.database.wipe({ seed, secret: db.core.secret, clock: { mockMs: clock.now(), realMs: clock.real() } })
    await seedStores(stores)
  }
  const opening = storage.run(openWorld)
  // A failed opening answers every request 500 (and `ready` rejects): never an unhandled rejection.
  opening.catch(() => undefined)

  async function handle(req: MockRequest): Promise<MockResponse> {
    const method = req.method.toUpperCase()
    // A path that does not decode names nothing: 400 before anything else is looked at.
    if (decodeComponent(req.path) === null) return errorResponseOf(malformedEncoding('path'))
    const matched = match(req.path, method)
    if (!('route' in matched)) return matched
    const { route } = matched
    try {
      await opening
      // A refusal (an HttpError) is an answer: the rule's writes are undone unless it keeps them (a
      // wrong SMS code's count), its key keeps the answer. Anything else rolls the request's
      // transaction back, then answers 500.
      return await storage.run(async (stores) => {
        const ctx: Ctx = { db, stores, clock, req: { ...req, method }, params: matched.params, env }
        const rule = () => (stores.rule ? stores.rule(() => route.run(ctx)) : route.run(ctx))
        try {
          await authenticate(ctx, route.auth)
          if (route.idempotent) {
            await pruneIdempotency(ctx)
            return await withIdempotency(ctx, ctx.account?.id ?? 'anonymous', rule)
          }
          return await rule()
        } catch (e) {
          if (e instanceof HttpError) return errorResponseOf(e)
          throw e
        }
      })
    } catch (e) {
      // Never echo the request: it may carry personal data.
      const where = e instanceof Error ? ((e.stack ?? '').split('\n')[1]?.trim() ?? '') : ''
      const what = e instanceof Error ? `${e.name} ${where}` : 'unknown'
      console.error(`[mock] ${method} ${route.path} failed: ${what}`)
      return errorResponse(500, 'INTERNAL', '服务暂时出错，请稍后重试')
    }
  }

  return {
    handle,
    // A control route of this backend, at either place; with controls off there are none.
    isControl: (path) => controls.some((r) => r.matcher.test(path)),
    clock,
    faults,
    get db() {
      return db
    },
    get seed() {
      return seed
    },
    snapshot: () => ({ seed, clockMs: clock.now(), db }),
    ready: () => opening,
  }
}

export type { Account }
