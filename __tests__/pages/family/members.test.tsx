/**
 * 家人: the owner's members (full name, relation, the document masked), removing one after saying
 * what it ends and what it keeps, the limit of 5, and, for someone who verified their own
 * account, the accounts that hold them, which they may leave.
 */
import { act, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import FamilyMembersPage from '@/family/pages/members/index'
import { login } from '@/core/session/session'
import type { Backend } from '@/mock/backend'
import { call, testBackend, verifiedCitizen } from '../../helpers/backend'
import { tap } from '../../helpers/drive'
import { asVerified, freshApp, renderPage } from '../../helpers/pages'
import { freshDoc } from '../../helpers/returnees'
import { faultyNet, writesTo } from '../faults'

const MEMBERS_PATH = '/family/pages/members/index'

// The page shown again (back from 添加家人), on demand: Taro's didShow has no test hook.
const mockReshows: (() => void)[] = []
jest.mock('@/core/hooks/useReshow', () => ({
  useReshow: (fn: () => void) => {
    mockReshows.push(fn)
  },
}))
async function showAgain() {
  const latest = mockReshows.slice()
  mockReshows.length = 0
  await act(async () => {
    for (const fn of new Set(latest)) fn()
  })
}

let modal: jest.SpyInstance
beforeEach(() => {
  mockReshows.length = 0
  modal = jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'ok', content: '' }))
})
afterEach(() => jest.restoreAllMocks())

const masked = (doc: string) => `${doc.slice(0, 3)}***********${doc.slice(-4)}`

let people = 0
/** A verified owner signed in on this device. */
async function owner(backend: Backend, name = '李建国') {
  people += 1
  const code = `family-members-${people}`
  freshApp(backend)
  return { ...(await asVerified(backend, code, name)), code }
}

const addDirect = (
  backend: Backend,
  token: string,
  body: { name?: string; docNumber?: string; relation?: string; docType?: string } = {},
) =>
  call(backend, 'POST', '/family/members', {
    token,
    body: { name: '王秀英', docType: 'resident_id', docNumber: freshDoc(), relation: 'parent', ...body },
  })

const membersOf = async (backend: Backend, token: string) =>
  (await call(backend, 'GET', '/family/members', { token })).body.items as { id: string; name: string }[]

async function openMembers() {
  renderPage(<FamilyMembersPage />, { path: MEMBERS_PATH })
  await waitFor(() => expect(screen.queryByText('正在加载…')).toBeNull())
  await waitFor(() => expect(screen.queryByText('正在确认你的身份…')).toBeNull())
}

/** The row of the member or holder whose name is shown so. */
const rowOf = (name: string) => screen.getByText(name).closest('.list-item') as HTMLElement

