/**
 * Masks for a family member (docs/API.md, "Family"): the reserve page's 为谁预约, what it says
 * before submitting when the chosen person already holds this round's place, the key that follows
 * the person, and 我的预约 naming whose each reservation is.
 */
import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as v from 'valibot'
import { api, TransportFailure, type Transport } from '@/core/api'
import { FamilyMemberSchema, type FamilyMember } from '@/core/contract/family'
import { login } from '@/core/session/session'
import { readDraft } from '@/core/storage/drafts'
import type { Backend } from '@/mock/backend'
import { asAnyModule } from '@/mock/core/module'
import { familyModule } from '@/mock/family'
import { masksModule } from '@/mock/masks'
import type { MasksState } from '@/mock/masks/state'
import MinePage from '@/masks/pages/mine/index'
import ReservePage, { RESERVE_DRAFT, type ReserveDraft } from '@/masks/pages/reserve/index'
import { call, testBackend, verifiedCitizen } from '../../helpers/backend'
import { answer, firstComeRound, myReservations, reserve, startRound } from '../../helpers/masks'
import { tap, wholeText } from '../../helpers/drive'
import { freshApp, inProcessTransport, renderPage } from '../../helpers/pages'
import { freshDoc } from '../../helpers/returnees'
import { OUTLET, RESERVE_PATH, openReserve } from './setup'

let confirmSpy: jest.SpyInstance
let redirect: jest.SpyInstance

beforeEach(() => {
  confirmSpy = jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'ok', content: '' }))
  redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
  jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
})
afterEach(() => jest.restoreAllMocks())

const OTHER_OUTLET = 'o310115-01'
const liveAt = (backend: Backend, roundId: string) =>
  Object.values((backend.db.services.masks as MasksState).reservations).filter((r) => r.roundId === roundId && r.state !== 'cancelled')
const submitButton = (text: string) => screen.getByText(text).closest('.taro-button-core')
const reserveFor = (backend: Backend, token: string, body: { roundId: string; outletId: string; quantity: number; memberId: string }) =>
  answer(backend, 'POST', '/masks/reservations', { token, body })

let codes = 0
/** Masks and family only: what these pages talk to. A round, a verified person signed in, one member. */
async function withMember(): Promise<{ backend: Backend; roundId: string; token: string; member: FamilyMember; memberDoc: string }> {
  const backend = testBackend({ modules: [asAnyModule(masksModule), asAnyModule(familyModule)] })
  const { round } = await startRound(backend, firstComeRound({ stockPerOutlet: 50 }))
  const code = `masks-family-${(codes += 1)}`
  const { token } = await verifiedCitizen(backend, code, { name: '李建国' })
  const memberDoc = freshDoc()
  const res = await call(backend, 'POST', '/family/members', {
    token,
    body: { name: '王秀英', docType: 'resident_id', docNumber: memberDoc, relation: 'parent' },
  })
  if (res.status !== 201) throw new Error(`add member failed: ${res.status} ${JSON.stringify(res.body)}`)
  freshApp(backend)
  await login(code)
  return { backend, roundId: round.id, token, member: v.parse(FamilyMemberSchema, res.body), memberDoc }
}

async function openWithSwitch(): Promise<void> {
  await openReserve()
  await screen.findByText('为谁预约')
}

