import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import StatusPage from '@/returnees/pages/status/index'
import DeclarePage from '@/returnees/pages/declare/index'
import CheckinPage from '@/returnees/pages/checkin/index'
import { EMPTY_DRAFT, type DeclareDraft } from '@/returnees/components/DeclarationForm'
import { api, TransportFailure } from '@/core/api'
import { login } from '@/core/session/session'
import { draftKey, readDraft } from '@/core/storage/drafts'
import { writeJson } from '@/core/storage/storage'
import type { Backend } from '@/mock/backend'
import { dictGet } from '@/mock/core/dict'
import type { ReturneesState } from '@/mock/returnees/state'
import { call, testBackend } from '../../helpers/backend'
import { pick, tap, type, wholeText } from '../../helpers/drive'
import { freshApp, inProcessTransport, renderPage } from '../../helpers/pages'
import { checkin, citizen, declarationBody, declare, setShanghai, worker } from '../../helpers/returnees'
import { asCitizen } from './setup'

const STATUS = '/returnees/pages/status/index'

function declarations(backend: Backend) {
  return Object.values((backend.db.services.returnees as ReturneesState).declarations)
}

beforeEach(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => jest.restoreAllMocks())

describe('my status', () => {
  it('offers the declaration when there is none', async () => {
    const backend = testBackend()
    await asCitizen(backend)
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderPage(<StatusPage />, { path: STATUS })
    expect(await screen.findByText('你还没有返沪登记')).toBeTruthy()
    await tap('填写返沪登记')
    expect(navigate).toHaveBeenCalledWith({ url: '/returnees/pages/declare/index' })
  })

  it('shows day N of 14, the end date and whether today’s check-in is done', async () => {
    const backend = testBackend()
    const person = await asCitizen(backend)
    const created = await declare(backend, person.token, declarationBody(backend, { arrivalAgo: 3 }))
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    const view = renderPage(<StatusPage />, { path: STATUS })
    expect(await screen.findByText('居家观察第 4 天')).toBeTruthy()
    expect(screen.getByText(wholeText('共 14 天 · 观察期至 2020-02-21，还有 11 天'))).toBeTruthy()
    expect(screen.getByText(/今日还未打卡/)).toBeTruthy()
    await tap('今日健康打卡')
    expect(navigate).toHaveBeenCalledWith({ url: '/returnees/pages/checkin/index' })
    view.unmount()
    await checkin(backend, person.token, created.body.id, 36.4)
    renderPage(<StatusPage />, { path: STATUS })
    expect(await screen.findByText('今日已打卡，明天记得再来。')).toBeTruthy()
    expect(await screen.findByText('2020-02-10 · 36.4 ℃（正常）')).toBeTruthy()
    expect(screen.queryByText('今日健康打卡')).toBeNull()
  })

  it('tells a flagged person why and what to do next', async () => {
    const backend = testBackend()
    const person = await asCitizen(backend)
    await declare(backend, person.token, declarationBody(backend, { originRegion: '420100' }))
    renderPage(<StatusPage />, { path: STATUS })
    expect(await screen.findByText('你的登记需要重点关注')).toBeTruthy()
    expect(screen.getByText('原因：来自高风险地区')).toBeTruthy()
    expect(screen.getByText(/前往就近发热门诊，不要乘坐公共交通/)).toBeTruthy()
    expect(screen.getByText('需重点关注')).toBeTruthy()
  })

  it('says when observation is over and when it was released', async () => {
    const backend = testBackend()
    const person = await asCitizen(backend)
    const created = await declare(backend, person.token, declarationBody(backend, { arrivalAgo: 14 }))
    const first = renderPage(<StatusPage />, { path: STATUS })
    expect(await screen.findByText('观察期已满')).toBeTruthy()
    first.unmount()
    await call(backend, 'POST', `/returnees/declarations/${created.body.id}/release`, { token: await worker(backend) })
    renderPage(<StatusPage />, { path: STATUS })
    expect(await screen.findByText('已解除居家观察')).toBeTruthy()
    expect(screen.getByText('再次返沪，重新登记')).toBeTruthy()
  })
})