describe('家人', () => {
  it('sends someone not yet verified to verification first', async () => {
    freshApp(testBackend())
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderPage(<FamilyMembersPage />, { path: MEMBERS_PATH })
    await waitFor(() => expect(redirect).toHaveBeenCalled())
    expect((redirect.mock.calls[0][0] as { url: string }).url).toMatch(/^\/pages\/verify\/index\?redirect=/)
  })

  it('explains what family is for when there is none yet, and opens 添加家人', async () => {
    const backend = testBackend()
    await owner(backend)
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    await openMembers()
    expect(screen.getByText('还没有添加家人')).toBeTruthy()
    expect(document.body.textContent).toContain('代他们亮码、预约口罩、返沪登记与打卡')
    expect(screen.queryByText('我的家人')).toBeNull()
    expect(screen.queryByText('谁把我添加为家人')).toBeNull()
    await tap('添加家人')
    expect(navigate).toHaveBeenCalledWith({ url: '/family/pages/add/index' })
  })

  it('lists each member with full name, relation, document type and the number masked: the full number is nowhere', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    const mum = freshDoc()
    const son = freshDoc()
    expect((await addDirect(backend, me.token, { name: '王秀英', docNumber: mum, relation: 'parent' })).status).toBe(201)
    expect((await addDirect(backend, me.token, { name: '李小宝', docNumber: son, relation: 'child' })).status).toBe(201)
    await openMembers()
    expect(screen.getByText('我的家人')).toBeTruthy()
    expect(screen.getByText('2/5 位')).toBeTruthy()
    const mother = within(rowOf('王秀英'))
    expect(mother.getByText('父母')).toBeTruthy()
    expect(rowOf('王秀英').textContent).toContain(`居民身份证 ${masked(mum)}`)
    expect(within(rowOf('李小宝')).getByText('子女')).toBeTruthy()
    expect(rowOf('李小宝').textContent).toContain(masked(son))
    // Oldest first, as the server lists them.
    expect(Array.from(document.querySelectorAll('.family-members__name')).map((e) => e.textContent)).toEqual(['王秀英', '李小宝'])
    for (const doc of [mum, son, me.docNumber]) expect(document.body.textContent).not.toContain(doc)
  })

  it('removes a member after saying what it ends and what it keeps; the server no longer lists them', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    await addDirect(backend, me.token, { name: '王秀英' })
    await addDirect(backend, me.token, { name: '李小宝', relation: 'child' })
    await openMembers()
    await tap(within(rowOf('王秀英')).getByText('移除'))
    expect(modal).toHaveBeenCalledTimes(1)
    expect(modal.mock.calls[0][0]).toMatchObject({
      title: '移除家人',
      content: '移除后，你不能再为王秀英亮码、预约口罩或登记打卡；已经办理的预约和登记不会取消，仍然有效。',
      confirmText: '移除',
    })
    await waitFor(() => expect(screen.queryByText('王秀英')).toBeNull())
    expect(await screen.findByText('已移除')).toBeTruthy()
    expect(screen.getByText('李小宝')).toBeTruthy()
    expect((await membersOf(backend, me.token)).map((m) => m.name)).toEqual(['李小宝'])
  })

  it('keeps the member when the person says 再想想', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    await addDirect(backend, me.token)
    modal.mockImplementation(async () => ({ confirm: false, cancel: true, errMsg: 'ok', content: '' }))
    const net = faultyNet(backend)
    await openMembers()
    await tap('移除')
    expect(modal).toHaveBeenCalledTimes(1)
    expect(screen.getByText('王秀英')).toBeTruthy()
    expect(net.sent.filter((s) => s.method === 'DELETE')).toEqual([])
    expect(await membersOf(backend, me.token)).toHaveLength(1)
  })

  it('counts a member already removed on another phone as removed', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    const added = await addDirect(backend, me.token)
    await openMembers()
    expect(screen.getByText('王秀英')).toBeTruthy()
    expect((await call(backend, 'DELETE', `/family/members/${added.body.id}`, { token: me.token })).status).toBe(204)
    await tap('移除')
    await waitFor(() => expect(screen.queryByText('王秀英')).toBeNull())
    expect(await screen.findByText('已移除')).toBeTruthy()
    expect(screen.queryByText(/没有找到|不存在/)).toBeNull()
  })

  it('says under the row when removing fails, and keeps the member', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    const added = await addDirect(backend, me.token)
    const net = faultyNet(backend)
    await openMembers()
    net.set(writesTo(`/family/members/${added.body.id}`, 'drop'))
    await tap('移除')
    await waitFor(() => expect(rowOf('王秀英').textContent).toMatch(/网络连接不畅.*可以再点一次/))
    expect(await membersOf(backend, me.token)).toHaveLength(1)
    net.set(null)
    await tap('移除')
    await waitFor(() => expect(screen.queryByText('王秀英')).toBeNull())
    expect(await membersOf(backend, me.token)).toEqual([])
  })

  it('at 5 members, says the limit and does not open 添加家人; one removed, it does', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    for (let i = 0; i < 5; i += 1) expect((await addDirect(backend, me.token, { name: `王秀${'英兰芳梅华'[i]}` })).status).toBe(201)
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    await openMembers()
    expect(screen.getByText('5/5 位')).toBeTruthy()
    const footer = document.querySelector('.screen__footer') as HTMLElement
    expect(footer.textContent).toContain('每个账号最多添加 5 位家人')
    const button = within(footer).getByText('添加家人').closest('.taro-button-core') as HTMLElement
    expect(button.className).toContain('btn--disabled')
    await tap(within(footer).getByText('添加家人'))
    expect(navigate).not.toHaveBeenCalled()

    await tap(within(rowOf('王秀英')).getByText('移除'))
    await waitFor(() => expect(screen.getByText('4/5 位')).toBeTruthy())
    expect(footer.textContent).not.toContain('每个账号最多添加 5 位家人')
    await tap(within(footer).getByText('添加家人'))
    expect(navigate).toHaveBeenCalledWith({ url: '/family/pages/add/index' })
  })

  it('shows a member added on 添加家人 when the page is shown again', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    await openMembers()
    expect(screen.getByText('还没有添加家人')).toBeTruthy()
    await addDirect(backend, me.token, { name: '王秀英' })
    await showAgain()
    expect(await screen.findByText('王秀英')).toBeTruthy()
    expect(screen.getByText('1/5 位')).toBeTruthy()
  })

  it('shows someone who verified their own account who holds them, masked, and lets them leave', async () => {
    const backend = testBackend()
    const daughter = await verifiedCitizen(backend, `family-daughter-${(people += 1)}`, { name: '李建国' })
    const son = await verifiedCitizen(backend, `family-son-${(people += 1)}`, { name: '李建军' })
    const doc = freshDoc()
    const byDaughter = await addDirect(backend, daughter.token, { name: '王秀英', docNumber: doc, relation: 'parent' })
    expect(byDaughter.status).toBe(201)
    expect((await addDirect(backend, son.token, { name: '王秀英', docNumber: doc, relation: 'other' })).status).toBe(201)
    // The mother later verifies a phone of her own with that document, and opens 家人 on it.
    const motherCode = `family-mother-${(people += 1)}`
    const own = await verifiedCitizen(backend, motherCode, { name: '王秀英', docNumber: doc })
    freshApp(backend)
    await login(motherCode)

    await openMembers()
    expect(screen.getByText('谁把我添加为家人')).toBeTruthy()
    const first = screen.getAllByText('李**')[0].closest('.list-item') as HTMLElement
    expect(within(first).getByText('对方添加你为：父母')).toBeTruthy()
    expect(first.textContent).toContain('2月10日起')
    expect(screen.getAllByText('李**')).toHaveLength(2)
    expect(screen.getByText('对方添加你为：其他家人')).toBeTruthy()
    // Never the holders' names in full, nor their documents.
    expect(document.body.textContent).not.toContain('李建国')
    expect(document.body.textContent).not.toContain(daughter.docNumber)
    // Her own list is empty, and says so.
    expect(screen.getByText('还没有添加家人')).toBeTruthy()

    await tap(within(first).getByText('解除'))
    expect(modal.mock.calls[0][0]).toMatchObject({
      title: '解除家人关系',
      content: '解除后，李**的账号不能再为你亮码、预约口罩或登记打卡，以后也不能再把你添加为家人；已经办理的预约和登记仍然有效。',
      confirmText: '解除',
    })
    await waitFor(() => expect(screen.getAllByText('李**')).toHaveLength(1))
    expect(await screen.findByText('已解除')).toBeTruthy()
    const left = (await call(backend, 'GET', '/family/bindings', { token: own.token })).body.items
    expect(left.map((b: { relation: string }) => b.relation)).toEqual(['other'])
    expect(await membersOf(backend, daughter.token)).toEqual([])
    // The daughter's account cannot add her again.
    expect((await addDirect(backend, daughter.token, { name: '王秀英', docNumber: doc })).body.error.code).toBe('BINDING_REFUSED')
  })

  it('shows no 谁把我添加为家人 to someone nobody holds', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    await addDirect(backend, me.token)
    await openMembers()
    expect(screen.getByText('王秀英')).toBeTruthy()
    expect(screen.queryByText('谁把我添加为家人')).toBeNull()
    expect(screen.queryByText('解除')).toBeNull()
  })
})
