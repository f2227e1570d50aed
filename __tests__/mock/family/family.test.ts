import * as v from 'valibot'
import { FamilyMemberSchema, PassSchema } from '@/core/contract'
import type { Backend } from '@/mock/backend'
import { call, login, testBackend, uuid, verifiedCitizen } from '../../helpers/backend'
import { firstComeRound, lotteryRound, startRound } from '../../helpers/masks'
import { checkin, declarationBody, declare, freshDoc, worker } from '../../helpers/returnees'

/** docs/API.md, "Family": one verified account acts for up to 5 members, each member's document under every rule. */

let backend: Backend
beforeEach(() => {
  backend = testBackend()
})

let codes = 0
const person = (name = '李建国', docNumber?: string) => verifiedCitizen(backend, `family-${(codes += 1)}`, { name, docNumber })
const memberBody = (patch: Record<string, unknown> = {}) => ({
  name: '王秀英',
  docType: 'resident_id',
  docNumber: freshDoc(),
  relation: 'parent',
  ...patch,
})
const add = (token: string, body: unknown, key?: string) =>
  call(backend, 'POST', '/family/members', { token, body, headers: key ? { 'Idempotency-Key': key } : {} })
const members = async (token: string) => (await call(backend, 'GET', '/family/members', { token })).body.items as { id: string }[]
const remove = (token: string, id: string) => call(backend, 'DELETE', `/family/members/${encodeURIComponent(id)}`, { token })
const bindings = (token: string) => call(backend, 'GET', '/family/bindings', { token })
const leave = (token: string, id: string) => call(backend, 'DELETE', `/family/bindings/${encodeURIComponent(id)}`, { token })

async function added(token: string, patch: Record<string, unknown> = {}) {
  const res = await add(token, memberBody(patch))
  if (res.status !== 201) throw new Error(`add failed: ${res.status} ${JSON.stringify(res.body)}`)
  return v.parse(FamilyMemberSchema, res.body)
}

