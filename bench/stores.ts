// The masks store under a rush, store by store: memory, PGlite and (with DATABASE_URL) a
// PostgreSQL server through a pool. Each reservation is what POST /masks/reservations asks of the
// store, in one transaction: take the stock where enough is left, then insert the reservation,
// which the live-place index may refuse (then the take is rolled back). Half the people head for
// one outlet (the hot row), the rest spread over 99; one in eleven tries a second time.
// Figures printed, nothing asserted but correctness, which is read back from the store.
//   npm run bench:stores                           # memory and PGlite
//   scripts/with-postgres.sh npm run bench:stores  # and PostgreSQL on a throw-away database
import { sqlMasksStore } from '../mock/masks/sql-store'
import { emptyMasksState } from '../mock/masks/state'
import { memoryMasksStore, type MasksStore } from '../mock/masks/store'
import { createRng } from '../mock/core/random'
import { migrateDatabase, openDatabase } from '../mock/store/open'
import { emptyScratchDatabase } from '../__tests__/helpers/scratch-database'
// The store suite's round, times and table reset: the bench rushes the round the tests check.
import { EMPTY_MASKS_TABLES, HOUR, T0, firstCome } from '../__tests__/helpers/masks-store-suite'

const OUTLETS = 100
const STOCK = 50
const PEOPLE = 10_000
const LEVELS = [1, 50, 500]

/** How a store runs one request: its own transaction, or (memory) one request at a time. */
interface Subject {
  name: string
  reset(): Promise<MasksStore>
  inTransaction<T>(work: (store: MasksStore) => Promise<T | undefined>): Promise<T | undefined>
  close(): Promise<void>
}

function memorySubject(): Subject {
  let store = memoryMasksStore(emptyMasksState())
  let running: Promise<unknown> = Promise.resolve()
  return {
    name: 'memory',
    async reset() {
      store = memoryMasksStore(emptyMasksState())
      return store
    },
    // The backend's serialisation is the memory store's transaction; a refusal undoes the take.
    inTransaction(work) {
      const next = running.then(() => work(store))
      running = next.catch(() => undefined)
      return next
    },
    async close() {},
  }
}

class Refused extends Error {}

/** A database store: each reservation in its own transaction, rolled back when it is refused. */
async function databaseSubject(name: string, url: string): Promise<Subject> {
  const database = await openDatabase(url, { poolSize: 20 })
  if (database.kind === 'postgres') await emptyScratchDatabase(database.db)
  await migrateDatabase(database)
  return {
    name,
    async reset() {
      await database.script(EMPTY_MASKS_TABLES)
      return sqlMasksStore(database.db)
    },
    async inTransaction(work) {
      try {
        return await database.transaction(async (tx) => {
          const answer = await work(sqlMasksStore(tx))
          if (answer === undefined) throw new Refused()
          return answer
        })
      } catch (e) {
        if (e instanceof Refused) return undefined
        throw e
      }
    },
    close: () => database.close(),
  }
}

interface Attempt {
  doc: string
  outlet: string
}

function attempts(): Attempt[] {
  const random = createRng(2020)
  const list: Attempt[] = []
  for (let i = 0; i < PEOPLE; i += 1) {
    const outlet = random() < 0.5 ? 'o1' : `o${2 + Math.floor(random() * (OUTLETS - 1))}`
    list.push({ doc: `id_card:doc${i}`, outlet })
    if (i % 10 === 9) list.push({ doc: `id_card:doc${i - 5}`, outlet })
  }
  return list
}

interface Row {
  store: string
  connections: number
  seconds: number
  perSecond: number
  granted: number
  soldOut: number
  already: number
  correct: string
}

async function rush(subject: Subject, connections: number): Promise<Row> {
  const store = await subject.reset()
  const round = await store.insertRound(firstCome, new Map(Array.from({ length: OUTLETS }, (_, i) => [`o${i + 1}`, STOCK])))
  const list = attempts()
  let next = 0
  let granted = 0
  let soldOut = 0
  let already = 0
  const reserve = ({ doc, outlet }: Attempt) =>
    subject.inTransaction(async (s) => {
      if (await s.livePlace(round.id, doc)) return undefined
      if (!(await s.take(round.id, outlet, 1, T0 + HOUR))) return 'sold out' as const
      const r = await s.insertReservation({
        roundId: round.id,
        outletId: outlet,
        accountId: doc,
        docKey: doc,
        quantity: 1,
        state: 'reserved',
        createdAt: T0 + HOUR,
        updatedAt: T0 + HOUR,
      })
      return r ? ('granted' as const) : undefined
    })
  const started = performance.now()
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < list.length) {
        const answer = await reserve(list[next++]!)
        if (answer === 'granted') granted += 1
        else if (answer === 'sold out') soldOut += 1
        else already += 1
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000

  // Read back: every grant is a reservation, stock = taken + remaining, one live place a person.
  const outletIds = Array.from({ length: OUTLETS }, (_, i) => `o${i + 1}`)
  const stocks = await store.stocks(round.id, outletIds)
  const reservations = await store.reservationsOfRound(round.id)
  const remaining = [...stocks.values()].reduce((n, s) => n + s.remaining, 0)
  const negative = [...stocks.values()].filter((s) => s.remaining < 0).length
  const docs = new Set(reservations.map((r) => r.docKey))
  const faults = [
    reservations.length !== granted && `${reservations.length} rows for ${granted} grants`,
    remaining + reservations.length !== OUTLETS * STOCK && `taken + remaining = ${remaining + reservations.length}`,
    negative > 0 && `${negative} negative`,
    docs.size !== reservations.length && `${reservations.length - docs.size} doubled`,
  ].filter(Boolean)
  return {
    store: subject.name,
    connections,
    seconds,
    perSecond: list.length / seconds,
    granted,
    soldOut,
    already,
    correct: faults.length ? faults.join(', ') : 'yes',
  }
}

async function main(): Promise<void> {
  const subjects = [memorySubject(), await databaseSubject('PGlite', 'pglite:memory')]
  if (process.env.DATABASE_URL) subjects.push(await databaseSubject('PostgreSQL (pool of 20)', process.env.DATABASE_URL))
  const rows: Row[] = []
  for (const subject of subjects) {
    for (const connections of LEVELS) rows.push(await rush(subject, connections))
    await subject.close()
  }
  const total = attempts().length
  console.log(
    `MASKS STORE RUSH: ${total.toLocaleString('en-US')} reservations asked of ${OUTLETS} outlets × ${STOCK} masks, half at one outlet`,
  )
  console.log('store                      conns   reserve/s   granted   sold out   already   correct')
  for (const r of rows) {
    console.log(
      [
        r.store.padEnd(25),
        String(r.connections).padStart(6),
        Math.round(r.perSecond).toLocaleString('en-US').padStart(11),
        String(r.granted).padStart(9),
        String(r.soldOut).padStart(10),
        String(r.already).padStart(9),
        `  ${r.correct}`,
      ].join(' '),
    )
  }
  if (!process.env.DATABASE_URL) console.log('(PostgreSQL: scripts/with-postgres.sh npm run bench:stores)')
  if (rows.some((r) => r.correct !== 'yes')) process.exitCode = 1
}

void main()
