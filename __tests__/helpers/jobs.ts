import * as v from 'valibot'
import { type Application, type JobDetail, type JobSummary, type ListPage, type Subscription } from '@/core/contract'
import type { Backend } from '@/mock/backend'
import { PublishJobsResponseSchema, type PublishJobsResponse } from '@/mock/controls/schemas'
import { asAnyModule } from '@/mock/core/module'
import { jobsModule } from '@/mock/jobs'
import { call, testBackend } from './backend'

/** A backend with only the jobs module (fast to build), frozen at the seed's start. */
export function jobsBackend(seed?: number): Backend {
  return testBackend({ modules: [asAnyModule(jobsModule)], seed })
}

export async function listJobs(backend: Backend, query: Record<string, string> = {}, token?: string): Promise<ListPage<JobSummary>> {
  const res = await call(backend, 'GET', '/jobs', { query, token })
  if (res.status !== 200) throw new Error(`GET /jobs ${JSON.stringify(query)}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as ListPage<JobSummary>
}

/** Every page of a list, following `nextCursor`; `between` runs before each next page. */
export async function walkJobs(
  backend: Backend,
  query: Record<string, string>,
  between?: (pageNumber: number) => void | Promise<void>,
): Promise<{ ids: string[]; pages: number; firstTotal: number }> {
  const ids: string[] = []
  let page = await listJobs(backend, query)
  const firstTotal = page.total
  let pages = 1
  ids.push(...page.items.map((i) => i.id))
  while (page.nextCursor) {
    await between?.(pages)
    page = await listJobs(backend, { ...query, cursor: page.nextCursor })
    pages += 1
    ids.push(...page.items.map((i) => i.id))
  }
  return { ids, pages, firstTotal }
}

/** `count` open postings whose deadline is at least 10 days away (room to apply and wait), in list order. */
export async function openJobs(backend: Backend, count: number): Promise<JobSummary[]> {
  const found: JobSummary[] = []
  let page = await listJobs(backend, { limit: '50' })
  for (;;) {
    found.push(...page.items.filter((j) => (j.daysLeft ?? 0) >= 10))
    if (found.length >= count || !page.nextCursor) return found.slice(0, count)
    page = await listJobs(backend, { limit: '50', cursor: page.nextCursor })
  }
}

/** Publishes postings now; the answer is read through the contract's schema, so its shape is checked too. */
export async function publish(backend: Backend, count?: number): Promise<PublishJobsResponse> {
  const res = await call(backend, 'POST', '/__mock/jobs', { body: count === undefined ? {} : { count } })
  if (res.status !== 201) throw new Error(`publish failed: ${res.status} ${JSON.stringify(res.body)}`)
  return v.parse(PublishJobsResponseSchema, res.body)
}

export async function jobDetail(backend: Backend, id: string, token?: string): Promise<JobDetail> {
  const res = await call(backend, 'GET', `/jobs/${id}`, { token })
  if (res.status !== 200) throw new Error(`GET /jobs/${id}: ${res.status}`)
  return res.body as JobDetail
}

export async function apply(backend: Backend, token: string, jobId: string, init: { message?: string; key?: string } = {}) {
  return (await call(backend, 'POST', `/jobs/${jobId}/applications`, {
    token,
    body: init.message === undefined ? {} : { message: init.message },
    headers: init.key ? { 'Idempotency-Key': init.key } : {},
  })) as {
    status: number
    body: Application & { error: { code: string; fields?: Record<string, string> } }
    headers?: Record<string, string>
  }
}

export async function subscribe(backend: Backend, token: string, body: Record<string, unknown>) {
  return (await call(backend, 'POST', '/jobs/subscriptions', { token, body })) as {
    status: number
    body: Subscription & { error: { code: string; fields?: Record<string, string> } }
  }
}

export async function mySubscriptions(backend: Backend, token: string): Promise<Subscription[]> {
  return ((await call(backend, 'GET', '/jobs/subscriptions', { token })).body as ListPage<Subscription>).items
}

/** Set the frozen clock to an ISO time. */
export async function setClock(backend: Backend, iso: string): Promise<void> {
  const res = await call(backend, 'POST', '/__mock/clock', { body: { now: iso } })
  if (res.status !== 200) throw new Error('clock')
}

export { uuid } from './backend'
