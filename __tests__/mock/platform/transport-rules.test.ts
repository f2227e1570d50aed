import { createBackend } from '@/mock/backend'
import { MockClock, SEED_EPOCH_MS } from '@/mock/core/clock'
import { asAnyModule } from '@/mock/core/module'
import { call, login, testBackend, verifiedCitizen } from '../../helpers/backend'
import { probeModule } from '../../helpers/probe-module'

function backendWithProbe() {
  return createBackend({ controls: true, modules: [asAnyModule(probeModule)], clock: new MockClock(SEED_EPOCH_MS, { frozen: true }) })
}
const KEY = '6f1c0b9e-3a7d-4c1e-9f2a-0d5b8e7c6a41'

describe('Idempotency-Key (API.md, Transport)', () => {
  it('returns the first answer again for the same key and body, with the same id', async () => {
    const backend = backendWithProbe()
    const { token } = await login(backend, 'a')
    const first = await call(backend, 'POST', '/probe/notes', { token, body: { text: 'hi' }, headers: { 'Idempotency-Key': KEY } })
    const again = await call(backend, 'POST', '/probe/notes', { token, raw: '{ "text" : "hi" }', headers: { 'Idempotency-Key': KEY } })
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(again.body.id).toBe(first.body.id)
    expect((await call(backend, 'GET', '/probe/notes', { query: { limit: '1' } })).body.total).toBe(46)
  })

  it('answers 409 IDEMPOTENCY_CONFLICT for the same key with another body', async () => {
    const backend = backendWithProbe()
    const { token } = await login(backend, 'a')
    await call(backend, 'POST', '/probe/notes', { token, body: { text: 'hi' }, headers: { 'Idempotency-Key': KEY } })
    const res = await call(backend, 'POST', '/probe/notes', { token, body: { text: 'other' }, headers: { 'Idempotency-Key': KEY } })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('IDEMPOTENCY_CONFLICT')
  })

  it('refuses a key that is not a UUID', async () => {
    const backend = backendWithProbe()
    const { token } = await login(backend, 'a')
    const res = await call(backend, 'POST', '/probe/notes', { token, body: { text: 'hi' }, headers: { 'Idempotency-Key': 'abc' } })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION_FAILED')
    expect(res.body.error.fields['Idempotency-Key']).toBeDefined()
  })

  it('scopes keys to the account and compares them exactly as sent', async () => {
    const backend = backendWithProbe()
    const a = await login(backend, 'a')
    const b = await login(backend, 'b')
    const first = await call(backend, 'POST', '/probe/notes', { token: a.token, body: { text: 'hi' }, headers: { 'Idempotency-Key': KEY } })
    const other = await call(backend, 'POST', '/probe/notes', { token: b.token, body: { text: 'hi' }, headers: { 'Idempotency-Key': KEY } })
    const upper = await call(backend, 'POST', '/probe/notes', {
      token: a.token,
      body: { text: 'hi' },
      headers: { 'Idempotency-Key': KEY.toUpperCase() },
    })
    expect(new Set([first.body.id, other.body.id, upper.body.id]).size).toBe(3)
  })

  it('scopes keys to the path: the same key and body on two create paths create on both', async () => {
    const backend = testBackend()
    const { token } = await verifiedCitizen(backend, 'two-paths')
    const [jobA, jobB] = ((await call(backend, 'GET', '/jobs', { query: { limit: '2' } })).body.items as { id: string }[]).map((j) => j.id)
    const headers = { 'Idempotency-Key': KEY }
    const a = await call(backend, 'POST', `/jobs/${jobA}/applications`, { token, body: {}, headers })
    const b = await call(backend, 'POST', `/jobs/${jobB}/applications`, { token, body: {}, headers })
    expect([a.status, a.body.jobId]).toEqual([201, jobA])
    expect([b.status, b.body.jobId]).toEqual([201, jobB])
    expect(b.body.id).not.toBe(a.body.id)
    // And on another service's create, with another body: neither a kept answer nor a 409.
    const saved = await call(backend, 'POST', '/jobs/subscriptions', { token, body: { q: '司机' }, headers })
    expect([saved.status, saved.body.q]).toEqual([201, '司机'])
    expect((await call(backend, 'GET', '/jobs/applications', { token })).body.total).toBe(2)
    expect((await call(backend, 'GET', '/jobs/subscriptions', { token })).body.total).toBe(1)
  })

  it('keeps answers below 500 (not 429) for 24 h, then forgets them', async () => {
    const backend = backendWithProbe()
    const { token } = await login(backend, 'a')
    const bad = await call(backend, 'POST', '/probe/notes', { token, body: { text: '' }, headers: { 'Idempotency-Key': KEY } })
    expect(bad.status).toBe(400)
    // Same key and body: the kept 400 comes back, nothing is created.
    expect((await call(backend, 'POST', '/probe/notes', { token, body: { text: '' }, headers: { 'Idempotency-Key': KEY } })).status).toBe(
      400,
    )

    const key2 = KEY.replace('6f1c', '7a2d')
    const first = await call(backend, 'POST', '/probe/notes', { token, body: { text: 'x' }, headers: { 'Idempotency-Key': key2 } })
    expect(first.status).toBe(201)
    // Tokens also live 24 h: each retry logs in again (the same code is the same account), so a
    // 401 can never stand in for a forgotten key.
    const retry = async () =>
      await call(backend, 'POST', '/probe/notes', {
        token: (await login(backend, 'a')).token,
        body: { text: 'x' },
        headers: { 'Idempotency-Key': key2 },
      })
    backend.clock.set(SEED_EPOCH_MS + (23 * 60 + 59) * 60 * 1000) // 23 h 59 min: still kept
    const kept = await retry()
    expect([kept.status, kept.body.id]).toEqual([201, first.body.id])
    backend.clock.set(SEED_EPOCH_MS + 24 * 3600 * 1000) // 24 h: forgotten, so the retry creates
    const forgotten = await retry()
    expect(forgotten.status).toBe(201)
    expect(forgotten.body.id).toEqual(expect.any(String))
    expect(forgotten.body.id).not.toBe(first.body.id)
    expect((await call(backend, 'GET', '/probe/notes', { query: { limit: '1' } })).body.total).toBe(47)
  })

  it('does not keep a 500 or a 429, so a retry can succeed', async () => {
    for (const status of [500, 429]) {
      const backend = backendWithProbe()
      const { token } = await login(backend, 'a')
      await call(backend, 'POST', '/probe/fail-next', { body: { status } })
      expect(
        (await call(backend, 'POST', '/probe/notes', { token, body: { text: 'x' }, headers: { 'Idempotency-Key': KEY } })).status,
      ).toBe(status)
      expect(
        (await call(backend, 'POST', '/probe/notes', { token, body: { text: 'x' }, headers: { 'Idempotency-Key': KEY } })).status,
      ).toBe(201)
    }
  })
})