describe('POST /family/members', () => {
  it('adds a member: the owner sees the full name, the document masked, the relation', async () => {
    const owner = await person()
    const doc = freshDoc()
    const res = await add(owner.token, memberBody({ docNumber: doc, name: ' 王秀英 ' }))
    expect(res.status).toBe(201)
    const m = v.parse(FamilyMemberSchema, res.body)
    expect(m).toMatchObject({ name: '王秀英', nameMasked: '王**', docType: 'resident_id', relation: 'parent' })
    expect(m.docNumberMasked).toBe(`${doc.slice(0, 3)}***********${doc.slice(-4)}`)
    expect(JSON.stringify(res.body)).not.toContain(doc)
    expect(await members(owner.token)).toEqual([res.body])
  })

  it('asks for a token, then verification, before it reads the body', async () => {
    expect((await add('', memberBody())).status).toBe(401)
    const { token } = await login(backend, 'family-unverified')
    const res = await add(token, 'not even an object')
    expect([res.status, res.body.error.code]).toEqual([403, 'IDENTITY_REQUIRED'])
    expect((await call(backend, 'GET', '/family/members', { token })).body.error.code).toBe('IDENTITY_REQUIRED')
    expect((await bindings(token)).body.error.code).toBe('IDENTITY_REQUIRED')
  })

  it('checks every field like verification, all at once', async () => {
    const owner = await person()
    const res = await add(owner.token, { name: '', docType: 'card', docNumber: 12, relation: 'cousin' })
    expect(res.status).toBe(400)
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['docNumber', 'docType', 'name', 'relation'])
    const badId = await add(owner.token, memberBody({ docNumber: '110105194912310021' }))
    expect([badId.status, Object.keys(badId.body.error.fields)]).toEqual([400, ['docNumber']])
    const missing = await add(owner.token, { docType: 'resident_id' })
    expect(missing.body.error.fields).toMatchObject({ name: '请填写姓名', relation: '请选择与你的关系' })
    expect(await members(owner.token)).toEqual([])
  })

  it("refuses the owner's own document, and a name that is not the verified holder's", async () => {
    const owner = await person()
    const own = await add(owner.token, memberBody({ docNumber: owner.docNumber }))
    expect([own.status, Object.keys(own.body.error.fields)]).toEqual([400, ['docNumber']])
    const mother = await person('王秀英')
    const wrongName = await add(owner.token, memberBody({ docNumber: mother.docNumber, name: '王秀兰' }))
    expect([wrongName.status, Object.keys(wrongName.body.error.fields)]).toEqual([400, ['name']])
    expect((await add(owner.token, memberBody({ docNumber: mother.docNumber, name: '王秀英' }))).status).toBe(201)
  })

  it('the order of the 409s: ALREADY_MEMBER, BINDING_REFUSED, TOO_MANY_MEMBERS, MEMBER_LIMIT', async () => {
    const owner = await person()
    const first = await added(owner.token)
    const doc = freshDoc()
    await added(owner.token, { docNumber: doc })
    expect((await add(owner.token, memberBody({ docNumber: doc }))).body.error.code).toBe('ALREADY_MEMBER')
    for (let i = 0; i < 3; i += 1) await added(owner.token)
    expect((await members(owner.token)).length).toBe(5)
    const sixth = await add(owner.token, memberBody())
    expect([sixth.status, sixth.body.error.code]).toEqual([409, 'TOO_MANY_MEMBERS'])
    // Already a member wins over the limit of five.
    expect((await add(owner.token, memberBody({ docNumber: doc }))).body.error.code).toBe('ALREADY_MEMBER')
    expect((await remove(owner.token, first.id)).status).toBe(204)
    expect((await add(owner.token, memberBody())).status).toBe(201)
  })

  it('a document is a member of at most 3 accounts; a removed membership frees its place', async () => {
    const doc = freshDoc()
    const owners = [await person(), await person(), await person(), await person()]
    const ids: string[] = []
    for (const o of owners.slice(0, 3)) ids.push((await added(o.token, { docNumber: doc })).id)
    const fourth = await add(owners[3].token, memberBody({ docNumber: doc }))
    expect([fourth.status, fourth.body.error.code]).toEqual([409, 'MEMBER_LIMIT'])
    expect((await remove(owners[0].token, ids[0])).status).toBe(204)
    expect((await add(owners[3].token, memberBody({ docNumber: doc }))).status).toBe(201)
  })

  it('is idempotent: the same key and body give the same member once; another body is a conflict', async () => {
    const owner = await person()
    const body = memberBody()
    const a = await add(owner.token, body, uuid(1))
    const b = await add(owner.token, body, uuid(1))
    expect([a.status, b.status]).toEqual([201, 201])
    expect(b.body.id).toBe(a.body.id)
    expect(await members(owner.token)).toHaveLength(1)
    expect((await add(owner.token, memberBody(), uuid(1))).body.error.code).toBe('IDEMPOTENCY_CONFLICT')
  })
})

describe('GET and DELETE /family/members', () => {
  it('lists the members oldest first; removing one takes it off the list, twice is 404', async () => {
    const owner = await person()
    const a = await added(owner.token, { name: '王秀英' })
    backend.clock.set(backend.clock.now() + 1000)
    const b = await added(owner.token, { name: '李小明', relation: 'child' })
    expect((await members(owner.token)).map((m) => m.id)).toEqual([a.id, b.id])
    expect((await remove(owner.token, a.id)).status).toBe(204)
    expect((await members(owner.token)).map((m) => m.id)).toEqual([b.id])
    expect((await remove(owner.token, a.id)).status).toBe(404)
  })

  it("another account's member, a made-up id or a prototype key is 404", async () => {
    const owner = await person()
    const other = await person()
    const m = await added(owner.token)
    for (const id of [m.id, 'fm00000', '__proto__', 'constructor']) {
      const res = await remove(other.token, id)
      expect([id, res.status, res.body.error.code]).toEqual([id, 404, 'NOT_FOUND'])
    }
    expect(await members(owner.token)).toHaveLength(1)
  })
})

