import * as v from 'valibot'
import { PassCheckSchema, PassSchema, PASS_LOOKUPS_PER_WINDOW } from '@/core/contract'
import type { Backend } from '@/mock/backend'
import { regionByCode } from '@/mock/core/regions'
import { call, login, newResidentId, testBackend, verifiedCitizen } from '../../helpers/backend'
import { COMMUNITY, declarationBody, declare, freshDoc, worker } from '../../helpers/returnees'

/** docs/API.md, "Pass": the colour follows the document's declaration, tokens live a minute, checks are recorded. */

const STAFF_OUTLET = 'o310106-03'
let backend: Backend
beforeEach(() => {
  backend = testBackend()
})

const getPass = async (token: string, query: Record<string, string> = {}) => call(backend, 'GET', '/pass', { token, query })
const verify = (token: string, passToken: unknown) => call(backend, 'POST', '/pass/verify', { token, body: { token: passToken } })
const lookup = (token: string, body: Record<string, unknown>) => call(backend, 'POST', '/pass/lookup', { token, body })
const later = (ms: number) => backend.clock.set(backend.clock.now() + ms)

async function person(name = '欧阳娜娜') {
  return verifiedCitizen(backend, `pass-${Math.random()}`, { name })
}

async function colourOf(token: string) {
  const res = await getPass(token)
  expect(res.status).toBe(200)
  const p = v.parse(PassSchema, res.body)
  return { color: p.color, reasons: p.reasons.map((r) => r.code), texts: p.reasons.map((r) => r.text) }
}

describe('GET /pass', () => {
  it('is green with no reasons for a verified person who has declared nothing, and masks the holder', async () => {
    const p = await person('欧阳娜娜')
    const res = await getPass(p.token)
    expect(res.status).toBe(200)
    const pass = v.parse(PassSchema, res.body)
    expect(pass.color).toBe('green')
    expect(pass.reasons).toEqual([])
    expect(pass.holder).toEqual({ nameMasked: '欧阳**', docNumberMasked: `${p.docNumber.slice(0, 3)}***********${p.docNumber.slice(-4)}` })
    expect(Date.parse(pass.expiresAt) - Date.parse(pass.issuedAt)).toBe(60_000)
    expect(pass.token.length).toBeGreaterThanOrEqual(16)
    // The token says nothing of the holder.
    for (const part of [p.docNumber, p.docNumber.slice(-6), p.user.id]) expect(pass.token).not.toContain(part)
  })

  it('asks for a token and verification, and a member id this account does not hold is 404', async () => {
    expect((await call(backend, 'GET', '/pass')).status).toBe(401)
    const { token } = await login(backend, 'pass-unverified')
    expect((await getPass(token)).body.error.code).toBe('IDENTITY_REQUIRED')
    const p = await person()
    const member = await getPass(p.token, { memberId: 'fm1' })
    expect([member.status, member.body.error.code]).toEqual([404, 'NOT_FOUND'])
  })

  it('follows the declaration: yellow while observing, red when flagged, yellow awaiting release, green once released', async () => {
    const observing = await person()
    const d = await declare(backend, observing.token, declarationBody(backend))
    expect(d.status).toBe(201)
    const yellow = await colourOf(observing.token)
    expect(yellow.color).toBe('yellow')
    expect(yellow.reasons).toEqual(['observing'])
    expect(yellow.texts[0]).toMatch(/^居家观察至 \d{1,2}月\d{1,2}日$/)
    expect(yellow.texts[0]).toBe(
      `居家观察至 ${Number(d.body.observationEndsOn.slice(5, 7))}月${Number(d.body.observationEndsOn.slice(8))}日`,
    )

    const fever = await person()
    expect(
      (
        await declare(
          backend,
          fever.token,
          declarationBody(backend, { health: { temperature: 38.2, symptoms: [], contactWithCases: false } }),
        )
      ).status,
    ).toBe(201)
    expect(await colourOf(fever.token)).toEqual({ color: 'red', reasons: ['fever'], texts: ['登记时体温 ≥ 37.3 ℃'] })

    const w = await worker(backend)
    const esc = await call(backend, 'POST', `/returnees/declarations/${d.body.id}/escalate`, { token: w, body: { note: '电话未接' } })
    expect(esc.status).toBe(200)
    expect(await colourOf(observing.token)).toMatchObject({ color: 'red', reasons: ['escalated'] })

    const over = await person()
    const o = await declare(backend, over.token, declarationBody(backend, { arrivalAgo: 14 }))
    expect(await colourOf(over.token)).toEqual({ color: 'yellow', reasons: ['awaiting_release'], texts: ['观察期已满，待社区解除'] })
    expect((await call(backend, 'POST', `/returnees/declarations/${o.body.id}/release`, { token: w })).status).toBe(200)
    expect(await colourOf(over.token)).toEqual({ color: 'green', reasons: [], texts: [] })
  })

  it('colours the document, whoever declared it: a worker registers someone without a phone, who verifies later', async () => {
    const w = await worker(backend)
    const docNumber = freshDoc()
    const body = { ...declarationBody(backend), subject: { name: '王大爷', docType: 'resident_id', docNumber, phone: '13900001111' } }
    expect((await declare(backend, w, body)).status).toBe(201)
    const grandpa = await verifiedCitizen(backend, 'pass-grandpa', { name: '王大爷', docNumber })
    expect((await colourOf(grandpa.token)).color).toBe('yellow')
  })

  it('gives a new token each time it is asked', async () => {
    const p = await person()
    const a = v.parse(PassSchema, (await getPass(p.token)).body)
    const b = v.parse(PassSchema, (await getPass(p.token)).body)
    expect(a.token).not.toBe(b.token)
  })
})