describe('lists (API.md, Transport)', () => {
  it('pages with a default limit of 20 and a null cursor at the end', async () => {
    const backend = backendWithProbe()
    const p1 = (await call(backend, 'GET', '/probe/notes')).body
    expect(p1.items).toHaveLength(20)
    expect(p1.total).toBe(45)
    const p2 = (await call(backend, 'GET', '/probe/notes', { query: { cursor: p1.nextCursor } })).body
    const p3 = (await call(backend, 'GET', '/probe/notes', { query: { cursor: p2.nextCursor } })).body
    expect(p3.items).toHaveLength(5)
    expect(p3.nextCursor).toBeNull()
    const ids = [...p1.items, ...p2.items, ...p3.items].map((n: { id: string }) => n.id)
    expect(new Set(ids).size).toBe(45)
  })

  it('refuses a limit outside 1..50 with fields.limit', async () => {
    const backend = backendWithProbe()
    for (const limit of ['0', '51', 'ten', '-1', '2.5']) {
      const res = await call(backend, 'GET', '/probe/notes', { query: { limit } })
      expect(res.status).toBe(400)
      expect(res.body.error.fields.limit).toBeDefined()
    }
    expect((await call(backend, 'GET', '/probe/notes', { query: { limit: '50' } })).body.items).toHaveLength(45)
  })

  it('accepts another limit with the same cursor, but refuses a cursor from other filters or made up', async () => {
    const backend = backendWithProbe()
    const odd = (await call(backend, 'GET', '/probe/notes', { query: { parity: 'odd', limit: '5' } })).body
    expect((await call(backend, 'GET', '/probe/notes', { query: { parity: 'odd', limit: '7', cursor: odd.nextCursor } })).status).toBe(200)
    const even = await call(backend, 'GET', '/probe/notes', { query: { parity: 'even', cursor: odd.nextCursor } })
    expect(even.status).toBe(400)
    expect(even.body.error.fields.cursor).toBeDefined()
    const unfiltered = await call(backend, 'GET', '/probe/notes', { query: { cursor: odd.nextCursor } })
    expect(unfiltered.status).toBe(400)
    for (const cursor of ['abc', `${odd.nextCursor}x`, odd.nextCursor.replace(/^./, 'A'), 'x'.repeat(513)]) {
      const res = await call(backend, 'GET', '/probe/notes', { query: { parity: 'odd', cursor } })
      expect([res.status, Object.keys(res.body.error?.fields ?? {})]).toEqual([400, ['cursor']])
    }
    // An empty cursor (`?cursor=&limit=`, a form's blank field) is no cursor: the first page.
    const blank = await call(backend, 'GET', '/probe/notes', { query: { parity: 'odd', limit: '5', cursor: '' } })
    expect(blank.status).toBe(200)
    expect(blank.body).toEqual(odd)
  })

  it('keeps paging stable while items are added', async () => {
    const backend = backendWithProbe()
    const { token } = await login(backend, 'a')
    const p1 = (await call(backend, 'GET', '/probe/notes', { query: { limit: '10' } })).body
    for (let i = 0; i < 5; i += 1) await call(backend, 'POST', '/probe/notes', { token, body: { text: `new ${i}` } })
    const seen = p1.items.map((n: { id: string }) => n.id)
    let cursor = p1.nextCursor
    while (cursor) {
      const page = (await call(backend, 'GET', '/probe/notes', { query: { limit: '10', cursor } })).body
      seen.push(...page.items.map((n: { id: string }) => n.id))
      cursor = page.nextCursor
    }
    // The 45 that existed when paging began, each exactly once; the new ones sort before the cursor.
    expect(seen).toHaveLength(45)
    expect(new Set(seen).size).toBe(45)
  })
})

