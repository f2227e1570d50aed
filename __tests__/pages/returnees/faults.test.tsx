/**
 * The returnees forms on a bad network: the submit fails (a 500, a dropped request, or the answer
 * lost after the server acted) and every reload behind it fails too. What was typed stays, the
 * reason is said beside the button, the retry carries the same Idempotency-Key (where the contract
 * takes one), and nothing is recorded twice.
 */
import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import DeclarePage from '@/returnees/pages/declare/index'
import RegisterPage from '@/returnees/pages/register/index'
import CheckinPage from '@/returnees/pages/checkin/index'
import PersonPage from '@/returnees/pages/person/index'
import { EMPTY_DRAFT, type DeclareDraft } from '@/returnees/components/DeclarationForm'
import { draftKey } from '@/core/storage/drafts'
import { writeJson } from '@/core/storage/storage'
import type { Backend } from '@/mock/backend'
import { dictGet } from '@/mock/core/dict'
import type { ReturneesState } from '@/mock/returnees/state'
import { testBackend } from '../../helpers/backend'
import { tap, textareaShown, type, valueOf } from '../../helpers/drive'
import { renderPage } from '../../helpers/pages'
import { COMMUNITY, citizen, declarationBody, declare, freshDoc } from '../../helpers/returnees'
import { FAULTS, expectOneKey, failThenRetry, faultyNet, reads } from '../faults'
import { asCitizen, asWorker } from './setup'

beforeEach(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'ok', content: '' }))
})
afterEach(() => jest.restoreAllMocks())

const state = (backend: Backend) => backend.db.services.returnees as ReturneesState

describe('declaring on a bad network', () => {
  const filled: DeclareDraft = {
    ...EMPTY_DRAFT,
    originProvince: '330000',
    originCity: '330100',
    mode: 'train',
    number: 'G7501',
    departureDate: '2020-02-09',
    arrivalDate: '2020-02-09',
    district: '310101',
    street: '310101002',
    communityId: COMMUNITY,
    address: '云南中路 1 号',
    temperature: '36.6',
    contact: 'no',
  }

  it.each(FAULTS)('keeps a citizen’s declaration after %s, says so beside the button, and declares once', async (_what, fault, said) => {
    const backend = testBackend()
    const person = await asCitizen(backend)
    writeJson(draftKey('returnees:declare'), filled)
    const net = faultyNet(backend)
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderPage(<DeclarePage />, { path: '/returnees/pages/declare/index' })
    await screen.findByText('提交登记')
    await failThenRetry(net, { path: '/returnees/declarations', fault, said, button: '提交登记' }, () => {
      expect(valueOf('residence-address')).toBe('云南中路 1 号')
      expect(valueOf('transport-number')).toBe('G7501')
    })
    await waitFor(() => expect(redirect).toHaveBeenCalled())
    expectOneKey(net.keys('POST', '/returnees/declarations'))
    expect(Object.values(state(backend).declarations).filter((d) => d.subject.docNumber === person.docNumber)).toHaveLength(1)
  })

  it.each(FAULTS)('keeps a worker’s registration after %s, says so beside the button, and registers once', async (_what, fault, said) => {
    const backend = testBackend()
    await asWorker(backend)
    const doc = freshDoc()
    writeJson(draftKey('returnees:register'), { ...filled, subjectName: '诸葛建国', subjectDocNumber: doc })
    const net = faultyNet(backend)
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderPage(<RegisterPage />, { path: '/returnees/pages/register/index' })
    await screen.findByText('为居民提交登记')
    await failThenRetry(net, { path: '/returnees/declarations', fault, said, button: '为居民提交登记' }, () => {
      expect(valueOf('subject-name')).toBe('诸葛建国')
      expect(valueOf('subject-docNumber')).toBe(doc)
    })
    await waitFor(() => expect(redirect).toHaveBeenCalled())
    expect(new Set(net.keys('POST', '/returnees/declarations')).size).toBe(1)
    expect(Object.values(state(backend).declarations).filter((d) => d.subject.docNumber === doc)).toHaveLength(1)
  })
})

describe('the daily check-in on a bad network', () => {
  it.each(FAULTS)(
    'keeps the temperature after %s, says so beside the button, and checks in once with one key',
    async (_what, fault, said) => {
      const backend = testBackend()
      const person = await asCitizen(backend)
      const created = await declare(backend, person.token, declarationBody(backend, { arrivalAgo: 2 }))
      const net = faultyNet(backend)
      renderPage(<CheckinPage />, { path: '/returnees/pages/checkin/index' })
      await screen.findByText('提交今日打卡')
      type('temperature', '37.6')
      await failThenRetry(net, { path: '/checkins', fault, said, button: '提交今日打卡' }, () => {
        expect(valueOf('temperature')).toBe('37.6')
      })
      // The server's answer to the first check-in, not "already done": the fever it raised is said.
      expect(await screen.findByText('你的状态已变为「需重点关注」')).toBeTruthy()
      expectOneKey(net.keys('POST', '/checkins'))
      expect(dictGet(state(backend).checkins, created.body.id as string)).toHaveLength(1)
    },
  )
})

describe('a person’s page on a bad network', () => {
  async function openPerson() {
    const backend = testBackend()
    const person = await citizen(backend)
    const created = await declare(backend, person.token, declarationBody(backend, { arrivalAgo: 3 }))
    const id = created.body.id as string
    await asWorker(backend)
    const net = faultyNet(backend)
    renderPage(<PersonPage />, { path: '/returnees/pages/person/index', params: { id } })
    await screen.findByText('上门代为打卡')
    return { backend, net, id }
  }

  it.each(FAULTS)('keeps a door check-in after %s, says so beside its button, and records it once', async (_what, fault, said) => {
    const { backend, net, id } = await openPerson()
    type('temperature', '36.9')
    await failThenRetry(net, { path: '/checkins', fault, said, button: '记录今日打卡' }, () => {
      expect(valueOf('temperature')).toBe('36.9')
    })
    expect(await screen.findByText('今日已打卡')).toBeTruthy()
    expect(new Set(net.keys('POST', '/checkins')).size).toBe(1)
    expect(dictGet(state(backend).checkins, id)).toHaveLength(1)
  })

  it.each(FAULTS)('keeps an escalation note after %s, says so beside its button, and records it once', async (_what, fault, said) => {
    const { backend, net, id } = await openPerson()
    type(document.querySelector('taro-textarea-core'), '家属反映咳嗽，已联系社区医生')
    await failThenRetry(net, { path: '/escalate', fault, said, button: '上报' }, () => {
      expect(textareaShown()).toBe('家属反映咳嗽，已联系社区医生')
    })
    expect(await screen.findByText(/家属反映咳嗽，已联系社区医生/)).toBeTruthy()
    expect(dictGet(state(backend).declarations, id)!.notes.map((n) => n.text)).toEqual(['家属反映咳嗽，已联系社区医生'])
  })

  it('keeps the page when the reload after a door check-in fails, and says the check-in is recorded', async () => {
    const { backend, net, id } = await openPerson()
    type('temperature', '36.9')
    net.set(reads('drop'))
    await tap('记录今日打卡')
    await waitFor(() => expect(dictGet(state(backend).checkins, id)).toHaveLength(1))
    await waitFor(() => expect(screen.getByText(/已记录.*刷新/)).toBeTruthy())
    expect(screen.queryByText('没能打开这条登记')).toBeNull()
    expect(screen.getByText('基本信息')).toBeTruthy()
    // Nothing invites a second check-in meanwhile.
    expect(screen.queryByText('记录今日打卡')).toBeNull()
  })
})
