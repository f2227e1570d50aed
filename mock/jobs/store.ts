import type { JobSort } from '@/core/contract'
import { dictDelete, dictEnsure, dictEntries, dictGet, dictHas, dictOf, dictSet, dictSize, dictValues } from '../core/dict'
import type { Position } from '../core/paging'
import type { Ctx } from '../core/router'
import type { RequestStores } from '../core/storage'
import { isOpen, seqOf } from './postings'
import { comparatorFor, compareKeys, matches, search, searchKey, sortKey, type Criteria } from './search'
import { jobsBaseFor } from './seed'
import { jobs, type JobsBase, type JobsState, type Posting, type StoredApplication, type StoredSubscription } from './state'

/** Which postings a list asks for. */
export interface PostingQuery {
  criteria: Criteria
  sort: JobSort
  /** Open ones only: a deadline on this Shanghai day or later. */
  today: string
  /** Only those published after this seq: what is new to a saved search. */
  afterSeq?: number
}

/** A page of a list: the items after a cursor's position (its sort key and id), at most `limit` of them. */
export interface PageAt {
  after?: Position
  limit: number
}

/** A page's items, and how many the whole list holds. */
export interface Found<T> {
  items: T[]
  total: number
}

export interface FavoriteRow {
  jobId: string
  at: number
}

/** When applications were made (both ends included), and how they end: what a count looks at. */
export interface ApplicationFilter {
  from?: number
  until?: number
  outcome?: StoredApplication['outcome']
}

/** At most `max` applications an account made in one window (a day). */
export interface ApplicationLimit {
  from: number
  until: number
  max: number
}

/**
 * Everything the jobs rules read and write, so the rules are written once whatever keeps the
 * data. Rows come out as copies: a change reaches the store only through its methods, as it
 * would in a database. Postings never change once published. The conditional inserts hold the
 * rules' uniqueness and limits on their own, as a database's constraints and locks would: a
 * request that checked first and then lost a race to another is still refused, never doubled.
 *
 * Own lists (applications, favorites, saved searches) come newest first: by when each was made,
 * then by id, both descending, the order of `compareKeys`. Postings come in their sort's order,
 * ties broken by id (the seq, in the same order): a total order, so a cursor's place is exact.
 */
export interface JobsStore {
  /** A posting of the seed or a published one; undefined for any other id. */
  posting(id: string): Promise<Posting | undefined>
  /** The postings of these ids that exist. */
  postingsOf(ids: readonly string[]): Promise<Map<string, Posting>>
  /** The highest seq published so far. */
  lastSeq(): Promise<number>
  /** The open postings matching the query, one page of them in its sort's order; `total` counts them all. */
  postings(query: PostingQuery, page: PageAt): Promise<Found<Posting>>
  countPostings(query: PostingQuery): Promise<number>
  /**
   * New postings, made by `make` from the next free seq on, which the store holds for this call
   * alone (two publishing at once take turns). Every posting `make` returns must carry the seq
   * after the one before it.
   */
  publish(make: (firstSeq: number) => Posting[]): Promise<Posting[]>

  application(accountId: string, jobId: string): Promise<StoredApplication | undefined>
  countApplications(accountId: string, filter: ApplicationFilter): Promise<number>
  /** Newest first. */
  applications(accountId: string, page: PageAt): Promise<Found<StoredApplication>>
  /**
   * A new application: `already` when the account has one for this job (the rule behind
   * ALREADY_APPLIED), `limit` when it made `limit.max` in the window already; nothing kept then.
   */
  insertApplication(accountId: string, app: StoredApplication, limit?: ApplicationLimit): Promise<'applied' | 'already' | 'limit'>

  /** When the account made this job a favorite, or undefined. */
  favoriteAt(accountId: string, jobId: string): Promise<number | undefined>
  /** Newest first. */
  favorites(accountId: string, page: PageAt): Promise<Found<FavoriteRow>>
  /** A job made a favorite once: `already` (and the first time kept) when it is one, `limit` when `max` are. */
  insertFavorite(accountId: string, jobId: string, at: number, max?: number): Promise<'added' | 'already' | 'limit'>
  deleteFavorite(accountId: string, jobId: string): Promise<void>

  /** A saved search by id, whoever saved it. */
  subscription(id: string): Promise<StoredSubscription | undefined>
  /** All of an account's saved searches, oldest first. */
  subscriptionsOf(accountId: string): Promise<StoredSubscription[]>
  /** Newest first. */
  subscriptions(accountId: string, page: PageAt): Promise<Found<StoredSubscription>>
  /**
   * A new saved search: `duplicate` when the account saved the same one (`searchKey`), `limit`
   * when it has `max` already; nothing kept then.
   */
  insertSubscription(sub: StoredSubscription, max?: number): Promise<'saved' | 'duplicate' | 'limit'>
  /** The person has seen what was published up to `seq`, at `at`. */
  markSeen(id: string, at: number, seq: number): Promise<void>
  deleteSubscription(id: string): Promise<void>
}