describe('GET and DELETE /family/bindings', () => {
  it('shows a member who verifies their own account who holds them, masked, and lets them leave for good', async () => {
    const doc = freshDoc()
    const daughter = await person('李建国')
    const m = await added(daughter.token, { docNumber: doc, name: '王秀英' })
    const mother = await person('王秀英', doc)
    const res = await bindings(mother.token)
    expect(res.status).toBe(200)
    expect(res.body.items).toEqual([{ id: m.id, holderNameMasked: '李**', relation: 'parent', since: m.createdAt }])
    expect(JSON.stringify(res.body)).not.toContain(daughter.docNumber)

    const stranger = await person()
    expect((await leave(stranger.token, m.id)).status).toBe(404)
    expect((await leave(mother.token, m.id)).status).toBe(204)
    expect((await bindings(mother.token)).body.items).toEqual([])
    expect(await members(daughter.token)).toEqual([])
    expect((await leave(mother.token, m.id)).status).toBe(404)

    const again = await add(daughter.token, memberBody({ docNumber: doc, name: '王秀英' }))
    expect([again.status, again.body.error.code]).toEqual([409, 'BINDING_REFUSED'])
    // Refused wins over the limit of five, and another account may still add her.
    expect((await add((await person()).token, memberBody({ docNumber: doc, name: '王秀英' }))).status).toBe(201)
  })

  it('a member the owner removed may be added again', async () => {
    const owner = await person()
    const doc = freshDoc()
    const m = await added(owner.token, { docNumber: doc })
    await remove(owner.token, m.id)
    expect((await add(owner.token, memberBody({ docNumber: doc }))).status).toBe(201)
  })
})

