import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { api, TransportFailure } from '@/core/api'
import type { Backend } from '@/mock/backend'
import { regionByCode } from '@/mock/core/regions'
import ChecksPage from '@/pass/pages/checks/index'
import { call, login as backendLogin, testBackend } from '../../helpers/backend'
import { tap } from '../../helpers/drive'
import { asVerified, freshApp, inProcessTransport, renderPage } from '../../helpers/pages'
import { COMMUNITY } from '../../helpers/returnees'

const CHECKS_PATH = '/pass/pages/checks/index'
const STAFF_OUTLET = 'o310106-03'

afterEach(() => jest.restoreAllMocks())

let people = 0
/** A verified person signed in on this device over `backend`. */
async function signedIn(backend: Backend, name = '欧阳娜娜') {
  people += 1
  freshApp(backend)
  return asVerified(backend, `pass-checks-${people}`, name)
}

/** A checker signed in on `backend` only (never this device): their token and their own name. */
async function checker(backend: Backend, code: string): Promise<{ token: string; name: string }> {
  const { token, user } = await backendLogin(backend, code)
  const name = user.identity?.name
  expect(name).toBeTruthy()
  return { token, name: name! }
}

/** `checker` scans the person's current pass. */
async function scan(backend: Backend, checkerToken: string, person: { token: string }): Promise<void> {
  const pass = await call(backend, 'GET', '/pass', { token: person.token })
  expect((await call(backend, 'POST', '/pass/verify', { token: checkerToken, body: { token: pass.body.token } })).status).toBe(200)
}

function openChecks() {
  return renderPage(<ChecksPage />, { path: CHECKS_PATH })
}

describe('who checked my pass', () => {
  it('says nobody has yet', async () => {
    await signedIn(testBackend())
    openChecks()
    expect(await screen.findByText('还没有人核验过你的通行码')).toBeTruthy()
    expect(screen.queryByText(/次核验$/)).toBeNull()
  })

  it('lists a worker’s scan by role and community, never by the worker’s name', async () => {
    const backend = testBackend()
    const person = await signedIn(backend)
    const w = await checker(backend, `worker:${COMMUNITY}`)
    await scan(backend, w.token, person)
    openChecks()
    const community = regionByCode(COMMUNITY)!.name
    expect(await screen.findByText(community)).toBeTruthy()
    expect(screen.getByText('社区工作人员核验')).toBeTruthy()
    expect(screen.getByText('共 1 次核验')).toBeTruthy()
    expect(screen.getByText('2月10日 10:00')).toBeTruthy()
    expect(screen.queryByText('还没有人核验过你的通行码')).toBeNull()
    expect(document.body.textContent).not.toContain(w.name)
  })

  it('lists staff lookups too, newest first', async () => {
    const backend = testBackend()
    const person = await signedIn(backend, '欧阳娜娜')
    const w = await checker(backend, `worker:${COMMUNITY}`)
    const staff = await checker(backend, `staff:${STAFF_OUTLET}`)
    await scan(backend, w.token, person)
    backend.clock.set(backend.clock.now() + 5 * 60_000)
    const found = await call(backend, 'POST', '/pass/lookup', {
      token: staff.token,
      body: { name: '欧阳娜娜', docType: 'resident_id', docNumber: person.docNumber },
    })
    expect(found.status).toBe(200)
    openChecks()
    expect(await screen.findByText('共 2 次核验')).toBeTruthy()
    const rows = Array.from(document.querySelectorAll('.pass-checks__row')).map((row) => row.textContent)
    expect(rows).toEqual([
      '童涵春堂（南京西路店）口罩网点工作人员核验2月10日 10:05',
      `${regionByCode(COMMUNITY)!.name}社区工作人员核验2月10日 10:00`,
    ])
    for (const name of [w.name, staff.name]) expect(document.body.textContent).not.toContain(name)
  })

  it('loads more than a page at a tap', async () => {
    const backend = testBackend()
    const person = await signedIn(backend)
    const w = await checker(backend, `worker:${COMMUNITY}`)
    for (let i = 0; i < 21; i += 1) {
      await scan(backend, w.token, person)
      backend.clock.set(backend.clock.now() + 60_000)
    }
    openChecks()
    expect(await screen.findByText('共 21 次核验')).toBeTruthy()
    expect(document.querySelectorAll('.pass-checks__row')).toHaveLength(20)
    await tap('加载更多')
    await waitFor(() => expect(document.querySelectorAll('.pass-checks__row')).toHaveLength(21))
    expect(screen.queryByText('加载更多')).toBeNull()
    expect(document.querySelectorAll('.pass-checks__row')[20].textContent).toContain('2月10日 10:00')
  })

  it('says when the list did not load, and loads it at a tap', async () => {
    const backend = testBackend()
    const person = await signedIn(backend)
    await scan(backend, (await checker(backend, `worker:${COMMUNITY}`)).token, person)
    api.setTransport(async () => {
      throw new TransportFailure('request:fail', false)
    })
    openChecks()
    expect(await screen.findByText('没有加载出来')).toBeTruthy()
    expect(screen.queryByText('还没有人核验过你的通行码')).toBeNull()
    api.setTransport(inProcessTransport(backend))
    await tap('重新加载')
    expect(await screen.findByText('社区工作人员核验')).toBeTruthy()
  })

  it('sends an unverified person to verification first', async () => {
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    freshApp(testBackend())
    openChecks()
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: `/pages/verify/index?redirect=${encodeURIComponent(CHECKS_PATH)}` }))
    expect(screen.queryByText('还没有人核验过你的通行码')).toBeNull()
  })
})