/**
 * What a request's stores lend for jobs: a database's store, or the memory state's, which needs
 * the seed base the request has (the backend lends the state alone, see `ServiceModule.memoryStore`).
 */
export type JobsStoreSource = JobsStore | ((base: JobsBase) => JobsStore)

function copy<T extends object>(row: T): T {
  return { ...row }
}

/** A posting's one nested field is its tags: a copy must not share them. */
function copyPosting(p: Posting): Posting {
  return { ...p, tags: p.tags.slice() }
}

/** Items after `page.after` in `sorted` (ordered by `compareKeys` on `position`), found by comparison as a cursor is. */
function pageOf<T>(sorted: readonly T[], page: PageAt, position: (item: T) => Position): Found<T> {
  let start = 0
  if (page.after) {
    const after = page.after
    let hi = sorted.length
    while (start < hi) {
      const mid = (start + hi) >> 1
      if (compareKeys(position(sorted[mid]), after) <= 0) start = mid + 1
      else hi = mid
    }
  }
  return { items: sorted.slice(start, start + page.limit), total: sorted.length }
}

function newestFirst<T>(rows: T[], position: (row: T) => Position): T[] {
  return rows.sort((a, b) => compareKeys(position(a), position(b)))
}

const madeAt = (a: StoredApplication): Position => ({ k: a.createdAt, i: a.id })
const subscribedAt = (s: StoredSubscription): Position => ({ k: s.createdAt, i: s.id })
const favoredAt = (f: FavoriteRow): Position => ({ k: f.at, i: f.jobId })

function within(a: StoredApplication, filter: ApplicationFilter): boolean {
  return (
    (filter.from === undefined || a.createdAt >= filter.from) &&
    (filter.until === undefined || a.createdAt <= filter.until) &&
    (filter.outcome === undefined || a.outcome === filter.outcome)
  )
}

/**
 * The store over the service's plain JSON state and the seed base: what `npm run mock`, the tests
 * and the embedded build keep. Search is the base's presorted lists and text index (./search.ts).
 */
export function memoryJobsStore(state: JobsState, base: JobsBase): JobsStore {
  const seeded = base.postings.length
  const find = (id: string): Posting | undefined => {
    const seq = seqOf(id)
    if (seq === null) return undefined
    return seq < seeded ? base.postings[seq] : state.published[seq - seeded]
  }

  const matching = (query: PostingQuery): readonly Posting[] => {
    const { criteria, sort, today, afterSeq } = query
    if (afterSeq === undefined) return search(base, state.published, criteria, sort, today)
    // A saved search's new postings are the few published since it was last seen: no index needed.
    const from = Math.max(0, afterSeq + 1)
    const recent = from >= seeded ? state.published.slice(from - seeded) : base.postings.slice(from).concat(state.published)
    return recent.filter((p) => isOpen(p, today) && matches(p, criteria)).sort(comparatorFor(sort))
  }

  const subscriptionIn = (id: string): { list: StoredSubscription[]; index: number } | undefined => {
    for (const list of dictValues(state.subscriptions)) {
      const index = list.findIndex((s) => s.id === id)
      if (index >= 0) return { list, index }
    }
    return undefined
  }

  return {
    async posting(id) {
      const p = find(id)
      return p && copyPosting(p)
    },

    async postingsOf(ids) {
      const found = new Map<string, Posting>()
      for (const id of ids) {
        const p = find(id)
        if (p) found.set(id, copyPosting(p))
      }
      return found
    },

    async lastSeq() {
      return seeded + state.published.length - 1
    },

    async postings(query, page) {
      const found = pageOf(matching(query), page, (p) => ({ k: sortKey(query.sort, p), i: p.id }))
      return { items: found.items.map(copyPosting), total: found.total }
    },

    async countPostings(query) {
      return matching(query).length
    },

    async publish(make) {
      const first = seeded + state.published.length
      const fresh = make(first)
      fresh.forEach((p, i) => {
        if (p.seq !== first + i) throw new Error(`jobs store: posting ${p.id} published as seq ${first + i}`)
      })
      for (const p of fresh) state.published.push(copyPosting(p))
      return fresh
    },

    async application(accountId, jobId) {
      const found = (dictGet(state.applications, accountId) ?? []).find((a) => a.jobId === jobId)
      return found && copy(found)
    },

    async countApplications(accountId, filter) {
      return (dictGet(state.applications, accountId) ?? []).filter((a) => within(a, filter)).length
    },

    async applications(accountId, page) {
      const mine = newestFirst((dictGet(state.applications, accountId) ?? []).map(copy), madeAt)
      return pageOf(mine, page, madeAt)
    },

    async insertApplication(accountId, app, limit) {
      const mine = dictGet(state.applications, accountId) ?? []
      if (mine.some((a) => a.jobId === app.jobId)) return 'already'
      if (limit && mine.filter((a) => within(a, limit)).length >= limit.max) return 'limit'
      dictEnsure(state.applications, accountId, () => []).push(copy(app))
      return 'applied'
    },

    async favoriteAt(accountId, jobId) {
      const mine = dictGet(state.favorites, accountId)
      return mine && dictGet(mine, jobId)
    },

    async favorites(accountId, page) {
      const mine = dictGet(state.favorites, accountId)
      const rows = mine ? dictEntries(mine).map(([jobId, at]) => ({ jobId, at })) : []
      return pageOf(newestFirst(rows, favoredAt), page, favoredAt)
    },

    async insertFavorite(accountId, jobId, at, max) {
      const mine = dictGet(state.favorites, accountId)
      if (mine && dictHas(mine, jobId)) return 'already'
      if (max !== undefined && mine && dictSize(mine) >= max) return 'limit'
      dictSet(
        dictEnsure(state.favorites, accountId, () => dictOf<number>()),
        jobId,
        at,
      )
      return 'added'
    },

    async deleteFavorite(accountId, jobId) {
      const mine = dictGet(state.favorites, accountId)
      if (mine) dictDelete(mine, jobId)
    },

    async subscription(id) {
      const found = subscriptionIn(id)
      return found && copy(found.list[found.index])
    },

    async subscriptionsOf(accountId) {
      return (dictGet(state.subscriptions, accountId) ?? []).map(copy)
    },

    async subscriptions(accountId, page) {
      const mine = newestFirst((dictGet(state.subscriptions, accountId) ?? []).map(copy), subscribedAt)
      return pageOf(mine, page, subscribedAt)
    },

    async insertSubscription(sub, max) {
      const mine = dictGet(state.subscriptions, sub.accountId) ?? []
      const key = searchKey(sub)
      if (mine.some((s) => searchKey(s) === key)) return 'duplicate'
      if (max !== undefined && mine.length >= max) return 'limit'
      dictEnsure(state.subscriptions, sub.accountId, () => []).push(copy(sub))
      return 'saved'
    },

    async markSeen(id, at, seq) {
      const found = subscriptionIn(id)
      if (!found) throw new Error(`jobs store has no subscription ${id}`)
      found.list[found.index] = { ...found.list[found.index], lastSeenAt: at, lastSeenSeq: seq }
    },

    async deleteSubscription(id) {
      const found = subscriptionIn(id)
      if (found) found.list.splice(found.index, 1)
    },
  }
}

