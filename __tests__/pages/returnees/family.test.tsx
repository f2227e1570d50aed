/**
 * Returnees for a family member (docs/API.md, "Family"): the declare page's 为谁登记, 我的返沪登记
 * with the person's own declaration first and each member's after it, and the member's daily
 * check-in from there.
 */
import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as v from 'valibot'
import { FamilyMemberSchema, type FamilyMember } from '@/core/contract/family'
import { login } from '@/core/session/session'
import { draftKey } from '@/core/storage/drafts'
import { writeJson } from '@/core/storage/storage'
import type { Backend } from '@/mock/backend'
import { dictGet } from '@/mock/core/dict'
import type { ReturneesState } from '@/mock/returnees/state'
import { EMPTY_DRAFT, type DeclareDraft } from '@/returnees/components/DeclarationForm'
import CheckinPage from '@/returnees/pages/checkin/index'
import DeclarePage from '@/returnees/pages/declare/index'
import StatusPage from '@/returnees/pages/status/index'
import { call, testBackend } from '../../helpers/backend'
import { tap, type } from '../../helpers/drive'
import { freshApp, renderPage } from '../../helpers/pages'
import { checkin, citizen, declarationBody, declare, freshDoc } from '../../helpers/returnees'

const STATUS = '/returnees/pages/status/index'
const CHECKIN = '/returnees/pages/checkin/index'

beforeEach(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => jest.restoreAllMocks())

const state = (backend: Backend) => backend.db.services.returnees as ReturneesState
const declarations = (backend: Backend) => Object.values(state(backend).declarations)

