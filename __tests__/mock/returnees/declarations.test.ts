import { SEED_EPOCH_MS } from '@/mock/core/clock'
import { call, login, testBackend, verifiedCitizen } from '../../helpers/backend'
import {
  COMMUNITY,
  OTHER_COMMUNITY,
  citizen,
  declare,
  declarationBody,
  declaredCitizen,
  freshDoc,
  setShanghai,
  worker,
} from '../../helpers/returnees'

// One world for the file: every test uses fresh people and documents, and the clock goes back
// to the seed's start before each.
const backend = testBackend()
beforeEach(() => backend.clock.set(SEED_EPOCH_MS))

const KEY = '0f6b1f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b'

function fieldsOf(res: { status: number; body: { error: { code: string; fields?: Record<string, string> } } }) {
  expect(res.status).toBe(400)
  expect(res.body.error.code).toBe('VALIDATION_FAILED')
  return res.body.error.fields ?? {}
}

describe('POST /returnees/declarations: a citizen for itself', () => {
  it('creates an observing declaration with the contract’s fields, masked, ending arrival + 14', async () => {
    const person = await citizen(backend, '欧阳娜娜')
    const res = await declare(backend, person.token, declarationBody(backend, { arrivalAgo: 3 }))
    expect(res.status).toBe(201)
    const d = res.body
    expect(d).toMatchObject({
      subjectMasked: '欧阳**',
      status: 'observing',
      riskLevel: 'low',
      arrivalDate: '2020-02-07',
      observationEndsOn: '2020-02-21',
      daysLeft: 11,
      createdBy: 'self',
      createdAt: '2020-02-10T10:00:00+08:00',
      checkedInToday: false,
      flagReasons: [],
      transport: { mode: 'train', number: 'G7501' },
      residence: { communityId: COMMUNITY, districtName: '黄浦区', streetName: '南京东路街道', communityName: '云南中路居委会' },
    })
    expect(d.docNumberMasked).toBe(`${person.docNumber.slice(0, 3)}***********${person.docNumber.slice(-4)}`)
    expect(d.notes).toBeUndefined()
    expect(JSON.stringify(d)).not.toContain(person.docNumber)
    expect(JSON.stringify(d)).not.toContain(person.phone)
  })

  it('normalises flight numbers and accepts every airline-code form', async () => {
    for (const number of ['mu5101', '9C8888', 'CA1', '3U8888', 'HO 1234']) {
      const person = await citizen(backend)
      const res = await declare(backend, person.token, declarationBody(backend, { transport: { mode: 'flight', number } }))
      expect(res.status).toBe(201)
      expect(res.body.transport.number).toBe(number.replace(/\s/g, '').toUpperCase())
    }
  })

  it.each([
    ['flight', undefined, '请填写航班号'],
    ['flight', 'MU', '航班号'],
    ['flight', 'MU12345', '航班号'],
    ['flight', 'MUU123', '航班号'],
    ['flight', '5101', '航班号'],
    ['train', undefined, '请填写车次'],
    ['train', 'X123', '车次'],
    ['train', 'G12345', '车次'],
    ['train', '123', '车次'],
    ['train', '12345', '车次'],
  ])('refuses %s number %p with fields.transport.number', async (mode, number, message) => {
    const person = await citizen(backend)
    const transport = number === undefined ? { mode } : { mode, number }
    const fields = fieldsOf(await declare(backend, person.token, { ...declarationBody(backend), transport }))
    expect(fields['transport.number']).toContain(message)
  })

  it('accepts train numbers of every class and four-digit ordinary trains; coach, car and other need no number', async () => {
    const transports = [
      ...['G1234', 'D3125', 'C3001', 'Z40', 'T110', 'K1', 'Y501', 'L77', 'S5', '1461'].map((number) => ({
        mode: 'train' as const,
        number,
      })),
      { mode: 'coach' as const },
      { mode: 'car' as const, number: '浙A12345' },
      { mode: 'other' as const },
    ]
    for (const transport of transports) {
      const res = await declare(backend, (await citizen(backend)).token, declarationBody(backend, { transport }))
      expect(res.status).toBe(201)
    }
  })

  it.each([
    [34.9, '35.0–42.0'],
    [42.1, '35.0–42.0'],
    [36.55, '一位小数'],
    ['36.5', '体温'],
    [null, '体温'],
  ])('refuses temperature %p', async (temperature, message) => {
    const body = declarationBody(backend)
    const fields = fieldsOf(await declare(backend, (await citizen(backend)).token, { ...body, health: { ...body.health, temperature } }))
    expect(fields['health.temperature']).toContain(message)
  })

  it('accepts the temperature bounds 35.0 and 42.0', async () => {
    for (const temperature of [35.0, 42.0]) {
      const body = declarationBody(backend)
      expect((await declare(backend, (await citizen(backend)).token, { ...body, health: { ...body.health, temperature } })).status).toBe(
        201,
      )
    }
  })

  it('refuses unknown or repeated symptoms and a missing contact answer', async () => {
    const body = declarationBody(backend)
    const token = (await citizen(backend)).token
    expect(
      fieldsOf(await declare(backend, token, { ...body, health: { ...body.health, symptoms: ['sneezing'] } }))['health.symptoms.0'],
    ).toBeTruthy()
    expect(
      fieldsOf(await declare(backend, token, { ...body, health: { ...body.health, symptoms: ['cough', 'cough'] } }))['health.symptoms'],
    ).toContain('重复')
    expect(
      fieldsOf(await declare(backend, token, { ...body, health: { temperature: 36.5, symptoms: [] } }))['health.contactWithCases'],
    ).toBeTruthy()
  })

  describe('dates, on the mock clock’s Shanghai day', () => {
    it('refuses dates that are not real calendar dates', async () => {
      const token = (await citizen(backend)).token
      const body = declarationBody(backend)
      expect(fieldsOf(await declare(backend, token, { ...body, arrivalDate: '2020-02-30' })).arrivalDate).toContain('真实的日期')
      expect(fieldsOf(await declare(backend, token, { ...body, departureDate: '2020/02/01' })).departureDate).toContain('真实的日期')
      expect(fieldsOf(await declare(backend, token, { ...body, arrivalDate: '2019-02-29' })).arrivalDate).toContain('真实的日期')
    })

    it('refuses a departure after the arrival', async () => {
      const body = declarationBody(backend, { arrivalAgo: 2 })
      const fields = fieldsOf(await declare(backend, (await citizen(backend)).token, { ...body, departureDate: '2020-02-09' }))
      expect(fields.departureDate).toBe('出发日期不能晚于抵沪日期')
    })

    it('refuses an arrival after today, by Shanghai’s day, not UTC’s', async () => {
      const token = (await citizen(backend)).token
      // 23:30 in Shanghai is 15:30 UTC on the same date: 02-11 is tomorrow either way.
      setShanghai(backend, '2020-02-10T23:30:00')
      const tomorrow = { ...declarationBody(backend), departureDate: '2020-02-11', arrivalDate: '2020-02-11' }
      expect(fieldsOf(await declare(backend, token, tomorrow)).arrivalDate).toBe('抵沪日期不能晚于今天')
      // 00:10 on 02-11 in Shanghai is still 02-10 in UTC: Shanghai's day decides.
      setShanghai(backend, '2020-02-11T00:10:00')
      expect((await declare(backend, token, tomorrow)).status).toBe(201)
    })

    it('takes arrivals up to 30 days back, not 31', async () => {
      const ok = await declare(backend, (await citizen(backend)).token, declarationBody(backend, { arrivalAgo: 30 }))
      expect(ok.status).toBe(201)
      expect(ok.body.arrivalDate).toBe('2020-01-11')
      expect(ok.body.daysLeft).toBe(0)
      const fields = fieldsOf(await declare(backend, (await citizen(backend)).token, declarationBody(backend, { arrivalAgo: 31 })))
      expect(fields.arrivalDate).toContain('30 天')
    })
  })

  describe('origin and residence', () => {
    it.each([
      ['310000', '上海以外'],
      ['310101', '省份或城市'],
      ['310101002', '出发'],
      ['999999', '省份或城市'],
      ['420102', '省份或城市'],
    ])('refuses origin %s with fields.originRegion', async (originRegion, message) => {
      const fields = fieldsOf(await declare(backend, (await citizen(backend)).token, declarationBody(backend, { originRegion })))
      expect(fields.originRegion).toContain(message)
    })

    it('refuses a residence that is not a neighbourhood committee, and an empty or overlong address', async () => {
      const token = (await citizen(backend)).token
      const body = declarationBody(backend)
      const street = fieldsOf(await declare(backend, token, { ...body, residence: { communityId: '310101002999', address: 'x' } }))
      expect(street['residence.communityId']).toBe('请选择居住的居委会')
      const short = fieldsOf(await declare(backend, token, { ...body, residence: { communityId: '310101002', address: 'x' } }))
      expect(short['residence.communityId']).toBe('请选择居住的居委会')
      expect(
        fieldsOf(await declare(backend, token, { ...body, residence: { communityId: COMMUNITY, address: '  ' } }))['residence.address'],
      ).toBe('请填写详细地址')
      const long = fieldsOf(await declare(backend, token, { ...body, residence: { communityId: COMMUNITY, address: '号'.repeat(101) } }))
      expect(long['residence.address']).toContain('100')
    })

    it.each([
      ['420100', 'high'], // 武汉, listed high
      ['420500', 'high'], // 宜昌, through 湖北省
      ['411500', 'high'], // 信阳 high inside a medium 河南: the higher wins
      ['410100', 'medium'], // 郑州, through 河南省
      ['500103', 'medium'], // 重庆 渝中区, through the municipality
      ['440300', 'medium'],
      ['330100', 'low'],
      ['110000', 'low'],
      ['110105', 'low'],
    ])('origin %s has riskLevel %s; only high flags', async (originRegion, level) => {
      const res = await declare(backend, (await citizen(backend)).token, declarationBody(backend, { originRegion }))
      expect(res.status).toBe(201)
      expect(res.body.riskLevel).toBe(level)
      expect(res.body.status).toBe(level === 'high' ? 'flagged' : 'observing')
      expect(res.body.flagReasons).toEqual(level === 'high' ? ['high_risk_origin'] : [])
    })
  })

  describe('flagging', () => {
    const health = (h: Partial<{ temperature: number; symptoms: string[]; contactWithCases: boolean }>) => ({
      temperature: 36.5,
      symptoms: [] as string[],
      contactWithCases: false,
      ...h,
    })
    it.each([
      [health({ temperature: 37.3 }), ['fever']],
      [health({ temperature: 37.2 }), []],
      [health({ symptoms: ['cough'] }), ['symptoms']],
      [health({ contactWithCases: true }), ['contact']],
      [health({ temperature: 38.5, symptoms: ['fatigue', 'short_breath'], contactWithCases: true }), ['fever', 'symptoms', 'contact']],
    ])('health %j flags for %j', async (h, reasons) => {
      const body = { ...declarationBody(backend), health: h }
      const res = await declare(backend, (await citizen(backend)).token, body)
      expect(res.status).toBe(201)
      expect(res.body.flagReasons).toEqual(reasons)
      expect(res.body.status).toBe(reasons.length ? 'flagged' : 'observing')
    })
  })

  describe('one open declaration per document', () => {
    it('refuses a second while the first is open, from the same account or a worker', async () => {
      const person = await declaredCitizen(backend)
      const again = await declare(backend, person.token, declarationBody(backend, { originRegion: '320100' }))
      expect(again.status).toBe(409)
      expect(again.body.error.code).toBe('ALREADY_DECLARED')
      const byWorker = await declare(backend, await worker(backend), {
        ...declarationBody(backend),
        subject: { name: '欧阳娜娜', docType: 'resident_id', docNumber: person.docNumber.toLowerCase() },
      })
      expect(byWorker.status).toBe(409)
      expect(byWorker.body.error.code).toBe('ALREADY_DECLARED')
    })

    it('counts a flagged declaration as open too, and allows a new one after release', async () => {
      const person = await declaredCitizen(backend, { arrivalAgo: 14 })
      const w = await worker(backend)
      expect((await call(backend, 'POST', `/returnees/declarations/${person.id}/release`, { token: w })).status).toBe(200)
      const declaredAt = backend.clock.now()
      backend.clock.advance(60_000)
      const second = await declare(backend, person.token, declarationBody(backend, { originRegion: '420100' }))
      backend.clock.set(declaredAt)
      expect(second.status).toBe(201)
      expect(second.body.status).toBe('flagged')
      const third = await declare(backend, person.token, declarationBody(backend))
      expect(third.body.error.code).toBe('ALREADY_DECLARED')
      const mine = (await call(backend, 'GET', '/returnees/declarations/mine', { token: person.token })).body.items as { id: string }[]
      expect(mine.map((d) => d.id)).toEqual([second.body.id, person.id])
    })
  })

  describe('a worker registering someone without a phone', () => {
    const subject = (docNumber = freshDoc()) => ({ name: '诸葛建国', docType: 'resident_id', docNumber })

    it('registers into its own community, masked, created by the worker', async () => {
      const docNumber = freshDoc()
      const res = await declare(backend, await worker(backend), { ...declarationBody(backend), subject: subject(docNumber) })
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({ subjectMasked: '诸葛**', createdBy: 'worker', notes: [] })
      expect(res.body.phoneMasked).toBeUndefined()
      const text = JSON.stringify(res.body)
      expect(text).not.toContain(docNumber)
      expect(text).not.toContain('诸葛建国')
    })

    it('keeps an optional phone, masked, and validates it', async () => {
      const w = await worker(backend)
      const ok = await declare(backend, w, { ...declarationBody(backend), subject: { ...subject(), phone: '13912345678' } })
      expect(ok.status).toBe(201)
      expect(ok.body.phoneMasked).toBe('139****5678')
      const bad = await declare(backend, w, { ...declarationBody(backend), subject: { ...subject(), phone: '1234' } })
      expect(fieldsOf(bad)['subject.phone']).toContain('11 位')
    })

    it('validates the typed identity with the verification rules', async () => {
      const w = await worker(backend)
      const doc = freshDoc()
      const wrongCheck = doc.slice(0, 17) + (doc[17] === '0' ? '1' : '0')
      const fields = fieldsOf(
        await declare(backend, w, { ...declarationBody(backend), subject: { name: 'x', docType: 'resident_id', docNumber: wrongCheck } }),
      )
      expect(fields['subject.name']).toContain('姓名')
      expect(fields['subject.docNumber']).toContain('校验位')
      const future = await declare(backend, w, {
        ...declarationBody(backend),
        subject: { name: '王伟', docType: 'resident_id', docNumber: '11010520300101001X' },
      })
      expect(fieldsOf(future)['subject.docNumber']).toBeTruthy()
      const passport = await declare(backend, w, {
        ...declarationBody(backend),
        subject: { name: 'John Smith', docType: 'passport', docNumber: 'e1234567' },
      })
      expect(passport.status).toBe(201)
      expect(passport.body.docNumberMasked).toBe('E12*4567')
    })

    it('is refused into another community (403 FORBIDDEN)', async () => {
      const body = declarationBody(backend, { residence: { communityId: OTHER_COMMUNITY, address: '天平路 1 号' } })
      const res = await declare(backend, await worker(backend), { ...body, subject: subject() })
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('FORBIDDEN')
    })

    it('is refused to a citizen, whatever the rest of the body (403 FORBIDDEN, not 400)', async () => {
      const token = (await citizen(backend)).token
      const res = await declare(backend, token, { ...declarationBody(backend), subject: subject() })
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('FORBIDDEN')
      expect((await declare(backend, token, { subject: { name: '' } })).body.error.code).toBe('FORBIDDEN')
    })

    it('a worker without subject declares for itself', async () => {
      const res = await declare(backend, await worker(backend, OTHER_COMMUNITY), declarationBody(backend))
      expect(res.status).toBe(201)
      expect(res.body.createdBy).toBe('self')
    })

    it('the person, once verified on a phone with that document, owns the declaration', async () => {
      const docNumber = freshDoc()
      const created = await declare(backend, await worker(backend), {
        ...declarationBody(backend),
        subject: { name: '王建国', docType: 'resident_id', docNumber },
      })
      const person = await verifiedCitizen(backend, 'later-phone', { name: '王建国', docNumber })
      const mine = await call(backend, 'GET', '/returnees/declarations/mine', { token: person.token })
      expect(mine.body.items.map((d: { id: string }) => d.id)).toEqual([created.body.id])
      expect((await call(backend, 'GET', `/returnees/declarations/${created.body.id}`, { token: person.token })).status).toBe(200)
    })
  })

  describe('the envelope', () => {
    it('needs a token (401) and a verified identity (403 IDENTITY_REQUIRED)', async () => {
      const body = declarationBody(backend)
      const anonymous = await call(backend, 'POST', '/returnees/declarations', { body })
      expect(anonymous.status).toBe(401)
      expect(anonymous.body.error.code).toBe('UNAUTHENTICATED')
      const unverified = await declare(backend, (await login(backend, 'not-yet-verified')).token, body)
      expect(unverified.status).toBe(403)
      expect(unverified.body.error.code).toBe('IDENTITY_REQUIRED')
    })

    it('answers 400, never 500, to a body that is not JSON, not an object, too large or empty', async () => {
      const token = (await citizen(backend)).token
      for (const raw of ['{not json', '[1,2]', '"x"', JSON.stringify({ ...declarationBody(backend), pad: 'x'.repeat(70_000) })]) {
        const res = await call(backend, 'POST', '/returnees/declarations', { token, raw })
        expect(res.status).toBe(400)
        expect(res.body.error.code).toBe('VALIDATION_FAILED')
      }
      const empty = fieldsOf(await call(backend, 'POST', '/returnees/declarations', { token, raw: '' }))
      expect(Object.keys(empty)).toEqual(expect.arrayContaining(['originRegion', 'transport', 'arrivalDate', 'residence', 'health']))
    })

    it('honours Idempotency-Key: the same key and body give the first answer, another body 409, a non-UUID 400', async () => {
      const token = (await citizen(backend)).token
      const body = declarationBody(backend)
      const first = await declare(backend, token, body, KEY)
      const again = await declare(backend, token, body, KEY)
      expect(first.status).toBe(201)
      expect(again.status).toBe(201)
      expect(again.body.id).toBe(first.body.id)
      const other = await declare(backend, token, { ...body, originRegion: '320100' }, KEY)
      expect(other.status).toBe(409)
      expect(other.body.error.code).toBe('IDEMPOTENCY_CONFLICT')
      const bad = await declare(backend, token, body, 'not-a-uuid')
      expect(bad.status).toBe(400)
      // Without a key, a second attempt is a real second declaration: refused by the document rule.
      expect((await declare(backend, token, body)).body.error.code).toBe('ALREADY_DECLARED')
    })
  })
})

