/**
 * 添加家人: the page checks every field as the verification page does before anything is sent,
 * shows the server's refusals by field or beside the button, keeps what was typed (in a `p:`
 * draft with the attempt's Idempotency-Key) until the server has added the member, and goes back.
 */
import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import FamilyAddPage, { ADD_DRAFT } from '@/family/pages/add/index'
import { login } from '@/core/session/session'
import { readDraft } from '@/core/storage/drafts'
import type { Backend } from '@/mock/backend'
import { call, newResidentId, testBackend, verifiedCitizen } from '../../helpers/backend'
import { pick, tap, type, valueOf, wholeText } from '../../helpers/drive'
import { asVerified, freshApp, renderPage } from '../../helpers/pages'
import { freshDoc } from '../../helpers/returnees'
import { expectBesideButton, expectOneKey, faultyNet, writesTo, type FaultyNet } from '../faults'

const ADD_PATH = '/family/pages/add/index'
const SUBMIT = '确认添加'

let back: jest.SpyInstance
beforeEach(() => {
  // Taro's picker measures its rows, which jsdom does not lay out.
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  back = jest.spyOn(Taro, 'navigateBack').mockImplementation(async () => ({ errMsg: 'ok' }))
})
afterEach(() => jest.restoreAllMocks())

let people = 0
/** A verified owner signed in on this device, behind a network that records what the page sends. */
async function owner(backend: Backend, name = '李建国'): Promise<{ code: string; token: string; docNumber: string; net: FaultyNet }> {
  people += 1
  const code = `family-add-${people}`
  freshApp(backend)
  const person = await asVerified(backend, code, name)
  return { ...person, code, net: faultyNet(backend) }
}

async function openAdd() {
  const page = renderPage(<FamilyAddPage />, { path: ADD_PATH })
  await screen.findByText(SUBMIT)
  return page
}

/** Fills the form: the relation picker confirms its first option, 父母. */
async function fill(name: string, docNumber: string) {
  type('name', name)
  await pick('relation')
  type('docNumber', docNumber)
}

const membersOf = async (backend: Backend, token: string) =>
  (await call(backend, 'GET', '/family/members', { token })).body.items as { id: string; name: string; relation: string }[]

const addDirect = (backend: Backend, token: string, docNumber: string, name = '王秀英') =>
  call(backend, 'POST', '/family/members', { token, body: { name, docType: 'resident_id', docNumber, relation: 'parent' } })

const posts = (net: FaultyNet) => net.sent.filter((s) => s.method === 'POST' && s.path === '/family/members')

/** The text shown inside the field `name` (its error or hint). */
const fieldText = (name: string) => document.querySelector(`#field-${name}`)?.textContent ?? ''