async function addMember(backend: Backend, token: string, name = '王秀英', relation = 'parent'): Promise<FamilyMember & { doc: string }> {
  const doc = freshDoc()
  const res = await call(backend, 'POST', '/family/members', { token, body: { name, docType: 'resident_id', docNumber: doc, relation } })
  if (res.status !== 201) throw new Error(`add member failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { ...v.parse(FamilyMemberSchema, res.body), doc }
}

/** A verified citizen with one family member; the draft (if any) is in storage before the session starts. */
async function withMember(backend: Backend, draft?: DeclareDraft) {
  const person = await citizen(backend, '李建国')
  const member = await addMember(backend, person.token)
  freshApp(backend)
  if (draft) writeJson(draftKey('returnees:declare'), draft)
  await login(person.code)
  return { person, member }
}

const TRAVEL: DeclareDraft = {
  ...EMPTY_DRAFT,
  originProvince: '330000',
  originCity: '330100',
  mode: 'train',
  number: 'G7501',
  departureDate: '2020-02-09',
  arrivalDate: '2020-02-09',
  district: '310101',
  street: '310101002',
  communityId: '310101002001',
  address: '云南中路 18 弄 3 号 201 室',
}

describe('declaring for a family member', () => {
  it("declares for the chosen member: memberId in the body, createdBy family, and the owner's identity is not the subject", async () => {
    const backend = testBackend()
    const { person, member } = await withMember(backend, { ...TRAVEL, temperature: '36.5', contact: 'no' })
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderPage(<DeclarePage />, { path: '/returnees/pages/declare/index' })
    expect(await screen.findByText('为谁登记')).toBeTruthy()
    const ownLine = `李建国 · ${person.docNumber.slice(0, 3)}***********${person.docNumber.slice(-4)}`
    expect(screen.getByText(ownLine)).toBeTruthy()
    await tap('王秀英（父母）')
    expect(screen.getByText('被登记的家人')).toBeTruthy()
    expect(screen.getByText(`王秀英（父母） · ${member.docNumberMasked}`)).toBeTruthy()
    expect(screen.queryByText(ownLine)).toBeNull()
    expect(screen.getByText('王秀英今天的健康情况')).toBeTruthy()
    expect(screen.getByText(/^你为王秀英填写的信息只用于/)).toBeTruthy()
    // Today's health is hers to give: switching asks it again, the travel stays.
    expect((document.querySelector('input[name="temperature"]') as HTMLInputElement).value).toBe('')
    expect((document.querySelector('input[name="transport-number"]') as HTMLInputElement).value).toBe('G7501')
    type('temperature', '36.8')
    await tap('没有接触')
    await tap('为 王秀英 提交登记')
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: STATUS }))
    const made = declarations(backend).filter((d) => d.memberId === member.id)
    expect(made).toHaveLength(1)
    expect(made[0]).toMatchObject({
      createdBy: 'family',
      memberId: member.id,
      subject: { name: '王秀英', docType: 'resident_id', docNumber: member.doc },
      health: { temperature: 36.8, contactWithCases: false },
      transport: { mode: 'train', number: 'G7501' },
    })
    expect(made[0].subject.phone).toBeUndefined()
    expect(declarations(backend).filter((d) => d.subject.docNumber === person.docNumber)).toHaveLength(0)
  })

  it('says the member already has an open declaration, while the person can still declare for themselves', async () => {
    const backend = testBackend()
    const { person, member } = await withMember(backend)
    expect((await declare(backend, person.token, { ...declarationBody(backend), memberId: member.id })).status).toBe(201)
    renderPage(<DeclarePage />, { path: '/returnees/pages/declare/index' })
    expect(await screen.findByText('为谁登记')).toBeTruthy()
    expect(screen.getByText('提交登记')).toBeTruthy()
    await tap('王秀英（父母）')
    expect(screen.getByText('王秀英已有一条居家观察中的登记')).toBeTruthy()
    expect(screen.getByText('查看王秀英的登记')).toBeTruthy()
    await tap('我本人')
    expect(screen.getByText('提交登记')).toBeTruthy()
  })

  it('a person with an open declaration of their own can still declare for a member', async () => {
    const backend = testBackend()
    const { person } = await withMember(backend)
    expect((await declare(backend, person.token, declarationBody(backend))).status).toBe(201)
    renderPage(<DeclarePage />, { path: '/returnees/pages/declare/index' })
    expect(await screen.findByText('你已有一条居家观察中的登记')).toBeTruthy()
    await tap('王秀英（父母）')
    expect(screen.getByText('为 王秀英 提交登记')).toBeTruthy()
  })
})

describe('my declarations with family members', () => {
  it("lists the person's own first, then the member's with today's check-in, which the person makes for her", async () => {
    const backend = testBackend()
    const { person, member } = await withMember(backend)
    const own = await declare(backend, person.token, declarationBody(backend, { arrivalAgo: 3 }))
    const hers = await declare(backend, person.token, { ...declarationBody(backend, { arrivalAgo: 1 }), memberId: member.id })
    expect([own.status, hers.status]).toEqual([201, 201])
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    const view = renderPage(<StatusPage />, { path: STATUS })
    expect(await screen.findByText('居家观察第 4 天')).toBeTruthy()
    const mine = screen.getByText('本人的登记')
    const theirs = await screen.findByText('王秀英（父母）的登记')
    // Own first, then hers.
    expect(mine.compareDocumentPosition(theirs) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(screen.getByText('居家观察第 2 天')).toBeTruthy()
    expect(screen.getByText('今日还未为王秀英打卡')).toBeTruthy()
    expect(screen.getByText('家人代为登记')).toBeTruthy()
    await tap('为 王秀英 打卡')
    expect(navigate).toHaveBeenCalledWith({ url: `${CHECKIN}?id=${hers.body.id}` })
    view.unmount()

    const check = renderPage(<CheckinPage />, { path: CHECKIN, params: { id: hers.body.id } })
    expect(await screen.findByText('为 王秀英 打卡')).toBeTruthy()
    expect(screen.getByText('居家观察第 2 天')).toBeTruthy()
    type('temperature', '36.6')
    await tap('为 王秀英 提交今日打卡')
    expect(await screen.findByText('已为 王秀英 打卡')).toBeTruthy()
    const checks = dictGet(state(backend).checkins, hers.body.id as string)!
    expect(checks.map((c) => [c.temperature, c.by])).toEqual([[36.6, 'family']])
    expect(dictGet(state(backend).checkins, own.body.id as string) ?? []).toHaveLength(0)
    check.unmount()

    renderPage(<StatusPage />, { path: STATUS })
    expect(await screen.findByText('今日已为王秀英打卡')).toBeTruthy()
    expect(screen.getByText(/今日还未打卡/)).toBeTruthy()
    expect(screen.queryByText('为 王秀英 打卡')).toBeNull()
  })

  it("the check-in page without an id is the person's own, never a member's", async () => {
    const backend = testBackend()
    const { person, member } = await withMember(backend)
    // The member's is the newest, and open: the page must still pick the person's own.
    const own = await declare(backend, person.token, declarationBody(backend, { arrivalAgo: 5 }))
    backend.clock.set(backend.clock.now() + 60_000)
    const hers = await declare(backend, person.token, { ...declarationBody(backend), memberId: member.id })
    renderPage(<CheckinPage />, { path: CHECKIN })
    expect(await screen.findByText('居家观察第 6 天')).toBeTruthy()
    expect(screen.queryByText('为 王秀英 打卡')).toBeNull()
    type('temperature', '36.5')
    await tap('提交今日打卡')
    expect(await screen.findByText('打卡成功')).toBeTruthy()
    expect(dictGet(state(backend).checkins, own.body.id as string)?.map((c) => c.by)).toEqual(['self'])
    expect(dictGet(state(backend).checkins, hers.body.id as string) ?? []).toHaveLength(0)
  })

  it('a temperature typed for one person is not offered for another', async () => {
    const backend = testBackend()
    const { person, member } = await withMember(backend)
    await declare(backend, person.token, declarationBody(backend))
    const hers = await declare(backend, person.token, { ...declarationBody(backend), memberId: member.id })
    const own = renderPage(<CheckinPage />, { path: CHECKIN })
    await screen.findByText('提交今日打卡')
    type('temperature', '37.9')
    own.unmount()
    renderPage(<CheckinPage />, { path: CHECKIN, params: { id: hers.body.id } })
    await screen.findByText('为 王秀英 提交今日打卡')
    expect((document.querySelector('input[name="temperature"]') as HTMLInputElement).value).toBe('')
  })

  it("shows only members' declarations when the person has none, and says so", async () => {
    const backend = testBackend()
    const { person, member } = await withMember(backend)
    const hers = await declare(backend, person.token, { ...declarationBody(backend), memberId: member.id })
    await checkin(backend, person.token, hers.body.id)
    renderPage(<StatusPage />, { path: STATUS })
    expect(await screen.findByText('王秀英（父母）的登记')).toBeTruthy()
    expect(screen.getByText(/你本人没有返沪登记/)).toBeTruthy()
    expect(screen.getByText('今日已为王秀英打卡')).toBeTruthy()
    expect(screen.getByText('填写返沪登记')).toBeTruthy()
    expect(screen.queryByText('你还没有返沪登记')).toBeNull()
  })

  it('a member’s check-in page names her when today is already done', async () => {
    const backend = testBackend()
    const { person, member } = await withMember(backend)
    const hers = await declare(backend, person.token, { ...declarationBody(backend), memberId: member.id })
    await checkin(backend, person.token, hers.body.id)
    renderPage(<CheckinPage />, { path: CHECKIN, params: { id: hers.body.id } })
    expect(await screen.findByText('今天已经为王秀英打过卡了')).toBeTruthy()
  })

  it('a declaration id not in the person’s list is refused in words', async () => {
    const backend = testBackend()
    await withMember(backend)
    renderPage(<CheckinPage />, { path: CHECKIN, params: { id: 'rd-not-mine' } })
    expect(await screen.findByText('没有找到这条登记')).toBeTruthy()
  })
})
