import type { Backend } from '@/mock/backend'
import type { Db } from '@/mock/core/state'
import type { MockRequest, MockResponse } from '@/mock/core/http'
import { SEED_EPOCH_MS } from '@/mock/core/clock'
import { call, login, testBackend, verifiedCitizen, type JsonBody } from '../../helpers/backend'
import { COMMUNITY, OTHER_COMMUNITY, declarationBody } from '../../helpers/returnees'

/**
 * Real values of one world that hostile requests mix in, so a request gets past 401 and 404 and
 * reaches the rules behind them: a verified citizen, a worker of 310101002001, staff of a real
 * outlet, their records, and cursors of real lists (to hand to other lists).
 */
export interface FixtureValues {
  citizenToken: string
  unverifiedToken: string
  workerToken: string
  staffToken: string
  /** Logged out: dead on the server, still well-formed. */
  deadToken: string
  /** Valid in another world (another seed, so another secret): forged as far as this one knows. */
  foreignToken: string
  citizenPhone: string
  citizenDoc: string
  communityId: string
  staffCode: string
  roundId: string
  outletId: string
  otherOutletId: string
  reservationId: string
  pickupCode: string
  declarationId: string
  communityDeclarationId: string
  jobId: string
  subscriptionId: string
  jobsCursor: string
  jobsSalaryCursor: string
  outletsCursor: string
  communityCursor: string
}

export type FixtureKey = keyof FixtureValues

export type CursorKey = 'jobsCursor' | 'jobsSalaryCursor' | 'outletsCursor' | 'communityCursor'

/** The list (path and query, `limit` aside) each fixture cursor came from: valid there, 400 anywhere else. */
export const CURSOR_ORIGINS: Record<CursorKey, { path: string; query: Record<string, string> }> = {
  jobsCursor: { path: '/api/v1/jobs', query: {} },
  jobsSalaryCursor: { path: '/api/v1/jobs', query: { sort: 'salary' } },
  outletsCursor: { path: '/api/v1/masks/outlets', query: {} },
  communityCursor: { path: '/api/v1/returnees/community/declarations', query: {} },
}
export type TokenRole = 'citizen' | 'unverified' | 'worker' | 'staff' | 'dead' | 'foreign'

export const TOKEN_KEYS: Record<TokenRole, FixtureKey> = {
  citizen: 'citizenToken',
  unverified: 'unverifiedToken',
  worker: 'workerToken',
  staff: 'staffToken',
  dead: 'deadToken',
  foreign: 'foreignToken',
}

/** Tokens that must stay alive for the fixture to be any use; the dead and foreign ones are dead by design. */
const LIVE_ROLES: TokenRole[] = ['citizen', 'unverified', 'worker', 'staff']

