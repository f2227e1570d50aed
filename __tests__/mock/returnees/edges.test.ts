import { addDays } from '@/core/time/shanghai'
import { call, login, testBackend, verifiedCitizen, walkList, type JsonBody } from '../../helpers/backend'
import {
  COMMUNITY,
  EMPTY_COMMUNITY,
  OTHER_COMMUNITY,
  checkin,
  citizen,
  declarationBody,
  declare,
  declaredCitizen,
  relogin,
  today,
  worker,
} from '../../helpers/returnees'

const DAY = 24 * 3600 * 1000
const inEmpty = { residence: { communityId: EMPTY_COMMUNITY, address: '贵州路 9 号' } }

/** The report's CSV as rows of named cells (the test data hold no commas or quotes). */
async function reportTable(backend: ReturnType<typeof testBackend>, token: string, date?: string): Promise<Record<string, string>[]> {
  const res = await call(backend, 'GET', '/returnees/community/report', { token, query: date ? { date } : {} })
  expect(res.status).toBe(200)
  const [header, ...rows] = (res.body.csv as string)
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','))
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])))
}

describe('the daily report, row by row', () => {
  it('runs by arrival date, then by id, numbered from 1', async () => {
    const backend = testBackend()
    const later = await declaredCitizen(backend, { ...inEmpty, arrivalAgo: 3 }, '王小明')
    const earliest = await declaredCitizen(backend, { ...inEmpty, arrivalAgo: 5 }, '赵小红')
    const sameDay = await declaredCitizen(backend, { ...inEmpty, arrivalAgo: 3 }, '钱小刚')
    const [first, second] = [later, sameDay].sort((a, b) => (a.id < b.id ? -1 : 1))
    const rows = await reportTable(backend, await worker(backend, EMPTY_COMMUNITY))
    expect(rows.map((r) => [r['序号'], r['姓名']])).toEqual([
      ['1', earliest.declaration.subjectMasked],
      ['2', first.declaration.subjectMasked],
      ['3', second.declaration.subjectMasked],
    ])
  })

  it('fills each cell from the declaration and the day’s check-in', async () => {
    const backend = testBackend()
    const checked = await declaredCitizen(backend, {
      ...inEmpty,
      arrivalAgo: 2,
      transport: { mode: 'car' },
      health: { temperature: 38.2, symptoms: ['cough', 'fatigue'], contactWithCases: true },
    })
    await declaredCitizen(backend, { ...inEmpty, arrivalAgo: 1 })
    expect((await checkin(backend, checked.token, checked.id, 37.9, ['cough', 'sore_throat'])).status).toBe(201)
    const rows = await reportTable(backend, await worker(backend, EMPTY_COMMUNITY))
    expect(rows[0]).toMatchObject({
      航班车次: '',
      关注原因: '登记时体温 ≥ 37.3 ℃；登记时有症状；接触过确诊或疑似病例；打卡体温 ≥ 37.3 ℃；打卡时有症状',
      当日打卡: '已打卡',
      当日体温: '37.9',
      当日症状: '咳嗽；咽痛',
    })
    expect(rows[1]).toMatchObject({ 航班车次: 'G7501', 关注原因: '', 当日打卡: '未打卡', 当日体温: '', 当日症状: '' })
  })

  it('has who had arrived by the day and was not released before it', async () => {
    const backend = testBackend()
    const arrivedToday = await declaredCitizen(backend, { ...inEmpty, arrivalAgo: 0 })
    const released = await declaredCitizen(backend, { ...inEmpty, arrivalAgo: 15 })
    const w = await worker(backend, EMPTY_COMMUNITY)
    expect((await call(backend, 'POST', `/returnees/declarations/${released.id}/release`, { token: w })).status).toBe(200)
    const day = today(backend)
    const ids = async (token: string, date?: string) => (await reportTable(backend, token, date)).map((r) => r['抵沪日期'])
    expect(await ids(w)).toEqual([addDays(day, -15), day])
    expect(await ids(w, addDays(day, -1))).toEqual([addDays(day, -15)])
    backend.clock.advance(2 * DAY)
    const w2 = await worker(backend, EMPTY_COMMUNITY)
    expect(await ids(w2, addDays(day, 1))).toEqual([arrivedToday.declaration.arrivalDate])
    expect(await ids(w2, day)).toEqual([addDays(day, -15), day])
  })

  it('prefixes only a cell that starts with a formula sign', async () => {
    const backend = testBackend()
    await declaredCitizen(backend, { residence: { communityId: EMPTY_COMMUNITY, address: '贵州路 1 号=后楼' } })
    expect((await reportTable(backend, await worker(backend, EMPTY_COMMUNITY)))[0]['居住地址']).toBe('贵州路 1 号=后楼')
  })
})

