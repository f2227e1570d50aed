import { testBackend } from '../../helpers/backend'
import { startHttp } from '../../helpers/http'
import { World } from './fixture'
import { caseFor, httpCatalogue } from './hostile'
import { ProtoGuard } from './invariants'
import { routeTable } from './routes'
import { captureLogs, fuzz, learn, routeCheck, runs, type Session } from './runner'
import { overHttp, type HttpTransport } from './transport'

/**
 * Every route again, over real loopback HTTP (127.0.0.1, the project's own server module): what
 * the server's URL parsing, header joining and body reader make of hostile requests. One server
 * for the file; it serves whichever world is current, so each route starts from a fresh one.
 */
jest.setTimeout(120_000)

const prototypeNames = ProtoGuard.objectPrototypeNames()
// The backend's own table when it exposes one, else the lists it is built from (routes.ts).
const routes = routeTable(testBackend())
let world: World
let server: Awaited<ReturnType<typeof startHttp>>
let session: Session
let transport: HttpTransport
let restoreLogs: () => void

beforeAll(async () => {
  world = await World.create()
  // A throw out of `handle` leaves the server's request handler rejected and the client waiting
  // (jest swallows the unhandled rejection that would kill `npm run mock`): end the request now and say why.
  server = await startHttp(world.delegate((e) => transport.serverFailed(e)))
  transport = overHttp(server.base)
  session = { world, transport, guard: new ProtoGuard(), sent: 0, logs: [] }
  restoreLogs = captureLogs(session.logs)
})

afterAll(async () => {
  restoreLogs()
  await transport.close()
  await server.close()
  expect(ProtoGuard.objectPrototypeNames()).toEqual(prototypeNames)
  if (process.env.FUZZ_VERBOSE) console.log(`fuzz http: ${session.sent} requests over ${routes.length} routes`)
})

describe.each(routes.map((r) => [r.key, r] as const))('http %s', (key, route) => {
  beforeAll(() => world.rebuild())

  it('never 5xx, every 4xx a contract error, a refusal changes nothing, nothing polluted, no hang, still answering', async () => {
    const learned = await learn(world, route)
    await fuzz(`http ${key}`, caseFor(route, learned), httpCatalogue(route, learned), runs(6), routeCheck(session, route))
  })
})
