import { SEED_EPOCH_MS } from '@/mock/core/clock'
import { SEEDED_COMMUNITIES } from '@/mock/returnees/seed'
import type { Backend } from '@/mock/backend'
import { call, testBackend } from '../../helpers/backend'
import {
  COMMUNITY,
  EMPTY_COMMUNITY,
  OTHER_COMMUNITY,
  checkin,
  citizen,
  declarationBody,
  declaredCitizen,
  freshDoc,
  relogin,
  setShanghai,
  worker,
} from '../../helpers/returnees'

type Item = { id: string; subjectMasked: string; status: string; observationEndsOn: string }

/**
 * Five people in a community the seed leaves empty, so every count is exact:
 * A ends today (due), B checked in today, C flagged (from 武汉, due), D and E released today.
 */
async function world() {
  const backend = testBackend()
  const residence = { communityId: EMPTY_COMMUNITY, address: '贵州路 101 号' }
  const a = await declaredCitizen(
    backend,
    { arrivalAgo: 14, residence: { communityId: EMPTY_COMMUNITY, address: '北海路 7 弄 2 号' } },
    '欧阳娜娜',
  )
  const b = await declaredCitizen(backend, { arrivalAgo: 3, residence, transport: { mode: 'flight', number: 'MU5101' } }, '李建国')
  const c = await declaredCitizen(backend, { arrivalAgo: 5, residence, originRegion: '420100' }, '王秀英')
  const d = await declaredCitizen(backend, { arrivalAgo: 15, residence }, '赵海燕')
  const e = await declaredCitizen(backend, { arrivalAgo: 20, residence }, '孙志强')
  const w = await worker(backend, EMPTY_COMMUNITY)
  expect((await checkin(backend, b.token, b.id)).status).toBe(201)
  for (const p of [d, e]) expect((await call(backend, 'POST', `/returnees/declarations/${p.id}/release`, { token: w })).status).toBe(200)
  return { backend, w, a, b, c, d, e, people: [a, b, c, d, e] }
}

async function list(backend: Backend, token: string, query: Record<string, string> = {}) {
  return await call(backend, 'GET', '/returnees/community/declarations', { token, query })
}

describe('GET /returnees/community/summary', () => {
  it('counts the worker’s community on today’s Shanghai day, and again the next day', async () => {
    const { backend, w } = await world()
    const summary = await call(backend, 'GET', '/returnees/community/summary', { token: w })
    expect(summary.status).toBe(200)
    expect(summary.body).toEqual({ total: 5, observing: 2, dueToday: 2, flagged: 1, endingToday: 1, releasedToday: 2, today: '2020-02-10' })
    setShanghai(backend, '2020-02-11T00:00:00')
    const next = await call(backend, 'GET', '/returnees/community/summary', { token: await worker(backend, EMPTY_COMMUNITY) })
    expect(next.body).toEqual({ total: 5, observing: 2, dueToday: 3, flagged: 1, endingToday: 0, releasedToday: 0, today: '2020-02-11' })
  })

  it('is for workers only (403 FORBIDDEN for a citizen)', async () => {
    const backend = testBackend()
    const res = await call(backend, 'GET', '/returnees/community/summary', { token: (await citizen(backend)).token })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('FORBIDDEN')
  })
})