describe('reserve for a family member', () => {
  it('reserves for the chosen member: the body carries memberId, the holder is the member', async () => {
    const { backend, roundId, token, member } = await withMember()
    await openWithSwitch()
    expect(screen.getByText('✓ 我本人')).toBeTruthy()
    await tap('王秀英（父母）')
    expect(screen.getByText('✓ 王秀英（父母）')).toBeTruthy()
    await tap(screen.getByLabelText('增加'))
    await tap('为 王秀英 提交预约')
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/masks/pages/mine/index' }))
    const question = confirmSpy.mock.calls[0][0] as { content: string }
    expect(question.content).toMatch(/^为 王秀英（父母） 在「.+」预约 2 个口罩/)
    const made = liveAt(backend, roundId)
    expect(made.map((r) => [r.outletId, r.quantity, r.memberId])).toEqual([[OUTLET, 2, member.id]])
    const [listed] = await myReservations(backend, token)
    expect(listed.memberId).toBe(member.id)
    expect(listed.holder).toEqual({ name: '王**', docNumberMasked: member.docNumberMasked })
    expect(readDraft<ReserveDraft>(RESERVE_DRAFT)).toBeUndefined()
  })

  it("says before submitting that the member already holds this round's place, and lets the person reserve for themselves", async () => {
    const { backend, roundId, token, member } = await withMember()
    const held = await reserveFor(backend, token, { roundId, outletId: OTHER_OUTLET, quantity: 2, memberId: member.id })
    expect(held.status).toBe(201)
    await openWithSwitch()
    // 我本人 holds nothing: the form is open.
    expect(submitButton('提交预约')?.hasAttribute('disabled')).toBe(false)
    await tap('王秀英（父母）')
    expect(screen.getByText(/^王秀英本轮已在「.+」预约 2 个，每人每轮只能预约一次。$/)).toBeTruthy()
    expect(submitButton('为 王秀英 提交预约')?.hasAttribute('disabled')).toBe(true)
    await tap('查看我的预约 ›')
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/masks/pages/mine/index' })
    await tap('我本人')
    expect(screen.queryByText(/^王秀英本轮已在/)).toBeNull()
    await tap('提交预约')
    await waitFor(() => expect(redirect).toHaveBeenCalled())
    expect(
      liveAt(backend, roundId)
        .map((r) => r.memberId ?? 'own')
        .sort(),
    ).toEqual([member.id, 'own'].sort())
  })

  it("shows the server's ALREADY_RESERVED naming the member when another account reserved for her", async () => {
    const { backend, roundId, memberDoc } = await withMember()
    // Her own account (she verified on another phone) took her place: this person's list cannot know.
    const her = await verifiedCitizen(backend, 'masks-family-her', { name: '王秀英', docNumber: memberDoc })
    await reserve(backend, her.token, { roundId, outletId: OTHER_OUTLET, quantity: 1 })
    await openWithSwitch()
    await tap('王秀英（父母）')
    expect(submitButton('为 王秀英 提交预约')?.hasAttribute('disabled')).toBe(false)
    await tap('为 王秀英 提交预约')
    expect(await screen.findByText(/^王秀英的证件在本轮已有预约（.+），每人每轮只能预约一次/)).toBeTruthy()
    expect(screen.getByText('查看我的预约 ›')).toBeTruthy()
    expect(redirect).not.toHaveBeenCalled()
    expect(liveAt(backend, roundId)).toHaveLength(1)
  })

  it('keeps the quantity and the chosen person in the draft; another person gets another key', async () => {
    const { backend, roundId, member } = await withMember()
    // Every answer to a reservation is lost on the way back, after the server acted.
    let loseAnswers = true
    const sent: { key: string; body: string }[] = []
    const real = inProcessTransport(backend)
    const flaky: Transport = async (req) => {
      const res = await real(req)
      if (req.method === 'POST' && req.url.endsWith('/masks/reservations')) {
        sent.push({ key: req.headers['Idempotency-Key'], body: req.body ?? '' })
        if (loseAnswers) throw new TransportFailure('request:fail timeout', true)
      }
      return res
    }
    api.setTransport(flaky)
    await openWithSwitch()
    await tap(screen.getByLabelText('增加'))
    await tap(screen.getByLabelText('增加'))
    await tap('提交预约')
    expect(await screen.findByText(/请求超时.*再点一次提交不会重复预约/)).toBeTruthy()

    // Now for her: the quantity stays, the key is new (the same key with her body would be a 409).
    await tap('王秀英（父母）')
    expect(screen.getByText('3 个')).toBeTruthy()
    await waitFor(() => expect(readDraft<ReserveDraft>(RESERVE_DRAFT)?.memberId).toBe(member.id))
    expect(readDraft<ReserveDraft>(RESERVE_DRAFT)).toMatchObject({ outletId: OUTLET, quantity: 3 })
    loseAnswers = false
    await tap('为 王秀英 提交预约')
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/masks/pages/mine/index' }))
    const keys = sent.map((s) => s.key)
    expect(new Set(keys).size).toBe(2)
    expect(sent[sent.length - 1].body).toContain(member.id)
    expect(
      liveAt(backend, roundId)
        .map((r) => [r.memberId ?? 'own', r.quantity])
        .sort(),
    ).toEqual([
      [member.id, 3],
      ['own', 3],
    ])
  })

  it('opens again on the person chosen before', async () => {
    const { member } = await withMember()
    const first = renderPage(<ReservePage />, { path: RESERVE_PATH, params: { outletId: OUTLET } })
    await tap(await screen.findByText('王秀英（父母）'))
    await waitFor(() => expect(readDraft<ReserveDraft>(RESERVE_DRAFT)?.memberId).toBe(member.id))
    first.unmount()
    await openReserve()
    expect(await screen.findByText('✓ 王秀英（父母）')).toBeTruthy()
    expect(screen.getByText('为 王秀英 提交预约')).toBeTruthy()
  })
})

describe('my reservations with family members', () => {
  it("names whose each reservation is: the member's by her name and relation, the person's own as 本人", async () => {
    const { backend, roundId, token, member } = await withMember()
    await reserve(backend, token, { roundId, outletId: OUTLET, quantity: 1 })
    expect((await reserveFor(backend, token, { roundId, outletId: OTHER_OUTLET, quantity: 2, memberId: member.id })).status).toBe(201)
    renderPage(<MinePage />, { path: '/masks/pages/mine/index' })
    expect(await screen.findByText('为 王秀英（父母） 预约')).toBeTruthy()
    expect(screen.getByText('本人预约')).toBeTruthy()
    expect(screen.getByText(wholeText(/你和家人共有 3 个口罩待领取/))).toBeTruthy()
    // The member's card is the one with her masked name as the holder.
    const card = screen.getByText('为 王秀英（父母） 预约').closest('.masks-mine')
    expect(card?.textContent).toContain(`王**（${member.docNumberMasked}）`)
    const cancels = screen.getAllByText('取消预约')
    const hers = cancels.find((b) => b.closest('.masks-mine') === card)!
    await tap(hers)
    expect((confirmSpy.mock.calls[0][0] as { content: string }).content).toMatch(/^取消为 王秀英（父母） 在「.+」预约的 2 个口罩/)
  })

  it('says nothing new for a person without family members', async () => {
    const backend = testBackend({ modules: [asAnyModule(masksModule), asAnyModule(familyModule)] })
    const { round } = await startRound(backend, firstComeRound({ stockPerOutlet: 10 }))
    const { token } = await verifiedCitizen(backend, 'masks-family-alone', { name: '赵六' })
    await reserve(backend, token, { roundId: round.id, outletId: OUTLET, quantity: 1 })
    freshApp(backend)
    await login('masks-family-alone')
    renderPage(<MinePage />, { path: '/masks/pages/mine/index' })
    expect(await screen.findByText('已预约，待领取')).toBeTruthy()
    expect(screen.queryByText('本人预约')).toBeNull()
  })
})