describe('what a declaration keeps of its form', () => {
  it('keeps the symptoms, a transport without a number, and a province as the origin', async () => {
    const backend = testBackend()
    const person = await citizen(backend)
    const body = declarationBody(backend, {
      originRegion: '420000',
      transport: { mode: 'car' },
      health: { temperature: 36.8, symptoms: ['cough', 'taste_smell'], contactWithCases: false },
    })
    const made = await declare(backend, person.token, body)
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({ originName: '湖北省', transport: { mode: 'car' }, health: { symptoms: ['cough', 'taste_smell'] } })
    expect((await checkin(backend, person.token, made.body.id, 36.6, ['fatigue'])).status).toBe(201)
    const detail = (await call(backend, 'GET', `/returnees/declarations/${made.body.id}`, { token: person.token })).body
    expect(detail.health.symptoms).toEqual(['cough', 'taste_smell'])
    expect(detail.checkins.map((c: JsonBody) => c.symptoms)).toEqual([['fatigue']])
  })

  it('refuses a district as the origin (a province or a city only)', async () => {
    const backend = testBackend()
    const res = await declare(backend, (await citizen(backend)).token, declarationBody(backend, { originRegion: '420102' }))
    expect([res.status, res.body.error.fields.originRegion]).toEqual([400, '请选择出发的省份或城市'])
  })

  it('names each reason once, however many check-ins raise it', async () => {
    const backend = testBackend()
    const person = await declaredCitizen(backend, { ...inEmpty, arrivalAgo: 2 })
    expect((await checkin(backend, person.token, person.id, 38.1)).status).toBe(201)
    backend.clock.advance(DAY)
    const token = await relogin(backend, person.code)
    expect((await checkin(backend, token, person.id, 38.4)).status).toBe(201)
    expect((await call(backend, 'GET', `/returnees/declarations/${person.id}`, { token })).body.flagReasons).toEqual(['checkin_fever'])
  })
})

describe('documents that share a number but not a type', () => {
  it('keeps a passport and a Taiwan permit with the same digits apart', async () => {
    const backend = testBackend()
    const w = await worker(backend, COMMUNITY)
    const forOther = await declare(backend, w, {
      ...declarationBody(backend),
      subject: { name: '陈大文', docType: 'taiwan_permit', docNumber: '12345678' },
    })
    expect(forOther.status).toBe(201)
    // A passport holder whose number has the same digits:
    const passport = await login(backend, 'passport-holder')
    const sms = await call(backend, 'POST', '/identity/sms', { token: passport.token, body: { phone: '13900005555' } })
    expect(
      (
        await call(backend, 'POST', '/identity/verify', {
          token: passport.token,
          body: { name: 'Lin Mei', docType: 'passport', docNumber: '12345678', phone: '13900005555', smsCode: sms.body.devCode },
        })
      ).status,
    ).toBe(200)
    expect((await call(backend, 'GET', `/returnees/declarations/${forOther.body.id}`, { token: passport.token })).status).toBe(403)
    expect((await call(backend, 'GET', '/returnees/declarations/mine', { token: passport.token })).body.items).toEqual([])
    expect((await declare(backend, passport.token, declarationBody(backend))).status).toBe(201)
  })
})

describe('the ending-today chip', () => {
  it('holds observing declarations only, not a flagged one that ends today too', async () => {
    const backend = testBackend()
    const calm = await declaredCitizen(backend, { ...inEmpty, arrivalAgo: 14 })
    await declaredCitizen(backend, { ...inEmpty, arrivalAgo: 14, health: { temperature: 38.5, symptoms: [], contactWithCases: false } })
    const w = await worker(backend, EMPTY_COMMUNITY)
    const ending = (await call(backend, 'GET', '/returnees/community/declarations', { token: w, query: { status: 'ending_today' } })).body
    expect(ending.items.map((d: JsonBody) => d.id)).toEqual([calm.id])
    expect((await call(backend, 'GET', '/returnees/community/summary', { token: w })).body.endingToday).toBe(1)
  })
})