describe('POST /pass/verify', () => {
  it('answers the colour at the time of the check, masked, and is good until expiresAt only', async () => {
    const p = await person('欧阳娜娜')
    const d = await declare(backend, p.token, declarationBody(backend))
    const pass = v.parse(PassSchema, (await getPass(p.token)).body)
    expect(pass.color).toBe('yellow')
    const w = await worker(backend)
    // Escalated after the token was issued: the check shows red.
    await call(backend, 'POST', `/returnees/declarations/${d.body.id}/escalate`, { token: w, body: { note: '发热' } })
    later(59_000)
    const res = await verify(w, pass.token)
    expect(res.status).toBe(200)
    const check = v.parse(PassCheckSchema, res.body)
    expect(check).toMatchObject({ color: 'red', holder: pass.holder, checkedAt: expect.any(String) })
    expect(check.reasons.map((r) => r.code)).toEqual(['escalated'])
    later(1_000)
    const expired = await verify(w, pass.token)
    expect([expired.status, expired.body.error.code, expired.body.error.message]).toEqual([
      409,
      'PASS_EXPIRED',
      '码已过期，请对方刷新后再扫',
    ])
  })

  it('refuses altered, made-up and other servers’ tokens as not a pass', async () => {
    const p = await person()
    const { token } = v.parse(PassSchema, (await getPass(p.token)).body)
    const staff = (await login(backend, `staff:${STAFF_OUTLET}`)).token
    const flip = (t: string, i: number) => t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1)
    const other = testBackend()
    const stranger = await verifiedCitizen(other, 'pass-other')
    const foreign = v.parse(PassSchema, (await call(other, 'GET', '/pass', { token: stranger.token })).body).token
    for (const bad of [
      flip(token, 0),
      flip(token, 20),
      flip(token, token.length - 1),
      `${token}A`,
      token.slice(1),
      'x'.repeat(67),
      '__proto__',
      foreign,
    ]) {
      const res = await verify(staff, bad)
      expect([res.status, res.body.error.code, res.body.error.fields]).toEqual([400, 'VALIDATION_FAILED', { token: '不是有效的通行码' }])
    }
    for (const body of [{}, { token: 12 }, { token: '' }, { token: 'a'.repeat(201) }]) {
      const res = await call(backend, 'POST', '/pass/verify', { token: staff, body })
      expect([res.status, Object.keys(res.body.error.fields)]).toEqual([400, ['token']])
    }
    expect((await verify(staff, token)).status).toBe(200)
  })

  it('is for workers and staff: a citizen is refused before what they sent is read', async () => {
    const p = await person()
    const { token } = v.parse(PassSchema, (await getPass(p.token)).body)
    for (const body of [{ token }, { nonsense: true }]) {
      const res = await call(backend, 'POST', '/pass/verify', { token: p.token, body })
      expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN'])
    }
    const lookupRes = await lookup(p.token, { name: 'x' })
    expect([lookupRes.status, lookupRes.body.error.code]).toEqual([403, 'FORBIDDEN'])
    expect((await call(backend, 'POST', '/pass/verify', { body: { token } })).status).toBe(401)
  })
})