describe('GET /returnees/community/declarations', () => {
  type World = Awaited<ReturnType<typeof world>>
  let backend: World['backend']
  let w: World['w']
  let a: World['a']
  let b: World['b']
  let c: World['c']
  let d: World['d']
  let e: World['e']
  let people: World['people']
  beforeAll(async () => {
    ;({ backend, w, a, b, c, d, e, people } = await world())
  })
  const ids = async (query: Record<string, string> = {}) => ((await list(backend, w, query)).body.items as Item[]).map((i) => i.id)

  it('lists the community, masked, sorted by the end of observation', async () => {
    const res = await list(backend, w)
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(5)
    const items: Item[] = res.body.items
    expect(items.map((i) => i.id)).toEqual([e.id, d.id, a.id, c.id, b.id])
    expect(items.map((i) => i.subjectMasked)).toEqual(['孙**', '赵**', '欧阳**', '王**', '李**'])
    const text = JSON.stringify(res.body)
    for (const p of people) {
      expect(text).not.toContain(p.docNumber)
      expect(text).not.toContain(p.phone)
    }
    for (const name of ['欧阳娜娜', '李建国', '王秀英', '赵海燕', '孙志强']) expect(text).not.toContain(name)
  })

  it.each([
    ['observing', ['a', 'b']],
    ['flagged', ['c']],
    ['released', ['e', 'd']],
    ['open', ['a', 'c', 'b']],
    ['due_today', ['a', 'c']],
    ['ending_today', ['a']],
  ])('filters by status %s', async (status, expected) => {
    const byName: Record<string, string> = { a: a.id, b: b.id, c: c.id, d: d.id, e: e.id }
    expect(await ids({ status })).toEqual(expected.map((k) => byName[k]))
  })

  it('searches only what the worker already sees, so it can never unmask anyone', async () => {
    expect(await ids({ q: '欧阳' })).toEqual([a.id])
    expect(await ids({ q: '欧阳娜娜' })).toEqual([])
    expect(await ids({ q: '李建' })).toEqual([])
    expect(await ids({ q: a.docNumber })).toEqual([])
    expect(await ids({ q: a.docNumber.slice(0, 6) })).toEqual([])
    expect(await ids({ q: a.docNumber.slice(-4) })).toContain(a.id)
    expect(await ids({ q: a.phone })).toEqual([])
    expect(await ids({ q: a.phone.slice(-4) })).toContain(a.id)
    expect(await ids({ q: '北海路' })).toEqual([a.id])
    expect(await ids({ q: 'mu5101' })).toEqual([b.id])
    expect(await ids({ q: '湖北' })).toEqual([c.id])
    expect(await ids({ q: '北海路', status: 'released' })).toEqual([])
  })

  it('pages with cursors tied to the filters; bad limit, cursor, status or q is 400', async () => {
    const first = await list(backend, w, { limit: '2' })
    expect(first.body.items).toHaveLength(2)
    const second = await list(backend, w, { limit: '2', cursor: first.body.nextCursor })
    const third = await list(backend, w, { limit: '3', cursor: second.body.nextCursor })
    expect([...first.body.items, ...second.body.items, ...third.body.items].map((i: Item) => i.id)).toEqual([e.id, d.id, a.id, c.id, b.id])
    expect(third.body.nextCursor).toBeNull()
    const mixed = await list(backend, w, { status: 'open', cursor: first.body.nextCursor })
    expect(mixed.status).toBe(400)
    expect(mixed.body.error.fields.cursor).toBeTruthy()
    expect((await list(backend, w, { limit: '51' })).body.error.fields.limit).toBeTruthy()
    expect((await list(backend, w, { limit: 'x' })).status).toBe(400)
    expect((await list(backend, w, { status: 'lost' })).body.error.fields.status).toBeTruthy()
    expect((await list(backend, w, { q: '字'.repeat(31) })).body.error.fields.q).toBeTruthy()
  })

  it('shows another community’s worker only that community', async () => {
    const other = await list(backend, await worker(backend, OTHER_COMMUNITY))
    expect(other.status).toBe(200)
    const otherIds = (other.body.items as Item[]).map((i) => i.id)
    for (const p of people) expect(otherIds).not.toContain(p.id)
  })
})

describe('the seed', () => {
  const backend = testBackend()

  it('puts returnees in several communities, each a worker login, over every stage of observation', async () => {
    for (const code of SEEDED_COMMUNITIES) {
      const w = await worker(backend, code)
      const s = (await call(backend, 'GET', '/returnees/community/summary', { token: w })).body
      expect(s.total).toBeGreaterThanOrEqual(8)
      expect(s.endingToday).toBeGreaterThanOrEqual(1)
      expect(s.flagged).toBeGreaterThanOrEqual(1)
      expect(s.dueToday).toBeGreaterThanOrEqual(1)
      expect(s.releasedToday).toBeGreaterThanOrEqual(1)
      const open = (await list(backend, w, { status: 'open', limit: '50' })).body.items as (Item & { checkedInToday: boolean })[]
      expect(open.some((i) => i.checkedInToday)).toBe(true)
    }
    const main = (await call(backend, 'GET', '/returnees/community/summary', { token: await worker(backend, COMMUNITY) })).body
    expect(main).toEqual({ total: 14, observing: 9, dueToday: 6, flagged: 3, endingToday: 2, releasedToday: 1, today: '2020-02-10' })
  })

  it('follows the reset seed', async () => {
    const w = await worker(backend, COMMUNITY)
    const names = async (token: string) =>
      ((await list(backend, token, { limit: '50' })).body.items as Item[]).map((i) => `${i.id}:${i.subjectMasked}`)
    const before = await names(w)
    await call(backend, 'POST', '/__mock/reset', { body: { seed: 1 } })
    expect(await names(await worker(backend, COMMUNITY))).toEqual(before)
    await call(backend, 'POST', '/__mock/reset', { body: { seed: 2 } })
    expect(await names(await worker(backend, COMMUNITY))).not.toEqual(before)
  })
})

