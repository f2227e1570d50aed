import { createBackend, type BackendSnapshot } from '@/mock/backend'
import { MockClock, SEED_EPOCH_MS } from '@/mock/core/clock'
import { asAnyModule } from '@/mock/core/module'
import { masksModule } from '@/mock/masks'
import { call, login } from '../../helpers/backend'
import { masksBackend } from '../../helpers/masks'

const HOUR = 3600 * 1000

/** A world as embedded mode keeps it: through JSON, as storage gives it back. */
function stored(snapshot: BackendSnapshot): BackendSnapshot {
  return JSON.parse(JSON.stringify(snapshot)) as BackendSnapshot
}

const firstPageCursor = async (b: ReturnType<typeof masksBackend>) =>
  (await call(b, 'GET', '/masks/outlets', { query: { limit: '1' } })).body.nextCursor as string

describe('a backend restored from a snapshot', () => {
  it('goes on from the snapshot’s time, with its sessions and its cursor key', async () => {
    const before = masksBackend()
    before.clock.advance(5 * HOUR)
    const { token } = await login(before, 'kept')
    const cursor = await firstPageCursor(before)
    const after = createBackend({ modules: [asAnyModule(masksModule)], restore: stored(before.snapshot()), controls: true })
    expect(after.clock.now()).toBeGreaterThanOrEqual(SEED_EPOCH_MS + 5 * HOUR)
    expect(after.clock.now()).toBeLessThan(SEED_EPOCH_MS + 5 * HOUR + 60 * 1000)
    expect((await call(after, 'GET', '/me', { token })).status).toBe(200)
    expect((await call(after, 'GET', '/masks/outlets', { query: { limit: '1', cursor } })).status).toBe(200)
  })

  it('gets a new cursor key when the snapshot has none: old cursors are refused, sessions are kept', async () => {
    const before = masksBackend()
    const { token } = await login(before, 'kept')
    const cursor = await firstPageCursor(before)
    for (const lost of ['', undefined]) {
      const snapshot = stored(before.snapshot())
      ;(snapshot.db.core as { secret?: string }).secret = lost
      const after = masksBackend({ restore: snapshot })
      expect(after.db.core.secret).toMatch(/^[0-9a-f]{64}$/)
      expect((await call(after, 'GET', '/me', { token })).status).toBe(200)
      const res = await call(after, 'GET', '/masks/outlets', { query: { limit: '1', cursor } })
      expect(res.status).toBe(400)
      expect(res.body.error.fields.cursor).toBe('分页参数无效，请从第一页重新加载')
    }
  })
})

describe('a backend’s world', () => {
  it('starts with no faults, and a reset clears them, winds the clock back and takes the new seed', async () => {
    const b = masksBackend({ clock: new MockClock(SEED_EPOCH_MS + HOUR, { frozen: true }) })
    expect(b.faults).toEqual({ latencyMs: 0, failRate: 0, dropRate: 0 })
    await call(b, 'POST', '/__mock/faults', { body: { latencyMs: 300, failRate: 0.5, dropRate: 0.25 } })
    expect(b.faults).toEqual({ latencyMs: 300, failRate: 0.5, dropRate: 0.25 })
    expect((await call(b, 'POST', '/__mock/reset', { body: { seed: 7 } })).status).toBe(200)
    expect(b.faults).toEqual({ latencyMs: 0, failRate: 0, dropRate: 0 })
    expect(b.clock.now()).toBe(SEED_EPOCH_MS)
    expect(b.seed).toBe(7)
  })

  it('asks only the services that have a home-page hook, and lists nothing for the others', async () => {
    const b = createBackend({
      modules: [{ name: 'quiet', createBase: () => null, createState: () => ({}), routes: [] }],
      clock: new MockClock(SEED_EPOCH_MS, { frozen: true }),
      secret: 'assembly',
    })
    const { token } = await login(b, 'someone')
    const res = await call(b, 'GET', '/me/attention', { token })
    expect(res.status).toBe(200)
    // Only the core's own item (verification) remains, from no service at all.
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(['identity:verify'])
  })

  it("lists what needs the person most urgent first, keeping each service's order within a tone", async () => {
    const item = (id: string, tone: 'info' | 'warning' | 'danger' | 'success') => ({
      id,
      service: 'jobs' as const,
      title: id,
      detail: id,
      path: '/jobs/pages/list/index',
      tone,
    })
    const b = createBackend({
      modules: [
        {
          name: 'busy',
          createBase: () => null,
          createState: () => ({}),
          routes: [],
          attention: () => [item('a', 'info'), item('b', 'success'), item('c', 'danger'), item('d', 'warning'), item('e', 'info')],
        },
      ],
      clock: new MockClock(SEED_EPOCH_MS, { frozen: true }),
      secret: 'assembly',
    })
    const { token } = await login(b, 'someone')
    const res = await call(b, 'GET', '/me/attention', { token })
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(['c', 'identity:verify', 'd', 'a', 'e', 'b'])
  })

  it('asks for a login first, in words, when a route that needs a token gets none', async () => {
    const res = await call(masksBackend(), 'GET', '/me')
    expect(res.status).toBe(401)
    expect(res.body.error).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' })
  })
})