describe('添加家人', () => {
  it('sends someone not yet verified to verification first', async () => {
    freshApp(testBackend())
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderPage(<FamilyAddPage />, { path: ADD_PATH })
    await waitFor(() => expect(redirect).toHaveBeenCalled())
    expect((redirect.mock.calls[0][0] as { url: string }).url).toMatch(/^\/pages\/verify\/index\?redirect=/)
    expect(document.querySelector('input[name="docNumber"]')).toBeNull()
  })

  it('says every bad field at once, in Chinese, and sends nothing', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    await openAdd()
    await tap(SUBMIT)
    expect(fieldText('name')).toContain('请填写姓名')
    expect(fieldText('relation')).toContain('请选择与你的关系')
    expect(fieldText('docNumber')).toContain('请填写证件号码')
    expectBesideButton(/^请按红色提示修改后再提交$/, SUBMIT)

    type('name', 'a')
    const doc = newResidentId(4343)
    type('docNumber', doc.slice(0, 17) + (doc[17] === '1' ? '2' : '1'))
    await tap(SUBMIT)
    expect(screen.getByText(wholeText('姓名应与证件一致：2 个以上汉字，或英文字母'))).toBeTruthy()
    expect(screen.getByText('身份证号校验位不正确，请逐位核对')).toBeTruthy()
    // The relation is still unchosen: still said.
    expect(fieldText('relation')).toContain('请选择与你的关系')

    // A fixed field loses its message as it is typed into; the others keep theirs.
    type('name', '王秀英')
    expect(fieldText('name')).not.toContain('姓名应与证件一致')
    expect(screen.getByText('身份证号校验位不正确，请逐位核对')).toBeTruthy()

    type('docNumber', '1101051949')
    await tap(SUBMIT)
    expect(screen.getByText(wholeText('身份证号应为 18 位'))).toBeTruthy()

    expect(posts(me.net)).toHaveLength(0)
    expect(await membersOf(backend, me.token)).toEqual([])
  })

  it('adds the member, says so and goes back to 家人, with the draft gone', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    await openAdd()
    const doc = freshDoc()
    await fill('王秀英', doc)
    await tap(SUBMIT)
    await waitFor(() => expect(back).toHaveBeenCalledTimes(1))
    expect(await screen.findByText('已添加')).toBeTruthy()
    expect(await membersOf(backend, me.token)).toEqual([expect.objectContaining({ name: '王秀英', relation: 'parent' })])
    const listed = (await call(backend, 'GET', '/family/members', { token: me.token })).body.items[0]
    expect(listed.docNumberMasked).toBe(`${doc.slice(0, 3)}***********${doc.slice(-4)}`)
    expect(posts(me.net)).toHaveLength(1)
    expectOneKey(me.net.keys('POST', '/family/members'))
    expect(readDraft(ADD_DRAFT)).toBeUndefined()
    expect(Object.keys(localStorage).filter((k) => k.startsWith('p:draft:'))).toEqual([])
  })

  it('goes to 家人 when there is no page to go back to', async () => {
    const backend = testBackend()
    await owner(backend)
    back.mockImplementation(async () => {
      throw { errMsg: 'navigateBack:fail cannot navigate back at first page.' }
    })
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    await openAdd()
    await fill('王秀英', freshDoc())
    await tap(SUBMIT)
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/family/pages/members/index' }))
  })

  it('shows under the name that it is not the name a verified holder gave, and keeps the form', async () => {
    const backend = testBackend()
    const mother = await verifiedCitizen(backend, `family-add-mother-${(people += 1)}`, { name: '王秀英' })
    const me = await owner(backend)
    await openAdd()
    await fill('王秀兰', mother.docNumber)
    await tap(SUBMIT)
    await waitFor(() => expect(fieldText('name')).toContain('姓名与该证件的实名信息不一致，请核对'))
    expectBesideButton(/^提交的内容有误，请按提示修改$/, SUBMIT)
    expect(valueOf('name')).toBe('王秀兰')
    expect(valueOf('docNumber')).toBe(mother.docNumber)
    expect(back).not.toHaveBeenCalled()
    expect(await membersOf(backend, me.token)).toEqual([])

    // Put right, it goes through at the next tap.
    type('name', '王秀英')
    expect(fieldText('name')).not.toContain('不一致')
    await tap(SUBMIT)
    await waitFor(() => expect(back).toHaveBeenCalledTimes(1))
    expect(await membersOf(backend, me.token)).toHaveLength(1)
  })

  it('says under the number that one’s own document cannot be a family member', async () => {
    const backend = testBackend()
    const me = await owner(backend, '李建国')
    await openAdd()
    await fill('李建国', me.docNumber)
    await tap(SUBMIT)
    await waitFor(() => expect(fieldText('docNumber')).toContain('这是你本人的证件，不能添加为家人'))
    expect(valueOf('docNumber')).toBe(me.docNumber)
    expect(back).not.toHaveBeenCalled()
  })

  it('says beside the button when the person is already a member, keeping the form', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    const doc = freshDoc()
    expect((await addDirect(backend, me.token, doc)).status).toBe(201)
    await openAdd()
    await fill('王秀英', doc)
    await tap(SUBMIT)
    await waitFor(() => expectBesideButton(/^这位家人已经在你的家人列表里了，不用再添加。$/, SUBMIT))
    expect(valueOf('name')).toBe('王秀英')
    expect(valueOf('docNumber')).toBe(doc)
    expect(back).not.toHaveBeenCalled()
    expect(await membersOf(backend, me.token)).toHaveLength(1)
  })

  it('says when the account holds 5 already, and a tap after one is removed adds (a new attempt, not the refusal again)', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    for (let i = 0; i < 5; i += 1) expect((await addDirect(backend, me.token, freshDoc())).status).toBe(201)
    await openAdd()
    await fill('王秀英', freshDoc())
    await tap(SUBMIT)
    await waitFor(() => expectBesideButton(/^每个账号最多添加 5 位家人，请先移除一位$/, SUBMIT))
    expect(back).not.toHaveBeenCalled()

    const [first] = await membersOf(backend, me.token)
    expect((await call(backend, 'DELETE', `/family/members/${first.id}`, { token: me.token })).status).toBe(204)
    // Nothing edited: the server kept its refusal under the first key, so the page sends a new one.
    await tap(SUBMIT)
    await waitFor(() => expect(back).toHaveBeenCalledTimes(1))
    const keys = me.net.keys('POST', '/family/members')
    expect(keys).toHaveLength(2)
    expect(new Set(keys).size).toBe(2)
    expect(await membersOf(backend, me.token)).toHaveLength(5)
  })

  it('says when the person left this account, and when 3 accounts hold them already', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    // A mother who verified her own phone later and removed herself from this account.
    const leftDoc = freshDoc()
    const added = await addDirect(backend, me.token, leftDoc)
    expect(added.status).toBe(201)
    const mother = await verifiedCitizen(backend, `family-add-left-${(people += 1)}`, { name: '王秀英', docNumber: leftDoc })
    expect((await call(backend, 'DELETE', `/family/bindings/${added.body.id}`, { token: mother.token })).status).toBe(204)
    // A grandmother three other accounts hold.
    const heldDoc = freshDoc()
    for (let i = 0; i < 3; i += 1) {
      const other = await verifiedCitizen(backend, `family-add-holder-${(people += 1)}`)
      expect((await addDirect(backend, other.token, heldDoc, '赵桂兰')).status).toBe(201)
    }
    // Signed in on this device again: the people above were made straight on the backend.
    freshApp(backend)
    await login(me.code)
    const net = faultyNet(backend)

    await openAdd()
    await fill('王秀英', leftDoc)
    await tap(SUBMIT)
    await waitFor(() => expectBesideButton(/^对方已自行解除与你的家人关系，不能再次添加$/, SUBMIT))

    type('name', '赵桂兰')
    type('docNumber', heldDoc)
    await tap(SUBMIT)
    await waitFor(() => expectBesideButton(/^这位家人已被 3 个账号添加，不能再添加$/, SUBMIT))
    expect(valueOf('name')).toBe('赵桂兰')
    expect(back).not.toHaveBeenCalled()
    expect(posts(net)).toHaveLength(2)
    expect(await membersOf(backend, me.token)).toEqual([])
  })

  it('keeps everything typed when the answer is lost, and the retry adds the member once with the same key', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    await openAdd()
    const doc = freshDoc()
    await fill('王秀英', doc)
    me.net.set(writesTo('/family/members', 'lose'))
    await tap(SUBMIT)
    await waitFor(() => expectBesideButton(/^请求超时.*。再点一次“确认添加”不会重复添加$/, SUBMIT))
    expect(valueOf('name')).toBe('王秀英')
    expect(valueOf('docNumber')).toBe(doc)
    expect(screen.getByText('父母')).toBeTruthy()
    expect(back).not.toHaveBeenCalled()
    // The server did add them: only the answer was lost.
    expect(await membersOf(backend, me.token)).toHaveLength(1)

    me.net.set(null)
    await tap(SUBMIT)
    await waitFor(() => expect(back).toHaveBeenCalledTimes(1))
    const keys = me.net.keys('POST', '/family/members')
    expect(keys.length).toBeGreaterThanOrEqual(2)
    expectOneKey(keys)
    expect(await membersOf(backend, me.token)).toHaveLength(1)
  })

  it('keeps the form and the attempt’s key across a relaunch after a lost answer', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    const first = await openAdd()
    const doc = freshDoc()
    await fill('王秀英', doc)
    me.net.set(writesTo('/family/members', 'lose'))
    await tap(SUBMIT)
    await waitFor(() => expectBesideButton(/^请求超时/, SUBMIT))
    const kept = readDraft<{ name: string; docNumber: string; relation: string; attemptKey: string }>(ADD_DRAFT)
    expect(kept).toMatchObject({ name: '王秀英', docNumber: doc, relation: 'parent' })
    expect(kept?.attemptKey).toBe(me.net.keys('POST', '/family/members')[0])
    first.unmount()

    me.net.set(null)
    await openAdd()
    expect(valueOf('name')).toBe('王秀英')
    expect(valueOf('docNumber')).toBe(doc)
    await tap(SUBMIT)
    await waitFor(() => expect(back).toHaveBeenCalledTimes(1))
    expectOneKey(me.net.keys('POST', '/family/members'))
    expect(await membersOf(backend, me.token)).toHaveLength(1)
  })

  it('a changed form after a failure is a new attempt with a new key', async () => {
    const backend = testBackend()
    const me = await owner(backend)
    await openAdd()
    await fill('王秀英', freshDoc())
    me.net.set(writesTo('/family/members', 'drop'))
    await tap(SUBMIT)
    await waitFor(() => expectBesideButton(/^网络连接不畅/, SUBMIT))
    me.net.set(null)
    const other = freshDoc()
    type('docNumber', other)
    // An edit clears what the last tap said.
    expect(screen.queryByText(/网络连接不畅/)).toBeNull()
    await tap(SUBMIT)
    await waitFor(() => expect(back).toHaveBeenCalledTimes(1))
    // The client's own retries of the dropped request carried the first key; the changed form, another.
    const keys = me.net.keys('POST', '/family/members')
    expect(new Set(keys).size).toBe(2)
    expect(keys.at(-1)).not.toBe(keys[0])
    const members = (await call(backend, 'GET', '/family/members', { token: me.token })).body.items
    expect(members.map((m: { docNumberMasked: string }) => m.docNumberMasked)).toEqual([
      `${other.slice(0, 3)}***********${other.slice(-4)}`,
    ])
  })
})