describe('memberId in the other services', () => {
  it('GET /pass shows the member’s pass, and another account’s member id is 404', async () => {
    const owner = await person()
    const m = await added(owner.token, { name: '王秀英' })
    const res = await call(backend, 'GET', '/pass', { token: owner.token, query: { memberId: m.id } })
    expect(res.status).toBe(200)
    const pass = v.parse(PassSchema, res.body)
    expect(pass.holder).toEqual({ nameMasked: '王**', docNumberMasked: m.docNumberMasked })
    const other = await person()
    expect((await call(backend, 'GET', '/pass', { token: other.token, query: { memberId: m.id } })).status).toBe(404)
    expect((await call(backend, 'GET', '/pass/checks', { token: other.token, query: { memberId: m.id } })).status).toBe(404)
    await remove(owner.token, m.id)
    expect((await call(backend, 'GET', '/pass', { token: owner.token, query: { memberId: m.id } })).status).toBe(404)
  })

  it('declares for a member: createdBy family, the member yellow, the owner checks in, both lists show it', async () => {
    const owner = await person()
    const m = await added(owner.token, { name: '王秀英' })
    const d = await declare(backend, owner.token, { ...declarationBody(backend), memberId: m.id })
    expect(d.status).toBe(201)
    expect(d.body).toMatchObject({ createdBy: 'family', memberId: m.id, subjectMasked: '王**', docNumberMasked: m.docNumberMasked })
    expect(d.body.phoneMasked).toBeUndefined()
    expect((await call(backend, 'GET', '/pass', { token: owner.token })).body.color).toBe('green')
    expect((await call(backend, 'GET', '/pass', { token: owner.token, query: { memberId: m.id } })).body.color).toBe('yellow')

    const c = await checkin(backend, owner.token, d.body.id)
    expect([c.status, c.body.by]).toEqual([201, 'family'])
    const mine = await call(backend, 'GET', '/returnees/declarations/mine', { token: owner.token })
    expect(mine.body.items.map((x: { id: string; memberId?: string }) => [x.id, x.memberId])).toEqual([[d.body.id, m.id]])

    // Once for a member is enough, and the owner's own declaration is still theirs to make.
    const twice = await declare(backend, owner.token, { ...declarationBody(backend), memberId: m.id })
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ALREADY_DECLARED'])
    expect(twice.body.error.message).toContain('王秀英')
    expect((await declare(backend, owner.token, declarationBody(backend))).status).toBe(201)

    // A worker sees it in the community like any other.
    const w = await worker(backend)
    expect((await call(backend, 'GET', `/returnees/declarations/${d.body.id}`, { token: w })).status).toBe(200)

    // Removed: the record stays with the community, the owner can no longer see or check in.
    await remove(owner.token, m.id)
    expect((await call(backend, 'GET', `/returnees/declarations/${d.body.id}`, { token: owner.token })).status).toBe(404)
    const mineAfter = await call(backend, 'GET', '/returnees/declarations/mine', { token: owner.token })
    expect(mineAfter.body.items.map((x: { memberId?: string }) => x.memberId ?? 'own')).toEqual(['own'])
    expect((await call(backend, 'GET', `/returnees/declarations/${d.body.id}`, { token: w })).status).toBe(200)
  })

  it('a member who verifies sees the declaration made for them as their own', async () => {
    const doc = freshDoc()
    const owner = await person()
    const m = await added(owner.token, { docNumber: doc, name: '王秀英' })
    const d = await declare(backend, owner.token, { ...declarationBody(backend), memberId: m.id })
    const mother = await person('王秀英', doc)
    const mine = await call(backend, 'GET', '/returnees/declarations/mine', { token: mother.token })
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([d.body.id])
    expect((await checkin(backend, mother.token, d.body.id)).body.by).toBe('self')
  })

  it('refuses subject and memberId together, and a member id not held', async () => {
    const w = await worker(backend)
    const both = await declare(backend, w, {
      ...declarationBody(backend),
      subject: { name: '王秀英', docType: 'resident_id', docNumber: freshDoc() },
      memberId: 'fm00001',
    })
    expect([both.status, Object.keys(both.body.error.fields)]).toEqual([400, ['memberId']])
    const owner = await person()
    const stranger = await declare(backend, owner.token, { ...declarationBody(backend), memberId: 'fm00001' })
    expect(stranger.status).toBe(404)
  })

  it('reserves masks for a member under the member’s document: one live place each, holder the member', async () => {
    const { round } = await startRound(backend, firstComeRound({ opensAt: new Date(backend.clock.now() - 60_000).toISOString() }))
    const owner = await person()
    const m = await added(owner.token, { name: '王秀英' })
    const body = { roundId: round.id, outletId: 'o310106-03', quantity: 2 }
    const own = await call(backend, 'POST', '/masks/reservations', { token: owner.token, body })
    const forMother = await call(backend, 'POST', '/masks/reservations', { token: owner.token, body: { ...body, memberId: m.id } })
    expect([own.status, forMother.status]).toEqual([201, 201])
    expect(forMother.body).toMatchObject({ memberId: m.id, holder: { name: '王**', docNumberMasked: m.docNumberMasked } })
    expect(own.body.memberId).toBeUndefined()
    const again = await call(backend, 'POST', '/masks/reservations', { token: owner.token, body: { ...body, memberId: m.id } })
    expect([again.status, again.body.error.code]).toEqual([409, 'ALREADY_RESERVED'])
    expect(again.body.error.message).toContain('王秀英')
    const over = await call(backend, 'POST', '/masks/reservations', { token: owner.token, body: { ...body, quantity: 6, memberId: m.id } })
    expect(over.status).toBe(400)

    // The member's own account meets the same place.
    const list = await call(backend, 'GET', '/masks/reservations', { token: owner.token })
    expect(list.body.items.map((r: { memberId?: string }) => r.memberId ?? 'own').sort()).toEqual([m.id, 'own'].sort())

    const other = await person()
    expect((await call(backend, 'POST', '/masks/reservations', { token: other.token, body: { ...body, memberId: m.id } })).status).toBe(404)

    await remove(owner.token, m.id)
    const cancel = await call(backend, 'POST', `/masks/reservations/${forMother.body.id}/cancel`, { token: owner.token })
    expect(cancel.status).toBe(404)
    const after = await call(backend, 'GET', '/masks/reservations', { token: owner.token })
    expect(after.body.items.map((r: { id: string }) => r.id)).toEqual([own.body.id])
    expect((await call(backend, 'POST', '/masks/reservations', { token: owner.token, body: { ...body, memberId: m.id } })).status).toBe(404)
  })

  it('a lookup finds a document added as a member under the name it was added with', async () => {
    const owner = await person()
    const doc = freshDoc()
    await added(owner.token, { docNumber: doc, name: '王秀英' })
    const w = await worker(backend)
    const found = await call(backend, 'POST', '/pass/lookup', {
      token: w,
      body: { name: '王秀英', docType: 'resident_id', docNumber: doc },
    })
    expect([found.status, found.body.holder.nameMasked]).toEqual([200, '王**'])
    const wrong = await call(backend, 'POST', '/pass/lookup', {
      token: w,
      body: { name: '王秀兰', docType: 'resident_id', docNumber: doc },
    })
    expect(wrong.status).toBe(404)
  })

  it('home: a member’s lottery entry is a to-do of its own, and the round still asks the person for theirs', async () => {
    const { round } = await startRound(backend, lotteryRound({ opensAt: new Date(backend.clock.now() - 60_000).toISOString() }))
    const owner = await person()
    const m = await added(owner.token)
    const body = { roundId: round.id, outletId: 'o310106-03', quantity: 1 }
    expect((await call(backend, 'POST', '/masks/reservations', { token: owner.token, body: { ...body, memberId: m.id } })).status).toBe(201)
    const before = (await call(backend, 'GET', '/me/attention', { token: owner.token })).body.items.map((i: { id: string }) => i.id)
    expect(before.filter((id: string) => id.startsWith('masks:entered:'))).toHaveLength(1)
    expect(before.filter((id: string) => id.startsWith('masks:round:'))).toHaveLength(1)
    expect((await call(backend, 'POST', '/masks/reservations', { token: owner.token, body })).status).toBe(201)
    // `call` checks that every id is distinct: two entries of one round are two items.
    const after = (await call(backend, 'GET', '/me/attention', { token: owner.token })).body.items.map((i: { id: string }) => i.id)
    expect(after.filter((id: string) => id.startsWith('masks:entered:'))).toHaveLength(2)
    expect(after.filter((id: string) => id.startsWith('masks:round:'))).toHaveLength(0)
  })

  it('home: a member’s check-in due today is the owner’s to-do, linking to that declaration, until it is done', async () => {
    const owner = await person()
    const m = await added(owner.token, { name: '王秀英' })
    const d = await declare(backend, owner.token, { ...declarationBody(backend), memberId: m.id })
    const todo = async () =>
      (
        (await call(backend, 'GET', '/me/attention', { token: owner.token })).body.items as { id: string; title: string; path: string }[]
      ).find((i) => i.id === `returnees:checkin:${d.body.id}`)
    expect(await todo()).toMatchObject({ title: '为王秀英健康打卡', path: `/returnees/pages/checkin/index?id=${d.body.id}` })
    await checkin(backend, owner.token, d.body.id)
    expect(await todo()).toBeUndefined()
    const again = await declare(backend, owner.token, { ...declarationBody(backend), memberId: (await added(owner.token)).id })
    await remove(owner.token, (await members(owner.token))[1].id)
    expect(
      (await call(backend, 'GET', '/me/attention', { token: owner.token })).body.items.some((i: { id: string }) =>
        i.id.includes(again.body.id),
      ),
    ).toBe(false)
  })
})