describe('the declaration form', () => {
  async function openForm(backend: Backend) {
    const person = await asCitizen(backend)
    renderPage(<DeclarePage />, { path: '/returnees/pages/declare/index' })
    await screen.findByText('提交登记')
    return person
  }

  it('takes identity from the session, the places from /regions and the dates from pickers, then declares', async () => {
    const backend = testBackend()
    const person = await openForm(backend)
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    // Identity is shown, not asked for.
    expect(screen.getByText(`欧阳娜娜 · ${person.docNumber.slice(0, 3)}***********${person.docNumber.slice(-4)}`)).toBeTruthy()
    expect(document.querySelector('input[name="subject-name"]')).toBeNull()
    await waitFor(() => expect(document.querySelector('#field-originProvince .field__hint')).toBeNull())
    await pick('originProvince') // 北京市
    expect(screen.getByText('北京市')).toBeTruthy()
    await waitFor(() => expect(screen.getByText('出发城市')).toBeTruthy())
    await waitFor(() => expect(document.querySelector('#field-originCity .field__hint')).toBeNull())
    await pick('originCity') // 东城区
    await pick('transport-mode') // 飞机
    type('transport-number', 'mu 5101')
    await pick('arrivalDate') // today on the server's clock
    await pick('departureDate') // the arrival day
    await waitFor(() => expect(document.querySelector('#field-district .field__hint')).toBeNull())
    await pick('district') // 黄浦区
    await waitFor(() => expect(document.querySelector('#field-street .field__hint')).toBeNull())
    await pick('street') // 南京东路街道
    await waitFor(() => expect(document.querySelector('#field-residence-communityId .field__hint')).toBeNull())
    await pick('residence-communityId') // 云南中路居委会
    expect(screen.getByText('云南中路居委会')).toBeTruthy()
    type('residence-address', '云南中路 18 弄 3 号 201 室')
    type('temperature', '36.5')
    await tap('没有接触')
    expect(screen.getByText(/只用于本市疫情防控期间的居家观察管理/)).toBeTruthy()
    await tap('提交登记')
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: STATUS }))
    const mine = declarations(backend).filter((d) => d.subject.docNumber === person.docNumber)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({
      originRegion: '110101',
      transport: { mode: 'flight', number: 'MU5101' },
      departureDate: '2020-02-10',
      arrivalDate: '2020-02-10',
      residence: { communityId: '310101002001', address: '云南中路 18 弄 3 号 201 室' },
      health: { temperature: 36.5, symptoms: [], contactWithCases: false },
      subject: { name: '欧阳娜娜', docNumber: person.docNumber },
    })
    expect(Object.keys(localStorage).filter((k) => k.startsWith('p:draft:'))).toEqual([])
  })

  it('shows a bad date, a bad flight number and a missing answer beside their fields, and sends nothing', async () => {
    const backend = testBackend()
    const draft: DeclareDraft = {
      ...EMPTY_DRAFT,
      originProvince: '330000',
      originCity: '330100',
      mode: 'flight',
      number: 'MU12345',
      departureDate: '2020-02-09',
      arrivalDate: '2020-02-08',
      district: '310101',
      street: '310101002',
      communityId: '310101002001',
      address: '云南中路 1 号',
      temperature: '36.5',
    }
    const person = await citizen(backend)
    freshApp(backend)
    writeJson(draftKey('returnees:declare'), draft)
    await login(person.code)
    const handle = jest.spyOn(backend, 'handle')
    renderPage(<DeclarePage />, { path: '/returnees/pages/declare/index' })
    await screen.findByText('提交登记')
    await tap('提交登记')
    expect(await screen.findByText('出发日期不能晚于抵沪日期')).toBeTruthy()
    expect(screen.getByText('航班号为航空公司代码加 1–4 位数字，如 MU5101、9C8888')).toBeTruthy()
    expect(screen.getByText('请选择是否接触过确诊或疑似病例')).toBeTruthy()
    expect(screen.getByText('请按红色提示修改后再提交')).toBeTruthy()
    expect(handle.mock.calls.filter(([req]) => req.method === 'POST')).toHaveLength(0)
  })

  it('keeps the form and its key after a failed submit; the retry makes exactly one declaration', async () => {
    const backend = testBackend()
    const draft: DeclareDraft = {
      ...EMPTY_DRAFT,
      originProvince: '420000',
      originCity: '420100',
      mode: 'train',
      number: 'G1722',
      departureDate: '2020-02-08',
      arrivalDate: '2020-02-08',
      district: '310101',
      street: '310101002',
      communityId: '310101002001',
      address: '云南中路 1 号',
      temperature: '36.8',
      contact: 'no',
    }
    const person = await citizen(backend)
    freshApp(backend)
    writeJson(draftKey('returnees:declare'), draft)
    await login(person.code)
    renderPage(<DeclarePage />, { path: '/returnees/pages/declare/index' })
    await screen.findByText('提交登记')
    expect((document.querySelector('input[name="transport-number"]') as HTMLInputElement).value).toBe('G1722')
    // The declaration reaches the server, but its answer is lost on the way back.
    const real = inProcessTransport(backend)
    api.setTransport(async (req) => {
      const res = await real(req)
      if (req.method === 'POST') throw new TransportFailure('request:fail', false)
      return res
    })
    await tap('提交登记')
    expect(await screen.findByText(/网络连接不畅/)).toBeTruthy()
    // The draft is written a moment after it changes: wait for the attempt's key to be in storage.
    await waitFor(() => expect(readDraft<DeclareDraft>('returnees:declare')?.attemptKey).toBeTruthy())
    const kept = readDraft<DeclareDraft>('returnees:declare')
    expect(kept?.number).toBe('G1722')
    expect(kept?.attemptKey).toMatch(/^[0-9a-f-]{36}$/)
    api.setTransport(real)
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    await tap('提交登记')
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: STATUS }))
    expect(declarations(backend).filter((d) => d.subject.docNumber === person.docNumber)).toHaveLength(1)
  })

  it('shows the server’s field error when its day moved on while the form was open, and keeps everything typed', async () => {
    const backend = testBackend()
    const draft: DeclareDraft = {
      ...EMPTY_DRAFT,
      originProvince: '320000',
      originCity: '320100',
      mode: 'car',
      number: '苏A12345',
      departureDate: '2020-01-11',
      arrivalDate: '2020-01-11',
      district: '310101',
      street: '310101002',
      communityId: '310101002001',
      address: '云南中路 2 号',
      temperature: '36.6',
      contact: 'no',
    }
    const person = await citizen(backend)
    freshApp(backend)
    writeJson(draftKey('returnees:declare'), draft)
    await login(person.code)
    renderPage(<DeclarePage />, { path: '/returnees/pages/declare/index' })
    await screen.findByText('提交登记')
    // Past midnight in Shanghai: 01-11 is now 31 days back, which only the server knows.
    setShanghai(backend, '2020-02-11T00:05:00')
    await tap('提交登记')
    expect(await screen.findByText(wholeText('只需登记 30 天内抵沪的人员'))).toBeTruthy()
    expect((document.querySelector('input[name="residence-address"]') as HTMLInputElement).value).toBe('云南中路 2 号')
    expect(readDraft<DeclareDraft>('returnees:declare')?.number).toBe('苏A12345')
    expect(declarations(backend).filter((d) => d.subject.docNumber === person.docNumber)).toHaveLength(0)
  })

  it('survives closing the app: the draft comes back', async () => {
    const backend = testBackend()
    await openForm(backend)
    type('residence-address', '福州路 9 号')
    type('temperature', '36.7')
    // The draft is written a moment after the last keystroke: wait until storage has it.
    await waitFor(() => expect(readDraft<DeclareDraft>('returnees:declare')?.temperature).toBe('36.7'))
    const stored = readDraft<DeclareDraft>('returnees:declare')
    expect(stored).toMatchObject({ address: '福州路 9 号', temperature: '36.7' })
  })

  it('sends someone who already has an open declaration to their status', async () => {
    const backend = testBackend()
    const person = await citizen(backend)
    await declare(backend, person.token, declarationBody(backend))
    freshApp(backend)
    await login(person.code)
    renderPage(<DeclarePage />, { path: '/returnees/pages/declare/index' })
    expect(await screen.findByText('你已有一条居家观察中的登记')).toBeTruthy()
  })
})

