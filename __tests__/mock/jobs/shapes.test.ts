import type { JobDetail } from '@/core/contract'
import { call, login, verifiedCitizen } from '../../helpers/backend'
import { apply, jobDetail, jobsBackend, listJobs, openJobs, publish, setClock, subscribe } from '../../helpers/jobs'

const keys = (o: object) => Object.keys(o).sort()
const SUBSCRIPTION = ['createdAt', 'id', 'lastSeenAt', 'newCount']

describe('a saved search answers with the criteria it has, and no others', () => {
  it.each([
    [{ q: '司机' }, ['q']],
    [{ district: '徐汇区' }, ['district', 'districtCode']],
    [{ industry: 'logistics' }, ['industry']],
    [{ salaryMin: 6000 }, ['salaryMin']],
  ])('%j', async (criteria, extra) => {
    const b = jobsBackend()
    const { token } = await login(b, 'shape')
    const made = await subscribe(b, token, criteria)
    expect(made.status).toBe(201)
    expect(keys(made.body)).toEqual([...SUBSCRIPTION, ...extra].sort())
  })
})

describe('an application', () => {
  it('carries a message only when one was written', async () => {
    const b = jobsBackend()
    const { token } = await verifiedCitizen(b, 'no-message')
    const [plain, worded] = await openJobs(b, 2)
    expect((await apply(b, token, plain.id)).body).not.toHaveProperty('message')
    expect((await apply(b, token, worded.id, { message: '周末也可以' })).body).toHaveProperty('message', '周末也可以')
  })

  it('marks only the postings applied to as applied', async () => {
    const b = jobsBackend()
    const { token } = await verifiedCitizen(b, 'applied-two')
    const [a, c, untouched] = await openJobs(b, 3)
    await apply(b, token, a.id)
    await apply(b, token, c.id)
    const applied: boolean[] = []
    for (const j of [a, c, untouched]) applied.push((await jobDetail(b, j.id, token)).applied)
    expect(applied).toEqual([true, true, false])
  })
})

describe('a person’s own jobs lists', () => {
  async function withThreeOfEach() {
    const b = jobsBackend()
    const { token } = await verifiedCitizen(b, 'three-each')
    const jobs = await openJobs(b, 3)
    for (const j of jobs) {
      await apply(b, token, j.id)
      expect((await call(b, 'PUT', `/jobs/${j.id}/favorite`, { token })).status).toBe(200)
    }
    for (const q of ['司机', '厨师', '保洁']) expect((await subscribe(b, token, { q })).status).toBe(201)
    return { b, token }
  }
  const LISTS = ['/jobs/applications', '/jobs/favorites', '/jobs/subscriptions']

  it('walk one item a page, each exactly once, though all were made in the same millisecond', async () => {
    const { b, token } = await withThreeOfEach()
    for (const path of LISTS) {
      const ids: string[] = []
      let cursor: string | null = null
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = (
          await call(b, 'GET', path, {
            token,
            query: cursor ? { limit: '1', cursor } : { limit: '1' },
          })
        ).body
        ids.push(...page.items.map((i) => i.id))
        cursor = page.nextCursor
      } while (cursor && ids.length < 10)
      expect({ path, count: ids.length, distinct: new Set(ids).size }).toEqual({ path, count: 3, distinct: 3 })
    }
  })

  it('refuse a cursor from another of them with 400 fields.cursor', async () => {
    const { b, token } = await withThreeOfEach()
    for (const from of LISTS) {
      const cursor: string = (await call(b, 'GET', from, { token, query: { limit: '1' } })).body.nextCursor
      for (const to of LISTS.filter((p) => p !== from)) {
        const res = await call(b, 'GET', to, { token, query: { limit: '1', cursor } })
        expect({ from, to, status: res.status, field: Object.keys(res.body.error?.fields ?? {}) }).toEqual({
          from,
          to,
          status: 400,
          field: ['cursor'],
        })
      }
    }
  })
})

describe('a posting’s page', () => {
  it('asks for the education first, then the experience in words, and names a contact 先生 or 女士', async () => {
    const b = jobsBackend()
    const details: JobDetail[] = []
    for (const j of (await listJobs(b, { limit: '50' })).items) details.push(await jobDetail(b, j.id))
    for (const d of details) {
      expect(d.requirements[0]).toBe(d.education)
      expect(d.requirements[1]).toBe(d.experience === '经验不限' ? '经验不限，可带教' : `${d.experience}相关工作经验`)
      expect(d.contactMasked).toMatch(/^\p{Script=Han}+(先生|女士) 1\d{2}\*{4}\d{4}$/u)
      expect(d.description).toContain(d.tags.join('、'))
    }
    expect(new Set(details.map((d) => d.experience === '经验不限'))).toEqual(new Set([true, false]))
    expect(new Set(details.map((d) => /先生/.test(d.contactMasked)))).toEqual(new Set([true, false]))
  })
})

describe('saved searches and the publish control, at their edges', () => {
  it('answers an id nobody saved with 404, even while other people hold saved searches', async () => {
    const b = jobsBackend()
    const other = (await login(b, 'holder')).token
    expect((await subscribe(b, other, { q: '司机' })).status).toBe(201)
    const { token } = await login(b, 'asker')
    const res = await call(b, 'GET', '/jobs/subscriptions/js-nobody/postings', { token })
    expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND'])
  })

  it('counts as open, in its total, only what the list shows, once published postings have closed', async () => {
    const b = jobsBackend()
    await publish(b, 30)
    const later = new Date(Date.parse('2020-02-10T10:00:00+08:00') + 45 * 86_400_000).toISOString()
    await setClock(b, later)
    const answer = await publish(b, 1)
    expect(answer.total).toBe((await listJobs(b, { limit: '1' })).total)
  })
})
