import type { JobIndustry } from '@/core/contract'
import { num, optNum, optText, type SqlClient } from '../store/sql'
import type { Posting, StoredApplication, StoredSubscription } from './state'
import { searchKey } from './search'
import type { ApplicationFilter, FavoriteRow, Found, JobsStore, PageAt, PostingQuery } from './store'

/** The tables of mock/store/migrations/004_jobs.sql. */

const POSTING_COLUMNS = `p.seq, p.id, p.title, p.employer, p.district_code, p.district, p.industry, p.kind, p.salary_min,
  p.salary_max, p.tags, p.posted_at, to_char(p.deadline, 'YYYY-MM-DD') as deadline, p.headcount, p.education, p.experience, p.hay`
const APPLICATION_COLUMNS = 'id, job_id, created_at, message, outcome'
const SUBSCRIPTION_COLUMNS = 'id, account_id, q, district_code, industry, salary_min, created_at, last_seen_at, last_seen_seq'

/** Any number that names the lock publishing holds while it numbers new postings. */
const PUBLISH_LOCK = 2020_0301

// Each sort's key column; the id breaks ties (it follows the seq, see 004_jobs.sql).
const SORT_KEY = { latest: 'p.posted_at', salary: 'p.salary_max' } as const

function toPosting(row: Record<string, unknown>): Posting {
  return {
    id: String(row.id),
    seq: num(row.seq),
    title: String(row.title),
    employer: String(row.employer),
    districtCode: String(row.district_code),
    district: String(row.district),
    industry: row.industry as JobIndustry,
    kind: num(row.kind),
    salaryMin: num(row.salary_min),
    salaryMax: num(row.salary_max),
    tags: (row.tags as unknown[]).map(String),
    postedAt: num(row.posted_at),
    deadline: String(row.deadline),
    headcount: num(row.headcount),
    education: String(row.education),
    experience: String(row.experience),
    hay: String(row.hay),
  }
}

function toApplication(row: Record<string, unknown>): StoredApplication {
  const app: StoredApplication = {
    id: String(row.id),
    jobId: String(row.job_id),
    createdAt: num(row.created_at),
    outcome: row.outcome as StoredApplication['outcome'],
  }
  const message = optText(row.message)
  if (message !== undefined) app.message = message
  return app
}

function toSubscription(row: Record<string, unknown>): StoredSubscription {
  const sub: StoredSubscription = {
    id: String(row.id),
    accountId: String(row.account_id),
    createdAt: num(row.created_at),
    lastSeenAt: num(row.last_seen_at),
    lastSeenSeq: num(row.last_seen_seq),
  }
  const q = optText(row.q)
  if (q !== undefined) sub.q = q
  const districtCode = optText(row.district_code)
  if (districtCode !== undefined) sub.districtCode = districtCode
  const industry = optText(row.industry)
  if (industry !== undefined) sub.industry = industry as JobIndustry
  const salaryMin = optNum(row.salary_min)
  if (salaryMin !== undefined) sub.salaryMin = salaryMin
  return sub
}

/** The character after `c` in code point order, as the bigram index (collation "C") orders them; none after the last. */
function nextChar(c: string): string | undefined {
  const next = c.codePointAt(0)! + 1
  if (next > 0x10ffff) return undefined
  // Surrogates are not characters of a text: the next one is past them.
  return String.fromCodePoint(next >= 0xd800 && next <= 0xdfff ? 0xe000 : next)
}

/**
 * Which postings' pairs may hold `q`: for one character, those with a pair it starts (every
 * character of a hay starts one); for more, those with every distinct pair of neighbours (by
 * code point, as PostgreSQL counts characters). The hay itself then decides.
 */
function candidates(q: string, params: Params): string {
  const chars = Array.from(q)
  if (chars.length === 1) {
    const next = nextChar(chars[0])
    const below = next === undefined ? '' : ` and b.bigram < ${params.add(next)}`
    return `p.seq in (select b.seq from jobs_posting_bigrams b where b.bigram >= ${params.add(chars[0])}${below})`
  }
  const pairs = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i += 1) pairs.add(chars[i] + chars[i + 1])
  if (pairs.size === 1) return `p.seq in (select b.seq from jobs_posting_bigrams b where b.bigram = ${params.add([...pairs][0])})`
  return `p.seq in (select b.seq from jobs_posting_bigrams b where b.bigram = any(${params.add([...pairs])}::text[])
    group by b.seq having count(*) = ${params.add(pairs.size)})`
}

/** Statement parameters numbered as they are added. */
class Params {
  readonly values: unknown[] = []
  add(value: unknown): string {
    this.values.push(value)
    return `$${this.values.length}`
  }
}