describe('daily check-in', () => {
  async function openCheckin(backend: Backend, overrides: Parameters<typeof declarationBody>[1] = { arrivalAgo: 2 }) {
    const person = await asCitizen(backend)
    const created = await declare(backend, person.token, declarationBody(backend, overrides))
    renderPage(<CheckinPage />, { path: '/returnees/pages/checkin/index' })
    await screen.findByText('提交今日打卡')
    return { person, id: created.body.id as string }
  }

  it('checks in a normal temperature once, and says so', async () => {
    const backend = testBackend()
    const { id } = await openCheckin(backend)
    expect(screen.getByText('居家观察第 3 天')).toBeTruthy()
    type('temperature', '36.4')
    await tap('提交今日打卡')
    expect(await screen.findByText('打卡成功')).toBeTruthy()
    const d = dictGet((backend.db.services.returnees as ReturneesState).checkins, id)!
    expect(d).toHaveLength(1)
    expect(d[0]).toMatchObject({ temperature: 36.4, by: 'self' })
  })

  it('a fever or a symptom says the status changed to 需重点关注', async () => {
    const backend = testBackend()
    await openCheckin(backend)
    type('temperature', '37.8')
    await tap('咳嗽')
    await tap('提交今日打卡')
    expect(await screen.findByText('你的状态已变为「需重点关注」')).toBeTruthy()
    expect(screen.getByText(/打卡体温 ≥ 37.3 ℃（37.8 ℃）、打卡时有症状/)).toBeTruthy()
    expect(screen.getByText(/前往就近发热门诊/)).toBeTruthy()
  })

  it('refuses an impossible temperature beside the field and sends nothing', async () => {
    const backend = testBackend()
    await openCheckin(backend)
    const handle = jest.spyOn(backend, 'handle')
    type('temperature', '34')
    await tap('提交今日打卡')
    expect(await screen.findByText(wholeText('体温应在 35.0–42.0 ℃ 之间，请重新测量'))).toBeTruthy()
    type('temperature', '3655')
    await tap('提交今日打卡')
    expect(await screen.findByText('体温请填写数字，如 36.5')).toBeTruthy()
    expect(handle.mock.calls.filter(([req]) => req.method === 'POST')).toHaveLength(0)
  })

  it('says today is done when it is, and there is nothing to check in without a declaration', async () => {
    const backend = testBackend()
    const person = await asCitizen(backend)
    const created = await declare(backend, person.token, declarationBody(backend))
    await checkin(backend, person.token, created.body.id)
    const first = renderPage(<CheckinPage />, { path: '/returnees/pages/checkin/index' })
    expect(await screen.findByText('今天已经打过卡了')).toBeTruthy()
    first.unmount()
    await asCitizen(backend, '李四')
    renderPage(<CheckinPage />, { path: '/returnees/pages/checkin/index' })
    expect(await screen.findByText('你没有需要打卡的登记')).toBeTruthy()
  })
})
