import { addDays } from '@/core/time/shanghai'
import { residentId } from '@/mock/core/people'
import { testBackend } from '../../helpers/backend'
import { http, startHttp } from '../../helpers/http'
import { COMMUNITY } from '../../helpers/returnees'

/** The main paths over real HTTP, with the clock moved by the `/__mock/clock` control. */
describe('returnees over HTTP', () => {
  let base = ''
  let close: () => Promise<void> = async () => undefined
  beforeAll(async () => {
    const server = await startHttp(testBackend())
    base = server.base
    close = server.close
  })
  afterAll(() => close())

  async function verified(code: string, docNumber: string, phone: string): Promise<string> {
    const { body } = await http(base, 'POST', '/auth/login', { body: { code } })
    const sms = await http(base, 'POST', '/identity/sms', { token: body.token, body: { phone } })
    const res = await http(base, 'POST', '/identity/verify', {
      token: body.token,
      body: { name: '欧阳娜娜', docType: 'resident_id', docNumber, phone, smsCode: sms.body.devCode },
    })
    expect(res.status).toBe(200)
    return body.token
  }

  async function workerToken(): Promise<string> {
    return (await http(base, 'POST', '/auth/login', { body: { code: `worker:${COMMUNITY}` } })).body.token
  }

  it('serves regions and risk areas without a token', async () => {
    const regions = await http(base, 'GET', '/regions?parent=310101002')
    expect(regions.status).toBe(200)
    expect(regions.body.items[0]).toEqual({ code: '310101002001', name: '云南中路居委会', level: 'community' })
    const risk = await http(base, 'GET', '/risk-areas')
    expect(risk.body.items.some((a: { regionCode: string }) => a.regionCode === '420100')).toBe(true)
  })

  it('a citizen declares and checks in; the worker finds them; 14 days later the worker releases them', async () => {
    const docNumber = residentId('110105', '1988-03-07', 902)
    const token = await verified('http-returnee', docNumber, '13955550001')
    const body = {
      originRegion: '330100',
      transport: { mode: 'flight', number: 'mu5101' },
      departureDate: '2020-02-10',
      arrivalDate: '2020-02-10',
      residence: { communityId: COMMUNITY, address: '云南中路 18 弄 3 号 201 室' },
      health: { temperature: 36.5, symptoms: [], contactWithCases: false },
    }
    const key = '6f1d2c3b-4a5e-4f60-9a7b-8c9d0e1f2a3b'
    const created = await http(base, 'POST', '/returnees/declarations', { token, body, headers: { 'Idempotency-Key': key } })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      status: 'observing',
      observationEndsOn: '2020-02-24',
      daysLeft: 14,
      transport: { number: 'MU5101' },
    })
    const replay = await http(base, 'POST', '/returnees/declarations', { token, body, headers: { 'Idempotency-Key': key } })
    expect(replay.body.id).toBe(created.body.id)
    const id: string = created.body.id

    expect(
      (await http(base, 'POST', `/returnees/declarations/${id}/checkins`, { token, body: { temperature: 36.4, symptoms: [] } })).status,
    ).toBe(201)
    const twice = await http(base, 'POST', `/returnees/declarations/${id}/checkins`, { token, body: { temperature: 36.4, symptoms: [] } })
    expect(twice.status).toBe(409)
    expect(twice.body.error).toEqual({ code: 'ALREADY_CHECKED_IN', message: '今天已经打过卡了，明天再来' })

    const w = await workerToken()
    const found = await http(base, 'GET', '/returnees/community/declarations?q=%E6%AC%A7%E9%98%B3') // q=欧阳
    expect(found.status).toBe(401)
    const list = await http(base, 'GET', '/returnees/community/declarations?q=%E6%AC%A7%E9%98%B3', { token: w })
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([id])
    expect(JSON.stringify(list.body)).not.toContain(docNumber)

    const early = await http(base, 'POST', `/returnees/declarations/${id}/release`, { token: w })
    expect(early.status).toBe(409)
    expect(early.body.error.code).toBe('OBSERVATION_NOT_OVER')

    const moved = await http(base, 'POST', '/__mock/clock', { body: { now: `${addDays('2020-02-10', 14)}T09:00:00+08:00` } })
    expect(moved.body.now).toBe('2020-02-24T09:00:00+08:00')
    const w2 = await workerToken()
    const released = await http(base, 'POST', `/returnees/declarations/${id}/release`, { token: w2 })
    expect(released.status).toBe(200)
    expect(released.body).toMatchObject({ id, status: 'released', daysLeft: 0 })
    const summary = await http(base, 'GET', '/returnees/community/summary', { token: w2 })
    expect(summary.body.releasedToday).toBeGreaterThanOrEqual(1)
  })

  it('answers bad input with the contract’s error body, never a 500', async () => {
    const token = await verified('http-returnee-2', residentId('110105', '1990-01-01', 903), '13955550002')
    const raw = await http(base, 'POST', '/returnees/declarations', {
      token,
      raw: '{oops',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(raw.status).toBe(400)
    expect(raw.body.error.code).toBe('VALIDATION_FAILED')
    const fields = await http(base, 'POST', '/returnees/declarations', {
      token,
      body: {
        originRegion: '310000',
        transport: { mode: 'train', number: 'X1' },
        departureDate: '2020-02-31',
        arrivalDate: '2020-02-01',
        residence: { communityId: COMMUNITY, address: '' },
        health: { temperature: 45, symptoms: [], contactWithCases: false },
      },
    })
    expect(fields.status).toBe(400)
    expect(Object.keys(fields.body.error.fields).sort()).toEqual([
      'departureDate',
      'health.temperature',
      'residence.address',
      'transport.number',
    ])
    const report = await http(base, 'GET', '/returnees/community/report?date=2099-01-01', { token: await workerToken() })
    expect(report.status).toBe(400)
    expect(report.body.error.fields.date).toBeTruthy()
  })

  it('sends the report’s CSV with its BOM intact through JSON', async () => {
    const res = await http(base, 'GET', '/returnees/community/report', { token: await workerToken() })
    expect(res.status).toBe(200)
    expect(res.body.csv.startsWith('\uFEFF序号,姓名')).toBe(true)
    expect(res.body.filename).toMatch(/^返沪人员日报-云南中路居委会-\d{4}-\d{2}-\d{2}\.csv$/)
  })
})