/**
 * `ServiceModule.memoryStore`: the backend lends a service its state alone, and the memory store
 * needs the seed base too, which `jobsStore(ctx)` brings from the request.
 */
export function memoryJobsStoreSource(state: JobsState): JobsStoreSource {
  return (base) => memoryJobsStore(state, base)
}

/** The jobs store in this request's transaction. */
export function jobsStore(ctx: Ctx): JobsStore {
  const lent = jobs.store(ctx)
  return typeof lent === 'function' ? lent(jobs.base(ctx)) : lent
}

/**
 * The seed's world (the base's postings and the memory state `createJobsState` made) into another
 * store through the same interface, so a database starts where `npm run mock` does: the same
 * postings under the same ids, and whatever the state holds. A memory store to copy into needs a
 * base of no postings: everything copied is published in it.
 */
export async function copyJobsWorld(state: JobsState, base: JobsBase, store: JobsStore): Promise<void> {
  const postings = base.postings.concat(state.published)
  if (postings.length > 0) {
    await store.publish((first) => {
      if (first !== postings[0].seq) throw new Error(`jobs store numbers from seq ${first}, not ${postings[0].seq}`)
      return postings
    })
  }
  const copied = (answer: string, what: string) => {
    if (answer !== 'applied' && answer !== 'added' && answer !== 'saved') throw new Error(`jobs store refused to copy ${what}: ${answer}`)
  }
  for (const [accountId, apps] of dictEntries(state.applications)) {
    for (const app of apps) copied(await store.insertApplication(accountId, app), `application ${app.id}`)
  }
  for (const [accountId, favorites] of dictEntries(state.favorites)) {
    for (const [jobId, at] of dictEntries(favorites)) copied(await store.insertFavorite(accountId, jobId, at), `favorite ${jobId}`)
  }
  for (const subs of dictValues(state.subscriptions)) {
    for (const sub of subs) copied(await store.insertSubscription(sub), `subscription ${sub.id}`)
  }
}

/** `ServiceModule.seedStore`: the seed's world into a database's jobs store, once, when it is empty. */
export async function seedJobsStore(stores: RequestStores, state: JobsState): Promise<void> {
  const lent = jobs.store({ stores })
  // The memory store is the state itself: there is nothing to copy it into.
  if (typeof lent === 'function') return
  // The module is lent no base here; the world's seed names it, and the database holds that world by now.
  const world = await stores.database?.world()
  if (!world) throw new Error('jobs store: seeding a database that holds no world')
  await copyJobsWorld(state, jobsBaseFor(world.seed), lent)
}
