import { screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ConsolePage from '@/returnees/pages/console/index'
import PersonPage from '@/returnees/pages/person/index'
import RegisterPage from '@/returnees/pages/register/index'
import { EMPTY_DRAFT, type DeclareDraft } from '@/returnees/components/DeclarationForm'
import { login } from '@/core/session/session'
import { draftKey } from '@/core/storage/drafts'
import { writeJson } from '@/core/storage/storage'
import type { Backend } from '@/mock/backend'
import { dictGet } from '@/mock/core/dict'
import type { ReturneesState } from '@/mock/returnees/state'
import { testBackend } from '../../helpers/backend'
import { tap, type, wholeText } from '../../helpers/drive'
import { freshApp, renderPage } from '../../helpers/pages'
import { COMMUNITY, citizen, declarationBody, declare, freshDoc } from '../../helpers/returnees'
import { asWorker } from './setup'

function state(backend: Backend): ReturneesState {
  return backend.db.services.returnees as ReturneesState
}

beforeEach(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => jest.restoreAllMocks())

describe('the worker console', () => {
  it('shows today’s numbers and a masked list; no full name or document number anywhere', async () => {
    const backend = testBackend()
    const person = await citizen(backend, '欧阳娜娜')
    await declare(backend, person.token, declarationBody(backend, { arrivalAgo: 2 }))
    await asWorker(backend)
    renderPage(<ConsolePage />, { path: '/returnees/pages/console/index' })
    expect(await screen.findByText('7 人')).toBeTruthy() // 6 seeded + the new one, due today
    expect(screen.getByText('今日还未打卡')).toBeTruthy()
    expect(Array.from(document.querySelectorAll('.returnees-console__label')).map((e) => e.textContent)).toEqual([
      '观察中',
      '需重点关注',
      '今日期满',
      '今日解除',
      '登记总数',
    ])
    expect(Array.from(document.querySelectorAll('.returnees-console__num')).map((e) => e.textContent)).toEqual(['10', '3', '2', '1', '15'])
    expect(await screen.findByText('欧阳**')).toBeTruthy()
    expect(screen.getByText('全部：共 15 人')).toBeTruthy()
    const text = document.body.textContent ?? ''
    expect(text).not.toContain('欧阳娜娜')
    expect(text).not.toContain(person.docNumber)
    for (const d of Object.values(state(backend).declarations)) {
      expect(text).not.toContain(d.subject.docNumber)
      if (d.subject.phone) expect(text).not.toContain(d.subject.phone)
    }
  })

  it('filters by status and searches only what is shown', async () => {
    const backend = testBackend()
    const person = await citizen(backend, '欧阳娜娜')
    await declare(backend, person.token, declarationBody(backend, { arrivalAgo: 2 }))
    await asWorker(backend)
    renderPage(<ConsolePage />, { path: '/returnees/pages/console/index', params: { status: 'flagged' } })
    expect(await screen.findByText('需关注：共 3 人')).toBeTruthy()
    expect(screen.queryByText('欧阳**')).toBeNull()
    await tap('✓ 需关注')
    await tap('全部')
    expect(await screen.findByText('全部：共 15 人')).toBeTruthy()
    type('q', '欧阳娜娜')
    await tap('搜索')
    expect(await screen.findByText('没有找到“欧阳娜娜”')).toBeTruthy()
    expect(screen.getByText(/只能按打码后看得到的内容搜索/)).toBeTruthy()
    type('q', '欧阳')
    await tap('搜索')
    expect(await screen.findByText('欧阳**')).toBeTruthy()
    expect(screen.getByText('全部：共 1 人')).toBeTruthy()
  })

  it('is only for workers', async () => {
    const backend = testBackend()
    const person = await citizen(backend)
    freshApp(backend)
    await login(person.code)
    renderPage(<ConsolePage />, { path: '/returnees/pages/console/index' })
    expect(await screen.findByText('这个页面供社区工作人员使用')).toBeTruthy()
  })

  it('downloads the day’s report as a CSV with a BOM in H5', async () => {
    const backend = testBackend()
    await asWorker(backend)
    const blobs: Blob[] = []
    const clicks: string[] = []
    Object.assign(URL, {
      createObjectURL: (b: Blob) => {
        blobs.push(b)
        return 'blob:report'
      },
      revokeObjectURL: () => undefined,
    })
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download)
    })
    renderPage(<ConsolePage />, { path: '/returnees/pages/console/index' })
    await screen.findByText(/全部：共/)
    await tap('下载今日日报（CSV）')
    await waitFor(() => expect(clicks).toEqual(['返沪人员日报-云南中路居委会-2020-02-10.csv']))
    const read = <T,>(how: (r: FileReader) => void) =>
      new Promise<T>((resolve) => {
        const reader = new FileReader()
        reader.onload = () => resolve(reader.result as T)
        how(reader)
      })
    const bytes = new Uint8Array(await read<ArrayBuffer>((r) => r.readAsArrayBuffer(blobs[0])))
    // The UTF-8 BOM that tells Excel the file is UTF-8.
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf])
    expect(await read<string>((r) => r.readAsText(blobs[0]))).toContain('序号,姓名,证件号码')
    expect(blobs[0].type).toBe('text/csv;charset=utf-8')
  })
})