function must(res: MockResponse & { body: JsonBody }, what: string, status = 200): JsonBody {
  if (res.status !== status) throw new Error(`fuzz fixture: ${what} answered ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

let worldCounter = 0

/** A token of another world, per seed: building that world costs as much as this one, so once is enough. */
const foreignTokens = new Map<number, string>()
async function foreignTokenFor(seed: number): Promise<string> {
  let token = foreignTokens.get(seed)
  if (!token) {
    // Any other seed gives another secret; its tokens are well-formed and unknown here.
    token = (await login(testBackend({ seed: seed + 1 }), 'fuzz:foreign')).token
    foreignTokens.set(seed, token)
  }
  return token
}

async function buildFixture(backend: Backend, foreignToken: string): Promise<FixtureValues> {
  worldCounter += 1
  const n = worldCounter
  const citizen = await verifiedCitizen(backend, `fuzz:citizen:${n}`)
  const unverified = (await login(backend, `fuzz:unverified:${n}`)).token
  const workerToken = (await login(backend, `worker:${COMMUNITY}`)).token
  const dead = (await login(backend, `fuzz:dead:${n}`)).token
  must(await call(backend, 'POST', '/auth/logout', { token: dead }), 'logout', 204)

  const outlets = must(await call(backend, 'GET', '/masks/outlets', { query: { limit: '2' } }), 'outlets')
  const outletId: string = outlets.items[0].id
  const staffCode = `staff:${outletId}`
  const staffToken = (await login(backend, staffCode)).token
  const roundId: string = must(await call(backend, 'GET', '/masks/rounds/current'), 'round').round.id
  const reservation = must(
    await call(backend, 'POST', '/masks/reservations', { token: citizen.token, body: { roundId, outletId, quantity: 1 } }),
    'reservation',
    201,
  )
  const declaration = must(
    await call(backend, 'POST', '/returnees/declarations', { token: citizen.token, body: declarationBody(backend) }),
    'declaration',
    201,
  )
  const community = must(
    await call(backend, 'GET', '/returnees/community/declarations', { token: workerToken, query: { limit: '1' } }),
    'community list',
  )
  const jobs = must(await call(backend, 'GET', '/jobs', { query: { limit: '1' } }), 'jobs')
  const jobsBySalary = must(await call(backend, 'GET', '/jobs', { query: { limit: '1', sort: 'salary' } }), 'jobs by salary')
  const subscription = must(
    await call(backend, 'POST', '/jobs/subscriptions', { token: citizen.token, body: { q: '工程师' } }),
    'subscription',
    201,
  )
  // Every cursor must be real: a missing one would quietly turn "a cursor of another list" into "no cursor".
  for (const [what, page] of Object.entries({ jobs, jobsBySalary, outlets, community })) {
    if (typeof page.nextCursor !== 'string') throw new Error(`fuzz fixture: ${what} has no second page`)
  }
  return {
    citizenToken: citizen.token,
    unverifiedToken: unverified,
    workerToken,
    staffToken,
    deadToken: dead,
    foreignToken,
    citizenPhone: citizen.phone,
    citizenDoc: citizen.docNumber,
    communityId: COMMUNITY,
    staffCode,
    roundId,
    outletId,
    otherOutletId: outlets.items[1].id,
    reservationId: reservation.id,
    pickupCode: reservation.pickupCode ?? '00000000',
    declarationId: declaration.id,
    communityDeclarationId: community.items[0]?.id ?? declaration.id,
    jobId: jobs.items[0].id,
    subscriptionId: subscription.id,
    jobsCursor: jobs.nextCursor,
    jobsSalaryCursor: jobsBySalary.nextCursor,
    outletsCursor: outlets.nextCursor,
    communityCursor: community.nextCursor,
  }
}

export const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

/**
 * Every refused request is checked against a JSON snapshot of the whole db, so the db's size is
 * the fuzz run's cost; three quarters of it are the returnees seeded in seven communities with
 * their daily check-ins. The fuzz world keeps two of them: the fixture worker's (a worker's own
 * records) and one more (someone else's community, for 403). Declarations go with their
 * check-ins, so what is left is a world the service could have made. A service whose state
 * does not look like this is left whole: slower, never wrong.
 */
function pruneReturnees(db: Db, keep: string[]): void {
  const state = db.services.returnees
  if (!isRecord(state) || !isRecord(state.declarations) || !isRecord(state.checkins)) return
  for (const [id, d] of Object.entries(state.declarations)) {
    const community = isRecord(d) && isRecord(d.residence) ? d.residence.communityId : undefined
    if (typeof community === 'string' && !keep.includes(community)) {
      delete state.declarations[id]
      delete state.checkins[id]
    }
  }
}

/**
 * One world under fuzz: a backend (frozen clock, controls on, fault injection off), its fixture,
 * and the JSON text of its db as it stands, so a refused request can be checked to have changed
 * nothing. A request may legitimately end the world as the fixture knows it (a reset, a moved
 * clock, faults switched on, a fixture token logged out): `ensureUsable` then restores it.
 *
 * The fixture is built once; `rebuild` restores its db from JSON (`createBackend({ restore })`, the
 * embedded mode's own path) rather than replaying the calls, so a fresh world costs a parse, not
 * a seed: a reset control answering 200 on every run would otherwise cost most of the budget.
 */
export class World {
  backend!: Backend
  /** `JSON.stringify(backend.db)` after the last request (or rebuild). */
  dbText = ''
  builds = 0
  private readonly pristine: string

  private constructor(
    readonly seed: number,
    first: Backend,
    readonly fixture: FixtureValues,
  ) {
    this.pristine = JSON.stringify(first.db)
    this.rebuild()
    // The db is meant to be plain JSON: if a restore did not give the same world back, a fuzz run could not be trusted.
    if (JSON.stringify(this.backend.db) !== this.pristine) throw new Error('fuzz fixture: the db does not survive a JSON round trip')
  }

  /** A world on the given seed; async because its fixture is made through requests. */
  static async create(seed = 1): Promise<World> {
    const first = testBackend({ seed })
    pruneReturnees(first.db, [COMMUNITY, OTHER_COMMUNITY])
    const fixture = await buildFixture(first, await foreignTokenFor(seed))
    return new World(seed, first, fixture)
  }

  rebuild(): void {
    this.backend = testBackend({ seed: this.seed, restore: { seed: this.seed, clockMs: SEED_EPOCH_MS, db: JSON.parse(this.pristine) } })
    this.dbText = this.pristine
    this.builds += 1
  }

  /** True when the fixture still does what it promises. Asked in-process: it is about the world, not the transport. */
  async usable(): Promise<boolean> {
    const { faults, clock } = this.backend
    if (faults.failRate !== 0 || faults.dropRate !== 0 || faults.latencyMs !== 0) return false
    if (clock.now() !== SEED_EPOCH_MS) return false
    for (const role of LIVE_ROLES) {
      if ((await call(this.backend, 'GET', '/me', { token: this.fixture[TOKEN_KEYS[role]] })).status !== 200) return false
    }
    return true
  }

  async ensureUsable(): Promise<void> {
    if (!(await this.usable())) this.rebuild()
  }

  /**
   * A Backend that forwards to whichever backend the world holds now, so an HTTP server started
   * once keeps serving after a rebuild. `onThrow` hears of anything thrown out of `handle` before
   * it is rethrown unchanged: the server then fails exactly as it would, and the client waiting
   * for that answer can be told at once instead of timing out.
   */
  delegate(onThrow?: (e: unknown) => void): Backend {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below must read the live field
    const world = this
    return {
      handle: async (req: MockRequest) => {
        try {
          return await world.backend.handle(req)
        } catch (e) {
          onThrow?.(e)
          throw e
        }
      },
      isControl: (path: string) => world.backend.isControl(path),
      get clock() {
        return world.backend.clock
      },
      get faults() {
        return world.backend.faults
      },
      get db() {
        return world.backend.db
      },
      get seed() {
        return world.backend.seed
      },
      snapshot: () => world.backend.snapshot(),
      ready: () => world.backend.ready(),
    }
  }
}
