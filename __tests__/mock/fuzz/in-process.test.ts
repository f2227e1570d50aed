import { testBackend } from '../../helpers/backend'
import { World } from './fixture'
import { caseFor, catalogue } from './hostile'
import { ProtoGuard } from './invariants'
import { routeTable } from './routes'
import { captureLogs, fuzz, learn, routeCheck, runs, type Session } from './runner'
import { inProcess } from './transport'

/**
 * Every route of the route table, straight into `backend.handle`: its catalogue of named hostile
 * cases, then random ones. Each route gets its own world, so a failure names its route alone.
 */
jest.setTimeout(120_000)

const prototypeNames = ProtoGuard.objectPrototypeNames()
let total = 0
// The backend's own table when it exposes one, else the lists it is built from (routes.ts).
const routes = routeTable(testBackend())
let world: World

beforeAll(async () => {
  world = await World.create()
})

afterAll(() => {
  // The whole-run check of Object.prototype's own names, on top of the finer one after every request.
  expect(ProtoGuard.objectPrototypeNames()).toEqual(prototypeNames)
  if (process.env.FUZZ_VERBOSE) console.log(`fuzz in-process: ${total} requests over ${routes.length} routes`)
})

it('finds the route table', () => {
  // Guards the enumeration itself: an empty table would make every other test pass vacuously.
  expect(routes.length).toBeGreaterThan(30)
  expect(routes.some((r) => r.control)).toBe(true)
})

describe.each(routes.map((r) => [r.key, r] as const))('in-process %s', (key, route) => {
  let session: Session
  beforeAll(() => {
    world.rebuild()
    session = { world, transport: inProcess(() => world.backend), guard: new ProtoGuard(), sent: 0, logs: [] }
    restore = captureLogs(session.logs)
  })
  let restore: () => void
  afterAll(() => {
    restore()
    total += session.sent
  })

  it('never 5xx, every 4xx a contract error, a refusal changes nothing, nothing polluted, still answering', async () => {
    const learned = await learn(world, route)
    await fuzz(`in-process ${key}`, caseFor(route, learned), catalogue(route, learned), runs(12), routeCheck(session, route))
  })
})
