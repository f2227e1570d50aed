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
function world() {
  const backend = testBackend()
  const residence = { communityId: EMPTY_COMMUNITY, address: '贵州路 101 号' }
  const a = declaredCitizen(
    backend,
    { arrivalAgo: 14, residence: { communityId: EMPTY_COMMUNITY, address: '北海路 7 弄 2 号' } },
    '欧阳娜娜',
  )
  const b = declaredCitizen(backend, { arrivalAgo: 3, residence, transport: { mode: 'flight', number: 'MU5101' } }, '李建国')
  const c = declaredCitizen(backend, { arrivalAgo: 5, residence, originRegion: '420100' }, '王秀英')
  const d = declaredCitizen(backend, { arrivalAgo: 15, residence }, '赵海燕')
  const e = declaredCitizen(backend, { arrivalAgo: 20, residence }, '孙志强')
  const w = worker(backend, EMPTY_COMMUNITY)
  expect(checkin(backend, b.token, b.id).status).toBe(201)
  for (const p of [d, e]) expect(call(backend, 'POST', `/returnees/declarations/${p.id}/release`, { token: w }).status).toBe(200)
  return { backend, w, a, b, c, d, e, people: [a, b, c, d, e] }
}

function list(backend: Backend, token: string, query: Record<string, string> = {}) {
  return call(backend, 'GET', '/returnees/community/declarations', { token, query })
}

describe('GET /returnees/community/summary', () => {
  it('counts the worker’s community on today’s Shanghai day, and again the next day', () => {
    const { backend, w } = world()
    const summary = call(backend, 'GET', '/returnees/community/summary', { token: w })
    expect(summary.status).toBe(200)
    expect(summary.body).toEqual({ total: 5, observing: 2, dueToday: 2, flagged: 1, endingToday: 1, releasedToday: 2, today: '2020-02-10' })
    setShanghai(backend, '2020-02-11T00:00:00')
    const next = call(backend, 'GET', '/returnees/community/summary', { token: worker(backend, EMPTY_COMMUNITY) })
    expect(next.body).toEqual({ total: 5, observing: 2, dueToday: 3, flagged: 1, endingToday: 0, releasedToday: 0, today: '2020-02-11' })
  })

  it('is for workers only (403 FORBIDDEN for a citizen)', () => {
    const backend = testBackend()
    const res = call(backend, 'GET', '/returnees/community/summary', { token: citizen(backend).token })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('FORBIDDEN')
  })
})

describe('GET /returnees/community/declarations', () => {
  const { backend, w, a, b, c, d, e, people } = world()
  const ids = (query: Record<string, string> = {}) => (list(backend, w, query).body.items as Item[]).map((i) => i.id)

  it('lists the community, masked, sorted by the end of observation', () => {
    const res = list(backend, w)
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
  ])('filters by status %s', (status, expected) => {
    const byName: Record<string, string> = { a: a.id, b: b.id, c: c.id, d: d.id, e: e.id }
    expect(ids({ status })).toEqual(expected.map((k) => byName[k]))
  })

  it('searches only what the worker already sees, so it can never unmask anyone', () => {
    expect(ids({ q: '欧阳' })).toEqual([a.id])
    expect(ids({ q: '欧阳娜娜' })).toEqual([])
    expect(ids({ q: '李建' })).toEqual([])
    expect(ids({ q: a.docNumber })).toEqual([])
    expect(ids({ q: a.docNumber.slice(0, 6) })).toEqual([])
    expect(ids({ q: a.docNumber.slice(-4) })).toContain(a.id)
    expect(ids({ q: a.phone })).toEqual([])
    expect(ids({ q: a.phone.slice(-4) })).toContain(a.id)
    expect(ids({ q: '北海路' })).toEqual([a.id])
    expect(ids({ q: 'mu5101' })).toEqual([b.id])
    expect(ids({ q: '湖北' })).toEqual([c.id])
    expect(ids({ q: '北海路', status: 'released' })).toEqual([])
  })

  it('pages with cursors tied to the filters; bad limit, cursor, status or q is 400', () => {
    const first = list(backend, w, { limit: '2' })
    expect(first.body.items).toHaveLength(2)
    const second = list(backend, w, { limit: '2', cursor: first.body.nextCursor })
    const third = list(backend, w, { limit: '3', cursor: second.body.nextCursor })
    expect([...first.body.items, ...second.body.items, ...third.body.items].map((i: Item) => i.id)).toEqual([e.id, d.id, a.id, c.id, b.id])
    expect(third.body.nextCursor).toBeNull()
    const mixed = list(backend, w, { status: 'open', cursor: first.body.nextCursor })
    expect(mixed.status).toBe(400)
    expect(mixed.body.error.fields.cursor).toBeTruthy()
    expect(list(backend, w, { limit: '51' }).body.error.fields.limit).toBeTruthy()
    expect(list(backend, w, { limit: 'x' }).status).toBe(400)
    expect(list(backend, w, { status: 'lost' }).body.error.fields.status).toBeTruthy()
    expect(list(backend, w, { q: '字'.repeat(31) }).body.error.fields.q).toBeTruthy()
  })

  it('shows another community’s worker only that community', () => {
    const other = list(backend, worker(backend, OTHER_COMMUNITY))
    expect(other.status).toBe(200)
    const otherIds = (other.body.items as Item[]).map((i) => i.id)
    for (const p of people) expect(otherIds).not.toContain(p.id)
  })
})

