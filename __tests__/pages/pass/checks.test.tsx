import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { api, TransportFailure } from '@/core/api'
import type { Backend } from '@/mock/backend'
import { regionByCode } from '@/mock/core/regions'
import ChecksPage from '@/pass/pages/checks/index'
import { call, login as backendLogin, testBackend } from '../../helpers/backend'
import { tap } from '../../helpers/drive'
import { asVerified, freshApp, inProcessTransport, renderPage } from '../../helpers/pages'
import { COMMUNITY, freshDoc } from '../../helpers/returnees'

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

function openChecks(params?: Record<string, string>) {
  return renderPage(<ChecksPage />, { path: CHECKS_PATH, params })
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

describe('who checked a family member’s pass', () => {
  /** A parent added to `owner`'s family through the backend, with the document they were added with. */
  async function addParent(backend: Backend, owner: { token: string }, name = '王秀英') {
    const docNumber = freshDoc()
    const added = await call(backend, 'POST', '/family/members', {
      token: owner.token,
      body: { name, docType: 'resident_id', docNumber, relation: 'parent' },
    })
    expect(added.status).toBe(201)
    return { id: added.body.id as string, name, docNumber }
  }

  it('lists the member’s checks, and only theirs, under a title that says whose', async () => {
    const title = jest.spyOn(Taro, 'setNavigationBarTitle')
    const backend = testBackend()
    const owner = await signedIn(backend, '欧阳娜娜')
    const parent = await addParent(backend, owner)
    const w = await checker(backend, `worker:${COMMUNITY}`)
    const staff = await checker(backend, `staff:${STAFF_OUTLET}`)
    // A worker scans the pass the owner shows for the parent; later staff look up the parent's
    // document; the owner's own pass is scanned too, which is not the parent's.
    const theirs = await call(backend, 'GET', '/pass', { token: owner.token, query: { memberId: parent.id } })
    expect((await call(backend, 'POST', '/pass/verify', { token: w.token, body: { token: theirs.body.token } })).status).toBe(200)
    backend.clock.set(backend.clock.now() + 5 * 60_000)
    const found = await call(backend, 'POST', '/pass/lookup', {
      token: staff.token,
      body: { name: parent.name, docType: 'resident_id', docNumber: parent.docNumber },
    })
    expect(found.status).toBe(200)
    backend.clock.set(backend.clock.now() + 5 * 60_000)
    await scan(backend, w.token, owner)

    const memberPage = openChecks({ memberId: parent.id })
    expect(await screen.findByText('共 2 次核验')).toBeTruthy()
    const rows = Array.from(document.querySelectorAll('.pass-checks__row')).map((row) => row.textContent)
    expect(rows).toEqual([
      '童涵春堂（南京西路店）口罩网点工作人员核验2月10日 10:05',
      `${regionByCode(COMMUNITY)!.name}社区工作人员核验2月10日 10:00`,
    ])
    expect(await screen.findByText('谁看过王秀英的通行码')).toBeTruthy()
    await waitFor(() => expect(title).toHaveBeenCalledWith({ title: '谁看过王秀英的通行码' }))
    for (const name of [w.name, staff.name]) expect(document.body.textContent).not.toContain(name)
    expect(document.body.textContent).not.toContain(parent.docNumber)

    // The owner's own list has only the owner's check, under the page's own title.
    memberPage.unmount()
    openChecks()
    expect(await screen.findByText('共 1 次核验')).toBeTruthy()
    expect(document.querySelector('.pass-checks__row')?.textContent).toBe(`${regionByCode(COMMUNITY)!.name}社区工作人员核验2月10日 10:10`)
    expect(screen.queryByText(/^谁看过/)).toBeNull()
  })

  it('says nobody has checked the member yet', async () => {
    const backend = testBackend()
    const owner = await signedIn(backend)
    const parent = await addParent(backend, owner)
    await scan(backend, (await checker(backend, `worker:${COMMUNITY}`)).token, owner)
    openChecks({ memberId: parent.id })
    expect(await screen.findByText('还没有人核验过王秀英的通行码')).toBeTruthy()
    expect(screen.getByText('谁看过王秀英的通行码')).toBeTruthy()
    expect(screen.queryByText(/次核验$/)).toBeNull()
  })

  it('says plainly when the member has been removed', async () => {
    const backend = testBackend()
    const owner = await signedIn(backend)
    const parent = await addParent(backend, owner)
    expect((await call(backend, 'DELETE', `/family/members/${parent.id}`, { token: owner.token })).status).toBe(204)
    openChecks({ memberId: parent.id })
    expect(await screen.findByText('这位家人已被移除')).toBeTruthy()
    expect(screen.getByText('不能再查看其通行码的核验记录。')).toBeTruthy()
    expect(screen.queryByText('没有加载出来')).toBeNull()
    expect(screen.queryByText('重新加载')).toBeNull()
  })
})