describe('GET /returnees/declarations/mine and /:id', () => {
  it('lists the caller’s own declarations, newest first, paged', async () => {
    const person = await declaredCitizen(backend, { arrivalAgo: 14 })
    await call(backend, 'POST', `/returnees/declarations/${person.id}/release`, { token: await worker(backend) })
    backend.clock.advance(60_000)
    const second = await declare(backend, person.token, declarationBody(backend))
    const page1 = await call(backend, 'GET', '/returnees/declarations/mine', { token: person.token, query: { limit: '1' } })
    expect(page1.status).toBe(200)
    expect(page1.body.total).toBe(2)
    expect(page1.body.items[0].id).toBe(second.body.id)
    const page2 = await call(backend, 'GET', '/returnees/declarations/mine', {
      token: person.token,
      query: { limit: '1', cursor: page1.body.nextCursor },
    })
    expect(page2.body.items[0]).toMatchObject({ id: person.id, status: 'released' })
    expect(page2.body.nextCursor).toBeNull()
    const other = await call(backend, 'GET', '/returnees/declarations/mine', { token: (await citizen(backend)).token })
    expect(other.body).toEqual({ items: [], nextCursor: null, total: 0, today: '2020-02-10' })
  })

  it('refuses a bad limit or cursor with 400', async () => {
    const token = (await citizen(backend)).token
    expect(fieldsOf(await call(backend, 'GET', '/returnees/declarations/mine', { token, query: { limit: '0' } })).limit).toBeTruthy()
    expect(
      fieldsOf(await call(backend, 'GET', '/returnees/declarations/mine', { token, query: { cursor: 'abc.def' } })).cursor,
    ).toBeTruthy()
  })

  it('gives the owner the declaration with its check-ins, newest first; 404 for an unknown id', async () => {
    const person = await declaredCitizen(backend, { arrivalAgo: 2 })
    await call(backend, 'POST', `/returnees/declarations/${person.id}/checkins`, {
      token: person.token,
      body: { temperature: 36.4, symptoms: [] },
    })
    setShanghai(backend, '2020-02-11T08:00:00')
    await call(backend, 'POST', `/returnees/declarations/${person.id}/checkins`, {
      token: person.token,
      body: { temperature: 36.7, symptoms: [] },
    })
    const res = await call(backend, 'GET', `/returnees/declarations/${person.id}`, { token: person.token })
    expect(res.status).toBe(200)
    expect(res.body.checkins.map((c: { date: string }) => c.date)).toEqual(['2020-02-11', '2020-02-10'])
    expect(res.body.daysLeft).toBe(11)
    expect(res.body.checkedInToday).toBe(true)
    const missing = await call(backend, 'GET', '/returnees/declarations/rd-nothing', { token: person.token })
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('NOT_FOUND')
  })
})
