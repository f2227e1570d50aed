import { SEED_EPOCH_MS } from '@/mock/core/clock'
import { call, testBackend, uuid } from '../../helpers/backend'
import { declaredCitizen, worker } from '../../helpers/returnees'

const backend = testBackend()
beforeEach(() => backend.clock.set(SEED_EPOCH_MS))

const escalate = async (token: string, id: string, note: string, key: string) =>
  await call(backend, 'POST', `/returnees/declarations/${id}/escalate`, { token, body: { note }, headers: { 'Idempotency-Key': key } })

const notesOf = async (token: string, id: string) =>
  ((await call(backend, 'GET', `/returnees/declarations/${id}`, { token })).body.notes as { text: string }[]).map((n) => n.text)

describe('POST /returnees/declarations/:id/escalate honours Idempotency-Key', () => {
  it('answers a retry with the same key and note with the first answer, and stores the note once', async () => {
    const p = await declaredCitizen(backend, { arrivalAgo: 4 })
    const w = await worker(backend)
    const first = await escalate(w, p.id, '家属反映咳嗽，已联系社区医生', uuid(1))
    expect(first.status).toBe(200)
    // The retry comes a minute later: the answer is still the first one, with the first note's time.
    backend.clock.set(SEED_EPOCH_MS + 60_000)
    const again = await escalate(w, p.id, '家属反映咳嗽，已联系社区医生', uuid(1))
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    expect(await notesOf(w, p.id)).toEqual(['家属反映咳嗽，已联系社区医生'])
  })

  it('stores the same note again under another key: the key, not the text, makes a retry', async () => {
    const p = await declaredCitizen(backend, { arrivalAgo: 4 })
    const w = await worker(backend)
    expect((await escalate(w, p.id, '复查', uuid(2))).status).toBe(200)
    expect((await escalate(w, p.id, '复查', uuid(3))).status).toBe(200)
    expect(await notesOf(w, p.id)).toEqual(['复查', '复查'])
  })

  it('answers the same key with another note 409 IDEMPOTENCY_CONFLICT and stores nothing more', async () => {
    const p = await declaredCitizen(backend, { arrivalAgo: 4 })
    const w = await worker(backend)
    expect((await escalate(w, p.id, '上门测温 37.6 ℃', uuid(4))).status).toBe(200)
    expect((await escalate(w, p.id, '上门测温 37.8 ℃', uuid(4))).body.error.code).toBe('IDEMPOTENCY_CONFLICT')
    expect(await notesOf(w, p.id)).toEqual(['上门测温 37.6 ℃'])
  })
})