describe('the seed', () => {
  const backend = testBackend()

  it('puts returnees in several communities, each a worker login, over every stage of observation', () => {
    for (const code of SEEDED_COMMUNITIES) {
      const w = worker(backend, code)
      const s = call(backend, 'GET', '/returnees/community/summary', { token: w }).body
      expect(s.total).toBeGreaterThanOrEqual(8)
      expect(s.endingToday).toBeGreaterThanOrEqual(1)
      expect(s.flagged).toBeGreaterThanOrEqual(1)
      expect(s.dueToday).toBeGreaterThanOrEqual(1)
      expect(s.releasedToday).toBeGreaterThanOrEqual(1)
      const open = list(backend, w, { status: 'open', limit: '50' }).body.items as (Item & { checkedInToday: boolean })[]
      expect(open.some((i) => i.checkedInToday)).toBe(true)
    }
    const main = call(backend, 'GET', '/returnees/community/summary', { token: worker(backend, COMMUNITY) }).body
    expect(main).toEqual({ total: 14, observing: 9, dueToday: 6, flagged: 3, endingToday: 2, releasedToday: 1, today: '2020-02-10' })
  })

  it('follows the reset seed', () => {
    const w = worker(backend, COMMUNITY)
    const names = (token: string) => (list(backend, token, { limit: '50' }).body.items as Item[]).map((i) => `${i.id}:${i.subjectMasked}`)
    const before = names(w)
    call(backend, 'POST', '/__mock/reset', { body: { seed: 1 } })
    expect(names(worker(backend, COMMUNITY))).toEqual(before)
    call(backend, 'POST', '/__mock/reset', { body: { seed: 2 } })
    expect(names(worker(backend, COMMUNITY))).not.toEqual(before)
  })
})