describe('bodies', () => {
  it('answers a body that is not JSON, too large, or the wrong shape with a 400, never a 500', async () => {
    const backend = backendWithProbe()
    const { token } = await login(backend, 'a')
    const cases: [string, RegExp][] = [
      ['{"text":', /JSON/],
      ['[1,2]', /对象/],
      ['"text"', /对象/],
      ['null', /对象/],
      [JSON.stringify({ text: 'x'.repeat(70 * 1024) }), /64 KiB/],
      [JSON.stringify({ text: 42 }), /./],
      [JSON.stringify({ text: '中'.repeat(22 * 1024) }), /64 KiB/],
    ]
    for (const [raw, message] of cases) {
      const res = await call(backend, 'POST', '/probe/notes', { token, raw })
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('VALIDATION_FAILED')
      expect(Object.values(res.body.error.fields).join(' ')).toMatch(message)
    }
    expect((await call(backend, 'GET', '/probe/notes')).body.total).toBe(45)
  })

  it('answers an unknown path with 404 and a wrong method with 405', async () => {
    const backend = backendWithProbe()
    expect((await call(backend, 'GET', '/nowhere')).status).toBe(404)
    expect((await call(backend, 'GET', '/nowhere')).body.error.code).toBe('NOT_FOUND')
    expect((await call(backend, 'DELETE', '/probe/notes')).status).toBe(405)
  })
})

describe('mock controls', () => {
  it('reset wipes accounts, sessions and records and sets the clock back', async () => {
    const backend = backendWithProbe()
    const { token, user } = await login(backend, 'a')
    await call(backend, 'POST', '/probe/notes', { token, body: { text: 'x' } })
    backend.clock.advance(5 * 3600 * 1000)
    const res = await call(backend, 'POST', '/__mock/reset', { body: {} })
    expect(res.body).toEqual({ seed: 1, now: '2020-02-10T10:00:00+08:00' })
    expect((await call(backend, 'GET', '/me', { token })).status).toBe(401)
    expect((await call(backend, 'GET', '/probe/notes')).body.total).toBe(45)
    expect((await login(backend, 'other')).user.id).toBe(user.id) // ids start over from the seed
  })

  it('gives the same data for the same seed and other data for another', async () => {
    const identityOf = async (seed: number) => {
      const backend = backendWithProbe()
      await call(backend, 'POST', '/__mock/reset', { body: { seed } })
      return (await login(backend, 'worker:310101002001')).user.identity
    }
    expect(await identityOf(7)).toEqual(await identityOf(7))
    expect(await identityOf(7)).not.toEqual(await identityOf(8))
  })

  it('moves the clock, and refuses a time without an offset', async () => {
    const backend = backendWithProbe()
    expect((await call(backend, 'POST', '/__mock/clock', { body: { now: '2020-03-01T08:00:00+08:00' } })).body.now).toBe(
      '2020-03-01T08:00:00+08:00',
    )
    expect(backend.clock.today()).toBe('2020-03-01')
    expect((await call(backend, 'POST', '/__mock/clock', { body: { now: '2020-03-01 08:00' } })).status).toBe(400)
  })

  it('validates fault settings', async () => {
    const backend = backendWithProbe()
    expect((await call(backend, 'POST', '/__mock/faults', { body: { failRate: 2 } })).status).toBe(400)
    expect((await call(backend, 'POST', '/__mock/faults', { body: { latencyMs: 10, failRate: 0.5 } })).body).toEqual({
      latencyMs: 10,
      failRate: 0.5,
      dropRate: 0,
    })
  })

  it('are absent when the backend is built without controls', async () => {
    const backend = createBackend({ controls: false })
    expect((await call(backend, 'POST', '/__mock/reset', { body: {} })).status).toBe(404)
  })
})