describe('paging and cursors of the returnee lists', () => {
  it('pages my declarations one at a time, newest first, and keeps my cursor mine', async () => {
    const backend = testBackend()
    const w = await worker(backend, COMMUNITY)
    const docNumber = (await verifiedCitizen(backend, 'paged-owner')).docNumber
    const made: string[] = []
    for (const arrivalAgo of [20, 16, 3]) {
      const res = await declare(backend, w, {
        ...declarationBody(backend, { arrivalAgo }),
        subject: { name: '周大福', docType: 'resident_id', docNumber },
      })
      expect(res.status).toBe(201)
      made.push(res.body.id)
      expect((await call(backend, 'POST', `/returnees/declarations/${res.body.id}/release`, { token: w })).status).toBe(
        arrivalAgo >= 14 ? 200 : 409,
      )
      backend.clock.advance(60_000)
    }
    const token = (await login(backend, 'paged-owner')).token
    const seen = (
      await walkList(backend, '/returnees/declarations/mine', token, 1, async (cursor, pages) => {
        if (pages > 1) return
        const other = (await verifiedCitizen(backend, 'cursor-thief')).token
        expect((await call(backend, 'GET', '/returnees/declarations/mine', { token: other, query: { limit: '1', cursor } })).status).toBe(
          400,
        )
      })
    ).map((d) => d.id)
    expect(seen).toEqual([...made].reverse())
  })

  it('pages a community one row at a time through a day many arrived on, and keeps its cursor in it', async () => {
    const backend = testBackend()
    const ids: string[] = []
    for (let i = 0; i < 3; i += 1) ids.push((await declaredCitizen(backend, { ...inEmpty, arrivalAgo: 4 })).id)
    ids.sort()
    const w = await worker(backend, EMPTY_COMMUNITY)
    const seen = (
      await walkList(backend, '/returnees/community/declarations', w, 1, async (cursor, pages) => {
        if (pages > 1) return
        const elsewhere = await worker(backend, OTHER_COMMUNITY)
        expect(
          (await call(backend, 'GET', '/returnees/community/declarations', { token: elsewhere, query: { limit: '1', cursor } })).status,
        ).toBe(400)
      })
    ).map((d) => d.id)
    expect(seen).toEqual(ids)
  })
})

describe('what workers see that citizens do not', () => {
  it('shows the notes in the community list and in the release answer', async () => {
    const backend = testBackend()
    const person = await declaredCitizen(backend, { ...inEmpty, arrivalAgo: 15 })
    const w = await worker(backend, EMPTY_COMMUNITY)
    const escalated = await call(backend, 'POST', `/returnees/declarations/${person.id}/escalate`, {
      token: w,
      body: { note: '电话无人接听' },
    })
    expect(escalated.status).toBe(200)
    const listed = (await call(backend, 'GET', '/returnees/community/declarations', { token: w })).body.items[0]
    expect(listed.notes.map((n: JsonBody) => n.text)).toEqual(['电话无人接听'])
    const other = await declaredCitizen(backend, { ...inEmpty, arrivalAgo: 16 })
    const releasedAnswer = await call(backend, 'POST', `/returnees/declarations/${other.id}/release`, { token: w })
    expect([releasedAnswer.status, releasedAnswer.body.notes]).toEqual([200, []])
    expect((await call(backend, 'GET', `/returnees/declarations/${person.id}`, { token: person.token })).body.notes).toBeUndefined()
  })
})

describe('home page items for returnees', () => {
  it('tells a person whose observation is over that it is, in words and tone', async () => {
    const backend = testBackend()
    const person = await declaredCitizen(backend, { ...inEmpty, arrivalAgo: 14 })
    expect((await checkin(backend, person.token, person.id)).status).toBe(201)
    const items = (await call(backend, 'GET', '/me/attention', { token: person.token })).body.items.filter(
      (i: JsonBody) => i.service === 'returnees',
    )
    expect(items).toEqual([
      expect.objectContaining({ title: '居家观察期已满', detail: '社区工作人员核实后将为你解除居家观察', tone: 'success' }),
    ])
  })

  it('gives a worker with nobody due no to-do', async () => {
    const backend = testBackend()
    const person = await declaredCitizen(backend, { ...inEmpty, arrivalAgo: 2 })
    const items = async (token: string) =>
      (await call(backend, 'GET', '/me/attention', { token })).body.items.filter((i: JsonBody) => i.service === 'returnees')
    expect(await items(await worker(backend, EMPTY_COMMUNITY))).toEqual([expect.objectContaining({ title: '今日还有 1 人未打卡' })])
    expect((await checkin(backend, person.token, person.id)).status).toBe(201)
    expect(await items(await worker(backend, EMPTY_COMMUNITY))).toEqual([])
  })
})
