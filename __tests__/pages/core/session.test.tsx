import { api } from '@/core/api'
import { UserSchema } from '@/core/contract'
import { getSessionState, getToken, loadSession, login, logout, resetSessionForTests } from '@/core/session/session'
import { readJson, writeJson } from '@/core/storage/storage'
import { SEED_EPOCH_MS } from '@/mock/core/clock'
import { waitFor } from '@testing-library/react'
import { type testBackend, verifiedCitizen } from '../../helpers/backend'
import { freshApp, inProcessTransport } from '../../helpers/pages'

function watch(backend: ReturnType<typeof testBackend>) {
  const paths: string[] = []
  api.setTransport(inProcessTransport(backend, (req) => paths.push(`${req.method} ${req.url.replace(/^.*\/api\/v1/, '')}`)))
  return paths
}

describe('session', () => {
  it('reads the stored token once at launch and keeps it in memory', async () => {
    const backend = freshApp()
    await login()
    const token = await getToken()
    resetSessionForTests() // a relaunch: memory gone, storage kept
    const paths = watch(backend)
    loadSession()
    expect(getSessionState().status).toBe('signed-in')
    await api.call({ path: '/me', schema: UserSchema })
    await api.call({ path: '/me', schema: UserSchema })
    expect(paths).toEqual(['GET /me', 'GET /me'])
    expect(await getToken()).toBe(token)
  })

  it('logs in silently when the stored token has expired, as the same person', async () => {
    const backend = freshApp()
    const first = await login()
    const stored = readJson<{ token: string; expiresAtLocal: number }>('p:session')!
    expect(stored.token).toBeTruthy()
    writeJson('p:session', { ...stored, expiresAtLocal: Date.now() - 1 })
    resetSessionForTests()
    const paths = watch(backend)
    const me = await api.call({ path: '/me', schema: UserSchema })
    expect(me.id).toBe(first.id)
    expect(paths).toEqual(['POST /auth/login', 'GET /me'])
  })

  it('trusts the server’s lifetime, not the phone’s clock (the mock lives in 2020)', async () => {
    freshApp()
    await login()
    expect(readJson<{ expiresAtLocal: number }>('p:session')!.expiresAtLocal).toBeGreaterThan(Date.now() + 23 * 3600 * 1000)
  })

  it('on a 401 logs in again once and retries, so the page never sees it', async () => {
    const backend = freshApp()
    const first = await login()
    backend.clock.set(SEED_EPOCH_MS + 25 * 3600 * 1000) // the server's token has died
    const paths = watch(backend)
    const me = await api.call({ path: '/me', schema: UserSchema })
    expect(me.id).toBe(first.id)
    expect(paths).toEqual(['GET /me', 'POST /auth/login', 'GET /me'])
  })

  it('log-out kills the token on the server and wipes every local trace of the person', async () => {
    const backend = freshApp()
    await login()
    const token = await getToken()
    writeJson('p:draft:verify', { name: '张三' })
    writeJson('pref:large-text', 'on')
    await logout()
    expect(Object.keys(localStorage).filter((k) => k.startsWith('p:'))).toEqual([])
    expect(localStorage.getItem('pref:large-text')).not.toBeNull()
    expect(getSessionState()).toEqual({ status: 'signed-out', user: null })
    expect(
      (await backend.handle({ method: 'GET', path: '/api/v1/me', query: {}, headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401)
    // No silent log-in after the person chose to leave.
    expect(await getToken()).toBeNull()
    await expect(api.call({ path: '/me' })).rejects.toMatchObject({ status: 401 })
  })
})

describe('session races', () => {
  /** A transport over `backend` that holds every log-in whose code `slow` picks until released. */
  function slowLogins(backend: ReturnType<typeof testBackend>, slow: (code: string) => boolean) {
    const answer = inProcessTransport(backend)
    const held: (() => void)[] = []
    const sent: string[] = []
    api.setTransport(async (req) => {
      sent.push(`${req.method} ${req.url.replace(/^.*\/api\/v1/, '')}`)
      if (req.url.endsWith('/auth/login') && slow((JSON.parse(req.body ?? '{}') as { code: string }).code)) {
        await new Promise<void>((resolve) => held.push(resolve))
      }
      return answer(req)
    })
    return { sent, release: () => held.splice(0).forEach((r) => r()) }
  }

  it('a silent log-in that answers after the person logged in with their own account does not replace it', async () => {
    const backend = freshApp()
    await verifiedCitizen(backend, 'chosen', { name: '李四' })
    const net = slowLogins(backend, (code) => code.startsWith('device:'))
    const silent = getToken() // a page's load asks for a token: a silent log-in with this device's code starts
    const chosen = await login('chosen') // meanwhile the person logs in with their account
    net.release()
    const token = await silent
    expect(getSessionState()).toMatchObject({ status: 'signed-in', user: { id: chosen.id, verified: true } })
    expect(await getToken()).toBe(token)
    const me = await api.call({ path: '/me', schema: UserSchema })
    expect(me.id).toBe(chosen.id)
  })

  it('a 401 for a token already replaced retries with the new one, with no second log-in', async () => {
    const backend = freshApp()
    await login()
    const old = (await getToken())!
    const answer = inProcessTransport(backend)
    const sent: string[] = []
    let hold: Promise<void> | null = null
    let release = () => {}
    api.setTransport(async (req) => {
      sent.push(
        `${req.method} ${req.url.replace(/^.*\/api\/v1/, '')} ${req.headers.Authorization ? (req.headers.Authorization === `Bearer ${old}` ? 'old' : 'new') : 'none'}`,
      )
      if (!hold) {
        hold = new Promise<void>((resolve) => (release = resolve))
        await hold
      }
      return answer(req)
    })
    const call = api.call({ path: '/me', schema: UserSchema }) // sent with the old token, slow to arrive
    await waitFor(() => expect(sent).toHaveLength(1))
    const renewed = await login() // meanwhile another call renewed the session
    await backend.handle({ method: 'POST', path: '/api/v1/auth/logout', query: {}, headers: { authorization: `Bearer ${old}` } })
    release()
    expect((await call).id).toBe(renewed.id)
    expect(sent).toEqual(['GET /me old', 'POST /auth/login none', 'GET /me new'])
  })
})