/** The conditions of `matches` (mock/jobs/search.ts) and openness, over `jobs_postings p`. */
function postingFilter(query: PostingQuery, params: Params): string {
  const c = query.criteria
  const where = [`p.deadline >= ${params.add(query.today)}::date`]
  if (c.districtCode === null) where.push('false')
  else if (c.districtCode !== undefined) where.push(`p.district_code = ${params.add(c.districtCode)}`)
  if (c.industry) where.push(`p.industry = ${params.add(c.industry)}`)
  if (c.salaryMin !== undefined) where.push(`p.salary_max >= ${params.add(c.salaryMin)}`)
  if (query.afterSeq !== undefined) where.push(`p.seq > ${params.add(query.afterSeq)}`)
  if (c.q) {
    where.push(candidates(c.q, params))
    where.push(`strpos(p.hay, ${params.add(c.q)}) > 0`)
  }
  return where.join(' and ')
}

/**
 * The jobs store on PostgreSQL (or PGlite): `db` is the request's transaction. Lists are keyset
 * pages in SQL over the indexes of 004_jobs.sql; text search goes through the bigram table. The
 * conditional inserts first lock the account's row, so one account's requests racing each other
 * take turns over its limits; the unique constraints hold the rest on their own.
 */
export function sqlJobsStore(db: SqlClient): JobsStore {
  const one = async (text: string, params: unknown[]) => (await db.query(text, params)).rows[0]
  const count = async (text: string, params: unknown[]) => num((await one(text, params))!.n)

  const lockAccount = (accountId: string) => db.query('select id from core_accounts where id = $1 for no key update', [accountId])

  /** One keyset page of an account's list: newest first by `key`, ties by `id`, after the page's position. */
  async function ownPage<T>(
    table: string,
    key: string,
    id: string,
    columns: string,
    accountId: string,
    page: PageAt,
    toRow: (row: Record<string, unknown>) => T,
  ): Promise<Found<T>> {
    const total = await count(`select count(*) as n from ${table} where account_id = $1`, [accountId])
    const params = new Params()
    const owner = `account_id = ${params.add(accountId)}`
    const after = page.after ? ` and (${key}, ${id}) < (${params.add(Number(page.after.k))}, ${params.add(page.after.i)})` : ''
    const { rows } = await db.query(
      `select ${columns} from ${table} where ${owner}${after} order by ${key} desc, ${id} desc limit ${params.add(page.limit)}`,
      params.values,
    )
    return { items: rows.map(toRow), total }
  }

  const store: JobsStore = {
    async posting(id) {
      const row = await one(`select ${POSTING_COLUMNS} from jobs_postings p where p.id = $1`, [id])
      return row && toPosting(row)
    },

    async postingsOf(ids) {
      const { rows } = await db.query(`select ${POSTING_COLUMNS} from jobs_postings p where p.id = any($1::text[])`, [[...ids]])
      return new Map(rows.map((row) => [String(row.id), toPosting(row)]))
    },

    async lastSeq() {
      return num((await one('select coalesce(max(seq), -1) as seq from jobs_postings', []))!.seq)
    },

    async postings(query, page) {
      const counted = new Params()
      const total = await count(`select count(*) as n from jobs_postings p where ${postingFilter(query, counted)}`, counted.values)
      const params = new Params()
      const key = SORT_KEY[query.sort]
      let where = postingFilter(query, params)
      if (page.after) where += ` and (${key}, p.id) < (${params.add(Number(page.after.k))}, ${params.add(page.after.i)})`
      const { rows } = await db.query(
        `select ${POSTING_COLUMNS} from jobs_postings p where ${where} order by ${key} desc, p.id desc limit ${params.add(page.limit)}`,
        params.values,
      )
      return { items: rows.map(toPosting), total }
    },

    async countPostings(query) {
      const params = new Params()
      return count(`select count(*) as n from jobs_postings p where ${postingFilter(query, params)}`, params.values)
    },

    async publish(make) {
      // Held to the end of the transaction: a second publisher reads the last seq after this one's postings.
      await db.query('select pg_advisory_xact_lock($1)', [PUBLISH_LOCK])
      const first = num((await one('select coalesce(max(seq), -1) + 1 as seq from jobs_postings', []))!.seq)
      const fresh = make(first)
      fresh.forEach((p, i) => {
        if (p.seq !== first + i) throw new Error(`jobs store: posting ${p.id} published as seq ${first + i}`)
      })
      if (fresh.length === 0) return fresh
      await db.query(
        `insert into jobs_postings (seq, id, title, employer, district_code, district, industry, kind, salary_min, salary_max, tags,
           posted_at, deadline, headcount, education, experience, hay)
         select seq, id, title, employer, "districtCode", district, industry, kind, "salaryMin", "salaryMax", tags,
           "postedAt", deadline, headcount, education, experience, hay
         from jsonb_to_recordset($1::jsonb) as r(seq integer, id text, title text, employer text, "districtCode" text, district text,
           industry text, kind smallint, "salaryMin" integer, "salaryMax" integer, tags text[], "postedAt" bigint, deadline date,
           headcount integer, education text, experience text, hay text)`,
        [JSON.stringify(fresh)],
      )
      await db.query(
        `insert into jobs_posting_bigrams (bigram, seq)
         select distinct substr(p.hay || chr(10), i, 2), p.seq from jobs_postings p, generate_series(1, char_length(p.hay)) as i
         where p.seq >= $1`,
        [first],
      )
      return fresh
    },

    async application(accountId, jobId) {
      const row = await one(`select ${APPLICATION_COLUMNS} from jobs_applications where account_id = $1 and job_id = $2`, [
        accountId,
        jobId,
      ])
      return row && toApplication(row)
    },

    async countApplications(accountId, filter: ApplicationFilter) {
      const params = new Params()
      const where = [`account_id = ${params.add(accountId)}`]
      if (filter.from !== undefined) where.push(`created_at >= ${params.add(filter.from)}`)
      if (filter.until !== undefined) where.push(`created_at <= ${params.add(filter.until)}`)
      if (filter.outcome !== undefined) where.push(`outcome = ${params.add(filter.outcome)}`)
      return count(`select count(*) as n from jobs_applications where ${where.join(' and ')}`, params.values)
    },

    applications(accountId, page) {
      return ownPage('jobs_applications', 'created_at', 'id', APPLICATION_COLUMNS, accountId, page, toApplication)
    },

    async insertApplication(accountId, app, limit) {
      await lockAccount(accountId)
      if (await store.application(accountId, app.jobId)) return 'already'
      if (limit && (await store.countApplications(accountId, limit)) >= limit.max) return 'limit'
      const row = await one(
        `insert into jobs_applications (id, account_id, job_id, created_at, message, outcome) values ($1, $2, $3, $4, $5, $6)
         on conflict (account_id, job_id) do nothing returning id`,
        [app.id, accountId, app.jobId, app.createdAt, app.message ?? null, app.outcome],
      )
      return row ? 'applied' : 'already'
    },

    async favoriteAt(accountId, jobId) {
      const row = await one('select created_at from jobs_favorites where account_id = $1 and job_id = $2', [accountId, jobId])
      return row && num(row.created_at)
    },

    favorites(accountId, page) {
      return ownPage<FavoriteRow>('jobs_favorites', 'created_at', 'job_id', 'job_id, created_at', accountId, page, (row) => ({
        jobId: String(row.job_id),
        at: num(row.created_at),
      }))
    },

    async insertFavorite(accountId, jobId, at, max) {
      await lockAccount(accountId)
      if ((await store.favoriteAt(accountId, jobId)) !== undefined) return 'already'
      if (max !== undefined && (await count('select count(*) as n from jobs_favorites where account_id = $1', [accountId])) >= max) {
        return 'limit'
      }
      const row = await one(
        `insert into jobs_favorites (account_id, job_id, created_at) values ($1, $2, $3)
         on conflict (account_id, job_id) do nothing returning job_id`,
        [accountId, jobId, at],
      )
      return row ? 'added' : 'already'
    },

    async deleteFavorite(accountId, jobId) {
      await db.query('delete from jobs_favorites where account_id = $1 and job_id = $2', [accountId, jobId])
    },

    async subscription(id) {
      const row = await one(`select ${SUBSCRIPTION_COLUMNS} from jobs_subscriptions where id = $1`, [id])
      return row && toSubscription(row)
    },

    async subscriptionsOf(accountId) {
      const { rows } = await db.query(
        `select ${SUBSCRIPTION_COLUMNS} from jobs_subscriptions where account_id = $1 order by created_at, id`,
        [accountId],
      )
      return rows.map(toSubscription)
    },

    subscriptions(accountId, page) {
      return ownPage('jobs_subscriptions', 'created_at', 'id', SUBSCRIPTION_COLUMNS, accountId, page, toSubscription)
    },

    async insertSubscription(sub, max) {
      await lockAccount(sub.accountId)
      const key = searchKey(sub)
      if (await one('select id from jobs_subscriptions where account_id = $1 and search_key = $2', [sub.accountId, key])) return 'duplicate'
      if (
        max !== undefined &&
        (await count('select count(*) as n from jobs_subscriptions where account_id = $1', [sub.accountId])) >= max
      ) {
        return 'limit'
      }
      const row = await one(
        `insert into jobs_subscriptions (id, account_id, q, district_code, industry, salary_min, search_key, created_at, last_seen_at,
           last_seen_seq)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         on conflict (account_id, search_key) do nothing returning id`,
        [
          sub.id,
          sub.accountId,
          sub.q ?? null,
          sub.districtCode ?? null,
          sub.industry ?? null,
          sub.salaryMin ?? null,
          key,
          sub.createdAt,
          sub.lastSeenAt,
          sub.lastSeenSeq,
        ],
      )
      return row ? 'saved' : 'duplicate'
    },

    async markSeen(id, at, seq) {
      const { rows } = await db.query('update jobs_subscriptions set last_seen_at = $2, last_seen_seq = $3 where id = $1 returning id', [
        id,
        at,
        seq,
      ])
      if (rows.length !== 1) throw new Error(`jobs store has no subscription ${id}`)
    },

    async deleteSubscription(id) {
      await db.query('delete from jobs_subscriptions where id = $1', [id])
    },
  }
  return store
}