describe('GET /returnees/community/report', () => {
  it('gives the day’s CSV with a BOM, masked, one row per person open or released that day', () => {
    const { backend, w, people } = world()
    const res = call(backend, 'GET', '/returnees/community/report', { token: w })
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

  it('reports a past day with who was there then; refuses a future or unreal date', () => {
    const { backend, w } = world()
    // 李建国 checked in today: yesterday's report has his row, and says he had not checked in that day.
    const yesterday: string = call(backend, 'GET', '/returnees/community/report', { token: w, query: { date: '2020-02-09' } }).body.csv
    const row = yesterday.split('\r\n').find((line) => line.includes('李**'))
    expect(row).toContain(',未打卡,')
    const todays: string = call(backend, 'GET', '/returnees/community/report', { token: w }).body.csv
    expect(todays.split('\r\n').find((line) => line.includes('李**'))).toContain(',已打卡,36.6,无,')
    const old = call(backend, 'GET', '/returnees/community/report', { token: w, query: { date: '2020-01-25' } })
    expect(old.body.rows).toBe(1)
    expect(old.body.csv).toContain('孙**')
    const future = call(backend, 'GET', '/returnees/community/report', { token: w, query: { date: '2020-02-11' } })
    expect(future.status).toBe(400)
    expect(future.body.error.fields.date).toContain('今天以后')
    expect(
      call(backend, 'GET', '/returnees/community/report', { token: w, query: { date: '2020-02-30' } }).body.error.fields.date,
    ).toBeTruthy()
  })

  it('leaves the phone cell empty for someone a worker registered without a phone', () => {
    const backend = testBackend()
    const w = worker(backend, EMPTY_COMMUNITY)
    const made = call(backend, 'POST', '/returnees/declarations', {
      token: w,
      body: {
        ...declarationBody(backend, { residence: { communityId: EMPTY_COMMUNITY, address: '贵州路 9 号' } }),
        subject: { name: '诸葛建国', docType: 'resident_id', docNumber: freshDoc() },
      },
    })
    expect(made.status).toBe(201)
    const csv: string = call(backend, 'GET', '/returnees/community/report', { token: w }).body.csv
    const row = csv.split('\r\n').find((line) => line.includes('诸葛**'))
    expect(row).toMatch(/^1,诸葛\*\*,\d{3}\*{11}[\dX]{4},,/)
  })

  it('keeps a typed address from running as a spreadsheet formula, and quotes commas', () => {
    const backend = testBackend()
    declaredCitizen(backend, { residence: { communityId: EMPTY_COMMUNITY, address: '=HYPERLINK("http://x","点我")' } })
    declaredCitizen(backend, { residence: { communityId: EMPTY_COMMUNITY, address: '贵州路 1 号,后门' } })
    const csv: string = call(backend, 'GET', '/returnees/community/report', { token: worker(backend, EMPTY_COMMUNITY) }).body.csv
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`)
    expect(csv).toContain('"贵州路 1 号,后门"')
  })

  it('is for workers only', () => {
    const backend = testBackend()
    expect(call(backend, 'GET', '/returnees/community/report', { token: citizen(backend).token }).body.error.code).toBe('FORBIDDEN')
  })
})

describe('POST /returnees/declarations/:id/release and /escalate', () => {
  const backend = testBackend()
  beforeEach(() => backend.clock.set(SEED_EPOCH_MS))
  const release = (token: string, id: string) => call(backend, 'POST', `/returnees/declarations/${id}/release`, { token })
  const escalate = (token: string, id: string, note: unknown) =>
    call(backend, 'POST', `/returnees/declarations/${id}/escalate`, { token, body: { note } })

  it('refuses release before observationEndsOn (409 OBSERVATION_NOT_OVER) and allows it from that day', () => {
    const p = declaredCitizen(backend, { arrivalAgo: 13 })
    const early = release(worker(backend), p.id)
    expect(early.status).toBe(409)
    expect(early.body.error.code).toBe('OBSERVATION_NOT_OVER')
    setShanghai(backend, '2020-02-11T07:00:00')
    expect(release(worker(backend), p.id).body.status).toBe('released')
  })

  it('refuses a flagged declaration whatever the date (409 DECLARATION_FLAGGED), and a second release (409 DECLARATION_RELEASED)', () => {
    const flagged = declaredCitizen(backend, { arrivalAgo: 10, originRegion: '420100' })
    setShanghai(backend, '2020-03-05T10:00:00')
    const res = release(worker(backend), flagged.id)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('DECLARATION_FLAGGED')
    const ok = declaredCitizen(backend, { arrivalAgo: 20 })
    expect(release(worker(backend), ok.id).status).toBe(200)
    const again = release(worker(backend), ok.id)
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('DECLARATION_RELEASED')
  })

  it('is refused to the owner, other citizens and other communities’ workers (403), 404 for an unknown id', () => {
    const p = declaredCitizen(backend, { arrivalAgo: 20 })
    for (const token of [p.token, citizen(backend).token, worker(backend, OTHER_COMMUNITY)]) {
      const res = release(token, p.id)
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('FORBIDDEN')
    }
    expect(release(worker(backend), 'rd-unknown').status).toBe(404)
  })

  it('escalates with a bounded note: flagged, the note visible to workers and not to the owner', () => {
    const p = declaredCitizen(backend, { arrivalAgo: 4 })
    const w = worker(backend)
    expect(escalate(w, p.id, '   ').body.error.fields.note).toBe('请填写上报说明')
    expect(escalate(w, p.id, '字'.repeat(201)).body.error.fields.note).toContain('200')
    expect(escalate(w, p.id, 42).status).toBe(400)
    const res = escalate(w, p.id, '  上门测温 37.6 ℃，已联系发热门诊  ')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'flagged', flagReasons: ['escalated'] })
    expect(res.body.notes).toEqual([{ at: '2020-02-10T10:00:00+08:00', text: '上门测温 37.6 ℃，已联系发热门诊' }])
    const ownerView = call(backend, 'GET', `/returnees/declarations/${p.id}`, { token: p.token }).body
    expect(ownerView.status).toBe('flagged')
    expect(ownerView.notes).toBeUndefined()
    const workerView = call(backend, 'GET', `/returnees/declarations/${p.id}`, { token: w }).body
    expect(workerView.notes).toHaveLength(1)
  })

  it('refuses escalation of a released declaration, by the wrong people, or of an unknown id', () => {
    const p = declaredCitizen(backend, { arrivalAgo: 20 })
    const w = worker(backend)
    release(w, p.id)
    expect(escalate(w, p.id, '复查').body.error.code).toBe('DECLARATION_RELEASED')
    const q = declaredCitizen(backend)
    expect(escalate(worker(backend, OTHER_COMMUNITY), q.id, '复查').status).toBe(403)
    expect(escalate(q.token, q.id, '复查').status).toBe(403)
    expect(escalate(w, 'rd-unknown', '复查').status).toBe(404)
  })
})

describe('POST /returnees/declarations/:id/release: order and edges (each test its own backend)', () => {
  const release = (backend: Backend, id: string) =>
    call(backend, 'POST', `/returnees/declarations/${id}/release`, { token: worker(backend) })

  it('answers DECLARATION_FLAGGED, not OBSERVATION_NOT_OVER, for a flagged declaration before its end', () => {
    const backend = testBackend()
    // From 武汉 (a high-risk area), arrived 2020-02-05: flagged, observation ends 2020-02-19.
    const flagged = declaredCitizen(backend, { arrivalAgo: 5, originRegion: '420100' })
    expect(flagged.declaration).toMatchObject({ status: 'flagged', observationEndsOn: '2020-02-19' })
    const res = release(backend, flagged.id)
    expect([res.status, res.body.error?.code]).toEqual([409, 'DECLARATION_FLAGGED'])
    // An escalated one too, on the day before its end.
    const escalated = declaredCitizen(backend, { arrivalAgo: 13 })
    expect(
      call(backend, 'POST', `/returnees/declarations/${escalated.id}/escalate`, { token: worker(backend), body: { note: '复查' } }).status,
    ).toBe(200)
    expect(release(backend, escalated.id).body.error?.code).toBe('DECLARATION_FLAGGED')
  })

  it('refuses release to the last second of the day before observationEndsOn and allows it from its first second', () => {
    const backend = testBackend()
    // Arrived 2020-01-28: observationEndsOn = arrival + 14 = 2020-02-11.
    const p = declaredCitizen(backend, { arrivalAgo: 13 })
    expect(p.declaration.observationEndsOn).toBe('2020-02-11')
    setShanghai(backend, '2020-02-10T23:59:59')
    expect(release(backend, p.id).body.error?.code).toBe('OBSERVATION_NOT_OVER')
    setShanghai(backend, '2020-02-11T00:00:00')
    const ok = release(backend, p.id)
    expect([ok.status, ok.body.status]).toEqual([200, 'released'])
  })
})

describe('GET /me/attention (returnees’ part)', () => {
  const backend = testBackend()
  type Attention = { id: string; title: string; detail: string; path: string; tone: string }
  const attention = (token: string): Attention[] =>
    (call(backend, 'GET', '/me/attention', { token }).body.items as Attention[]).filter((i) => i.id.startsWith('returnees:'))

  it('tells a citizen to check in today and when observation ends; then that it is over; a flagged one what to do', () => {
    backend.clock.set(SEED_EPOCH_MS)
    const p = declaredCitizen(backend, { arrivalAgo: 4 })
    const before = attention(p.token)
    expect(before[0]).toMatchObject({
      title: '今日健康打卡',
      path: '/returnees/pages/checkin/index',
      tone: 'warning',
      detail: '居家观察第 5 天，请测量体温后打卡',
    })
    expect(before[1]).toMatchObject({ title: '居家观察中', detail: '观察期至 2020-02-20，还有 10 天', tone: 'info' })
    checkin(backend, p.token, p.id)
    expect(attention(p.token).map((i) => i.title)).toEqual(['居家观察中'])
    setShanghai(backend, '2020-02-20T09:00:00')
    expect(attention(relogin(backend, p.code))[1]).toEqual({
      id: `returnees:observing:${p.id}`,
      service: 'returnees',
      title: '居家观察期已满',
      detail: '社区工作人员核实后将为你解除居家观察',
      path: '/returnees/pages/status/index',
      tone: 'success',
    })
    backend.clock.set(SEED_EPOCH_MS)
    const f = declaredCitizen(backend, { originRegion: '420100' })
    expect(attention(f.token).find((i) => i.tone === 'danger')).toEqual({
      id: `returnees:flagged:${f.id}`,
      service: 'returnees',
      title: '请留在家中，等待社区联系',
      detail: '你的登记需要重点关注，如有发热请戴口罩前往发热门诊，不要乘坐公共交通',
      path: '/returnees/pages/status/index',
      tone: 'danger',
    })
  })

  it('tells a worker how many people are due today, matching the summary', () => {
    backend.clock.set(SEED_EPOCH_MS)
    const w = worker(backend, COMMUNITY)
    const due = call(backend, 'GET', '/returnees/community/summary', { token: w }).body.dueToday
    expect(due).toBeGreaterThan(0)
    expect(attention(w)).toContainEqual({
      id: 'returnees:due',
      service: 'returnees',
      title: `今日还有 ${due} 人未打卡`,
      detail: '请提醒他们测量体温，或上门代为打卡',
      path: '/returnees/pages/console/index?status=due_today',
      tone: 'warning',
    })
  })

  it('says nothing about returnees to someone with no declaration', () => {
    expect(attention(citizen(backend).token)).toEqual([])
  })
})