describe('POST /pass/lookup', () => {
  it('finds a verified person by their name and document, and refuses another name or an unknown document', async () => {
    const p = await person('欧阳娜娜')
    const w = await worker(backend)
    const found = await lookup(w, { name: '欧阳娜娜', docType: 'resident_id', docNumber: p.docNumber })
    expect(found.status).toBe(200)
    expect(v.parse(PassCheckSchema, found.body)).toMatchObject({ color: 'green', holder: { nameMasked: '欧阳**' } })
    for (const body of [
      { name: '欧阳娜', docType: 'resident_id', docNumber: p.docNumber },
      { name: '欧阳娜娜', docType: 'resident_id', docNumber: newResidentId(987_654) },
    ]) {
      const res = await lookup(w, body)
      expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND'])
    }
    const malformed = await lookup(w, { name: '欧阳娜娜', docType: 'resident_id', docNumber: '110105194912310021' })
    expect([malformed.status, Object.keys(malformed.body.error.fields)]).toEqual([400, ['docNumber']])
  })

  it('finds someone with no account by the name they were declared under', async () => {
    const w = await worker(backend)
    const docNumber = freshDoc()
    const body = {
      ...declarationBody(backend, { health: { temperature: 37.8, symptoms: [], contactWithCases: false } }),
      subject: { name: '王大爷', docType: 'resident_id', docNumber, phone: '13900002222' },
    }
    expect((await declare(backend, w, body)).status).toBe(201)
    const staff = (await login(backend, `staff:${STAFF_OUTLET}`)).token
    const res = await lookup(staff, { name: '王大爷', docType: 'resident_id', docNumber })
    expect(res.status).toBe(200)
    expect(res.body.color).toBe('red')
    expect((await lookup(staff, { name: '王小爷', docType: 'resident_id', docNumber })).status).toBe(404)
  })

  it(`allows ${PASS_LOOKUPS_PER_WINDOW} lookups in any 60 minutes, found or not, then 429 with Retry-After`, async () => {
    const p = await person('欧阳娜娜')
    const w = await worker(backend)
    const right = { name: '欧阳娜娜', docType: 'resident_id', docNumber: p.docNumber }
    const wrong = { ...right, name: '李四' }
    for (let i = 0; i < PASS_LOOKUPS_PER_WINDOW; i += 1) {
      const res = await lookup(w, i % 2 ? right : wrong)
      expect(res.status).toBe(i % 2 ? 200 : 404)
      later(60_000)
    }
    const limited = await lookup(w, right)
    expect([limited.status, limited.body.error.code]).toEqual([429, 'RATE_LIMITED'])
    // The first lookup was 30 minutes ago: it leaves the window in 30 minutes.
    expect(Number(limited.headers?.['Retry-After'])).toBe(30 * 60)
    // Another worker has their own limit.
    expect((await lookup(await worker(backend, '310104003001'), right)).status).toBe(200)
    later(30 * 60_000)
    expect((await lookup(w, right)).status).toBe(200)
  })
})

describe('GET /pass/checks', () => {
  it('shows the holder who looked, when and where, newest first, never the checker’s name, in pages', async () => {
    const p = await person()
    const w = await worker(backend)
    const staff = (await login(backend, `staff:${STAFF_OUTLET}`)).token
    expect((await verify(w, v.parse(PassSchema, (await getPass(p.token)).body).token)).status).toBe(200)
    later(5_000)
    expect((await lookup(staff, { name: '欧阳娜娜', docType: 'resident_id', docNumber: p.docNumber })).status).toBe(200)
    // A failed lookup is not a look at the pass.
    await lookup(staff, { name: '别人', docType: 'resident_id', docNumber: p.docNumber })
    const res = await call(backend, 'GET', '/pass/checks', { token: p.token })
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(2)
    expect(res.body.items.map((c: { by: string; place: string }) => [c.by, c.place])).toEqual([
      ['staff', '童涵春堂（南京西路店）'],
      ['worker', regionByCode(COMMUNITY)!.name],
    ])
    expect(Object.keys(res.body.items[0]).sort()).toEqual(['at', 'by', 'place'])
    const first = await call(backend, 'GET', '/pass/checks', { token: p.token, query: { limit: '1' } })
    const second = await call(backend, 'GET', '/pass/checks', { token: p.token, query: { limit: '1', cursor: first.body.nextCursor } })
    expect([...first.body.items, ...second.body.items]).toEqual(res.body.items)
    expect(second.body.nextCursor).toBeNull()
    // Another person sees none of it.
    const other = await person()
    expect((await call(backend, 'GET', '/pass/checks', { token: other.token })).body).toEqual({ items: [], nextCursor: null, total: 0 })
    expect((await call(backend, 'GET', '/pass/checks', { token: p.token, query: { memberId: 'fm1' } })).status).toBe(404)
  })
})