describe('GET /returnees/community/report', () => {
  it('gives the day’s CSV with a BOM, masked, one row per person open or released that day', async () => {
    const { backend, w, people } = await world()
    const res = await call(backend, 'GET', '/returnees/community/report', { token: w })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ date: '2020-02-10', rows: 5, filename: '返沪人员日报-贵州路居委会-2020-02-10.csv' })
    const csv: string = res.body.csv
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const lines = csv.slice(1).trim().split('\r\n')
    expect(lines[0]).toBe(
      '序号,姓名,证件号码,手机号,出发地,风险等级,交通方式,航班车次,出发日期,抵沪日期,观察期满,状态,关注原因,当日打卡,当日体温,当日症状,居住地址',
    )
    expect(lines).toHaveLength(6)
    expect(lines.find((l) => l.includes('李**'))).toContain('已打卡,36.6,无')
    expect(lines.find((l) => l.includes('王**'))).toContain('高风险地区')
    for (const p of people) {
      expect(csv).not.toContain(p.docNumber)
      expect(csv).not.toContain(p.phone)
    }
    expect(csv).not.toContain('欧阳娜娜')
  })

  it('reports a past day with who was there then; refuses a future or unreal date', async () => {
    const { backend, w } = await world()
    // 李建国 checked in today: yesterday's report has his row, and says he had not checked in that day.
    const yesterday: string = (await call(backend, 'GET', '/returnees/community/report', { token: w, query: { date: '2020-02-09' } })).body
      .csv
    const row = yesterday.split('\r\n').find((line) => line.includes('李**'))
    expect(row).toContain(',未打卡,')
    const todays: string = (await call(backend, 'GET', '/returnees/community/report', { token: w })).body.csv
    expect(todays.split('\r\n').find((line) => line.includes('李**'))).toContain(',已打卡,36.6,无,')
    const old = await call(backend, 'GET', '/returnees/community/report', { token: w, query: { date: '2020-01-25' } })
    expect(old.body.rows).toBe(1)
    expect(old.body.csv).toContain('孙**')
    const future = await call(backend, 'GET', '/returnees/community/report', { token: w, query: { date: '2020-02-11' } })
    expect(future.status).toBe(400)
    expect(future.body.error.fields.date).toContain('今天以后')
    expect(
      (await call(backend, 'GET', '/returnees/community/report', { token: w, query: { date: '2020-02-30' } })).body.error.fields.date,
    ).toBeTruthy()
  })

  it('leaves the phone cell empty for someone a worker registered without a phone', async () => {
    const backend = testBackend()
    const w = await worker(backend, EMPTY_COMMUNITY)
    const made = await call(backend, 'POST', '/returnees/declarations', {
      token: w,
      body: {
        ...declarationBody(backend, { residence: { communityId: EMPTY_COMMUNITY, address: '贵州路 9 号' } }),
        subject: { name: '诸葛建国', docType: 'resident_id', docNumber: freshDoc() },
      },
    })
    expect(made.status).toBe(201)
    const csv: string = (await call(backend, 'GET', '/returnees/community/report', { token: w })).body.csv
    const row = csv.split('\r\n').find((line) => line.includes('诸葛**'))
    expect(row).toMatch(/^1,诸葛\*\*,\d{3}\*{11}[\dX]{4},,/)
  })

  it('keeps a typed address from running as a spreadsheet formula, and quotes commas', async () => {
    const backend = testBackend()
    await declaredCitizen(backend, { residence: { communityId: EMPTY_COMMUNITY, address: '=HYPERLINK("http://x","点我")' } })
    await declaredCitizen(backend, { residence: { communityId: EMPTY_COMMUNITY, address: '贵州路 1 号,后门' } })
    const csv: string = (await call(backend, 'GET', '/returnees/community/report', { token: await worker(backend, EMPTY_COMMUNITY) })).body
      .csv
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`)
    expect(csv).toContain('"贵州路 1 号,后门"')
  })

  it('is for workers only', async () => {
    const backend = testBackend()
    expect((await call(backend, 'GET', '/returnees/community/report', { token: (await citizen(backend)).token })).body.error.code).toBe(
      'FORBIDDEN',
    )
  })
})

describe('POST /returnees/declarations/:id/release and /escalate', () => {
  const backend = testBackend()
  beforeEach(() => backend.clock.set(SEED_EPOCH_MS))
  const release = async (token: string, id: string) => await call(backend, 'POST', `/returnees/declarations/${id}/release`, { token })
  const escalate = async (token: string, id: string, note: unknown) =>
    await call(backend, 'POST', `/returnees/declarations/${id}/escalate`, { token, body: { note } })

  it('refuses release before observationEndsOn (409 OBSERVATION_NOT_OVER) and allows it from that day', async () => {
    const p = await declaredCitizen(backend, { arrivalAgo: 13 })
    const early = await release(await worker(backend), p.id)
    expect(early.status).toBe(409)
    expect(early.body.error.code).toBe('OBSERVATION_NOT_OVER')
    setShanghai(backend, '2020-02-11T07:00:00')
    expect((await release(await worker(backend), p.id)).body.status).toBe('released')
  })

  it('refuses a flagged declaration whatever the date (409 DECLARATION_FLAGGED), and a second release (409 DECLARATION_RELEASED)', async () => {
    const flagged = await declaredCitizen(backend, { arrivalAgo: 10, originRegion: '420100' })
    setShanghai(backend, '2020-03-05T10:00:00')
    const res = await release(await worker(backend), flagged.id)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('DECLARATION_FLAGGED')
    const ok = await declaredCitizen(backend, { arrivalAgo: 20 })
    expect((await release(await worker(backend), ok.id)).status).toBe(200)
    const again = await release(await worker(backend), ok.id)
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('DECLARATION_RELEASED')
  })

  it('is refused to the owner, other citizens and other communities’ workers (403), 404 for an unknown id', async () => {
    const p = await declaredCitizen(backend, { arrivalAgo: 20 })
    for (const token of [p.token, (await citizen(backend)).token, await worker(backend, OTHER_COMMUNITY)]) {
      const res = await release(token, p.id)
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('FORBIDDEN')
    }
    expect((await release(await worker(backend), 'rd-unknown')).status).toBe(404)
  })

  it('escalates with a bounded note: flagged, the note visible to workers and not to the owner', async () => {
    const p = await declaredCitizen(backend, { arrivalAgo: 4 })
    const w = await worker(backend)
    expect((await escalate(w, p.id, '   ')).body.error.fields.note).toBe('请填写上报说明')
    expect((await escalate(w, p.id, '字'.repeat(201))).body.error.fields.note).toContain('200')
    expect((await escalate(w, p.id, 42)).status).toBe(400)
    const res = await escalate(w, p.id, '  上门测温 37.6 ℃，已联系发热门诊  ')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'flagged', flagReasons: ['escalated'] })
    expect(res.body.notes).toEqual([{ at: '2020-02-10T10:00:00+08:00', text: '上门测温 37.6 ℃，已联系发热门诊' }])
    const ownerView = (await call(backend, 'GET', `/returnees/declarations/${p.id}`, { token: p.token })).body
    expect(ownerView.status).toBe('flagged')
    expect(ownerView.notes).toBeUndefined()
    const workerView = (await call(backend, 'GET', `/returnees/declarations/${p.id}`, { token: w })).body
    expect(workerView.notes).toHaveLength(1)
  })

  it('refuses escalation of a released declaration, by the wrong people, or of an unknown id', async () => {
    const p = await declaredCitizen(backend, { arrivalAgo: 20 })
    const w = await worker(backend)
    await release(w, p.id)
    expect((await escalate(w, p.id, '复查')).body.error.code).toBe('DECLARATION_RELEASED')
    const q = await declaredCitizen(backend)
    expect((await escalate(await worker(backend, OTHER_COMMUNITY), q.id, '复查')).status).toBe(403)
    expect((await escalate(q.token, q.id, '复查')).status).toBe(403)
    expect((await escalate(w, 'rd-unknown', '复查')).status).toBe(404)
  })
})

describe('POST /returnees/declarations/:id/release: order and edges (each test its own backend)', () => {
  const release = async (backend: Backend, id: string) =>
    await call(backend, 'POST', `/returnees/declarations/${id}/release`, { token: await worker(backend) })

  it('answers DECLARATION_FLAGGED, not OBSERVATION_NOT_OVER, for a flagged declaration before its end', async () => {
    const backend = testBackend()
    // From 武汉 (a high-risk area), arrived 2020-02-05: flagged, observation ends 2020-02-19.
    const flagged = await declaredCitizen(backend, { arrivalAgo: 5, originRegion: '420100' })
    expect(flagged.declaration).toMatchObject({ status: 'flagged', observationEndsOn: '2020-02-19' })
    const res = await release(backend, flagged.id)
    expect([res.status, res.body.error?.code]).toEqual([409, 'DECLARATION_FLAGGED'])
    // An escalated one too, on the day before its end.
    const escalated = await declaredCitizen(backend, { arrivalAgo: 13 })
    expect(
      (
        await call(backend, 'POST', `/returnees/declarations/${escalated.id}/escalate`, {
          token: await worker(backend),
          body: { note: '复查' },
        })
      ).status,
    ).toBe(200)
    expect((await release(backend, escalated.id)).body.error?.code).toBe('DECLARATION_FLAGGED')
  })

  it('refuses release to the last second of the day before observationEndsOn and allows it from its first second', async () => {
    const backend = testBackend()
    // Arrived 2020-01-28: observationEndsOn = arrival + 14 = 2020-02-11.
    const p = await declaredCitizen(backend, { arrivalAgo: 13 })
    expect(p.declaration.observationEndsOn).toBe('2020-02-11')
    setShanghai(backend, '2020-02-10T23:59:59')
    expect((await release(backend, p.id)).body.error?.code).toBe('OBSERVATION_NOT_OVER')
    setShanghai(backend, '2020-02-11T00:00:00')
    const ok = await release(backend, p.id)
    expect([ok.status, ok.body.status]).toEqual([200, 'released'])
  })
})

describe('GET /me/attention (returnees’ part)', () => {
  const backend = testBackend()
  type Attention = { id: string; title: string; detail: string; path: string; tone: string }
  const attention = async (token: string): Promise<Attention[]> =>
    ((await call(backend, 'GET', '/me/attention', { token })).body.items as Attention[]).filter((i) => i.id.startsWith('returnees:'))

  it('tells a citizen to check in today and when observation ends; then that it is over; a flagged one what to do', async () => {
    backend.clock.set(SEED_EPOCH_MS)
    const p = await declaredCitizen(backend, { arrivalAgo: 4 })
    const before = await attention(p.token)
    expect(before[0]).toMatchObject({
      title: '今日健康打卡',
      path: '/returnees/pages/checkin/index',
      tone: 'warning',
      detail: '居家观察第 5 天，请测量体温后打卡',
    })
    expect(before[1]).toMatchObject({ title: '居家观察中', detail: '观察期至 2020-02-20，还有 10 天', tone: 'info' })
    await checkin(backend, p.token, p.id)
    expect((await attention(p.token)).map((i) => i.title)).toEqual(['居家观察中'])
    setShanghai(backend, '2020-02-20T09:00:00')
    expect((await attention(await relogin(backend, p.code)))[1]).toEqual({
      id: `returnees:observing:${p.id}`,
      service: 'returnees',
      title: '居家观察期已满',
      detail: '社区工作人员核实后将为你解除居家观察',
      path: '/returnees/pages/status/index',
      tone: 'success',
    })
    backend.clock.set(SEED_EPOCH_MS)
    const f = await declaredCitizen(backend, { originRegion: '420100' })
    expect((await attention(f.token)).find((i) => i.tone === 'danger')).toEqual({
      id: `returnees:flagged:${f.id}`,
      service: 'returnees',
      title: '请留在家中，等待社区联系',
      detail: '你的登记需要重点关注，如有发热请戴口罩前往发热门诊，不要乘坐公共交通',
      path: '/returnees/pages/status/index',
      tone: 'danger',
    })
  })

  it('tells a worker how many people are due today, matching the summary', async () => {
    backend.clock.set(SEED_EPOCH_MS)
    const w = await worker(backend, COMMUNITY)
    const due = (await call(backend, 'GET', '/returnees/community/summary', { token: w })).body.dueToday
    expect(due).toBeGreaterThan(0)
    expect(await attention(w)).toContainEqual({
      id: 'returnees:due',
      service: 'returnees',
      title: `今日还有 ${due} 人未打卡`,
      detail: '请提醒他们测量体温，或上门代为打卡',
      path: '/returnees/pages/console/index?status=due_today',
      tone: 'warning',
    })
  })

  it('says nothing about returnees to someone with no declaration', async () => {
    expect(await attention((await citizen(backend)).token)).toEqual([])
  })
})