describe('a person’s detail', () => {
  it('records a check-in at the door, escalates with a note, and shows the timeline', async () => {
    const backend = testBackend()
    const person = await citizen(backend)
    const created = await declare(backend, person.token, declarationBody(backend, { arrivalAgo: 3 }))
    await asWorker(backend)
    jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'ok' }))
    renderPage(<PersonPage />, { path: '/returnees/pages/person/index', params: { id: created.body.id } })
    expect(await screen.findByText('上门代为打卡')).toBeTruthy()
    expect(screen.getByText(wholeText('观察期至 2020-02-21，还有 11 天，期满当天起可以解除。'))).toBeTruthy()
    type('temperature', '36.9')
    await tap('记录今日打卡')
    expect(await screen.findByText('今日已打卡')).toBeTruthy()
    expect(screen.getByText(/社区工作人员代为打卡/)).toBeTruthy()
    expect(dictGet(state(backend).checkins, created.body.id)![0]).toMatchObject({ by: 'worker', temperature: 36.9 })
    await tap('上报')
    expect(await screen.findByText(wholeText('请写明情况，如 上门测温 37.6 ℃'))).toBeTruthy()
    type(document.querySelector('textarea'), '家属反映咳嗽，已联系社区医生')
    await tap('上报')
    expect(await screen.findByText(/家属反映咳嗽，已联系社区医生/)).toBeTruthy()
    expect(screen.getByText('关注原因：社区工作人员上报')).toBeTruthy()
    expect(screen.getByText('此人需要重点关注，不能直接解除居家观察。请按流程上报街道和卫生部门处置。')).toBeTruthy()
  })

  it('releases from the end date on, after confirmation', async () => {
    const backend = testBackend()
    const person = await citizen(backend)
    const created = await declare(backend, person.token, declarationBody(backend, { arrivalAgo: 14 }))
    await asWorker(backend)
    const modal = jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'ok' }))
    renderPage(<PersonPage />, { path: '/returnees/pages/person/index', params: { id: created.body.id } })
    await screen.findByText('基本信息')
    await tap('解除居家观察')
    expect(await screen.findByText(wholeText(/已于 2020-02-10 解除居家观察/))).toBeTruthy()
    expect(modal).toHaveBeenCalled()
    expect(dictGet(state(backend).declarations, created.body.id)!.status).toBe('released')
  })

  it('refuses another community’s person with the server’s message', async () => {
    const backend = testBackend()
    const person = await citizen(backend)
    const created = await declare(backend, person.token, declarationBody(backend))
    await asWorker(backend, '310104003001')
    renderPage(<PersonPage />, { path: '/returnees/pages/person/index', params: { id: created.body.id } })
    expect(await screen.findByText('没能打开这条登记')).toBeTruthy()
    expect(screen.getByText('只能查看本人或本社区的登记。')).toBeTruthy()
  })
})

describe('registering someone without a phone', () => {
  function draft(docNumber: string): DeclareDraft {
    return {
      ...EMPTY_DRAFT,
      subjectName: '诸葛建国',
      subjectDocNumber: docNumber,
      originProvince: '340000',
      originCity: '340100',
      mode: 'coach',
      departureDate: '2020-02-09',
      arrivalDate: '2020-02-09',
      address: '云南中路 30 号',
      temperature: '36.6',
      contact: 'no',
    }
  }

  it('validates the typed identity beside its field, then registers into the worker’s own community', async () => {
    const backend = testBackend()
    await asWorker(backend)
    const good = freshDoc()
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0')
    writeJson(draftKey('returnees:register'), draft(bad))
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderPage(<RegisterPage />, { path: '/returnees/pages/register/index' })
    await screen.findByText('为居民提交登记')
    expect(await screen.findByText('黄浦区 南京东路街道 云南中路居委会')).toBeTruthy()
    await tap('为居民提交登记')
    expect(await screen.findByText('身份证号校验位不正确，请逐位核对')).toBeTruthy()
    type('subject-docNumber', good)
    await tap('为居民提交登记')
    await waitFor(() => expect(redirect).toHaveBeenCalled())
    const made = Object.values(state(backend).declarations).find((d) => d.subject.docNumber === good)
    expect(made).toMatchObject({ createdBy: 'worker', residence: { communityId: COMMUNITY }, subject: { name: '诸葛建国' } })
    expect(redirect).toHaveBeenCalledWith({ url: `/returnees/pages/person/index?id=${made!.id}` })
  })
})
