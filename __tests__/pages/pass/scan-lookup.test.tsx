import { screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { api, TransportFailure } from '@/core/api'
import { login } from '@/core/session/session'
import type { Backend } from '@/mock/backend'
import { splitUrl } from '@/mock/embedded/backendTransport'
import LookupPage from '@/pass/pages/lookup/index'
import ScanPage from '@/pass/pages/scan/index'
import { call, login as backendLogin, newResidentId, testBackend, verifiedCitizen } from '../../helpers/backend'
import { tap, type, valueOf, wholeText } from '../../helpers/drive'
import { freshApp, inProcessTransport, renderPage } from '../../helpers/pages'
import { COMMUNITY, declarationBody, declare } from '../../helpers/returnees'

const SCAN_PATH = '/pass/pages/scan/index'
const LOOKUP_PATH = '/pass/pages/lookup/index'
const STAFF_OUTLET = 'o310106-03'
const WORKER = `worker:${COMMUNITY}`
const STAFF = `staff:${STAFF_OUTLET}`

afterEach(() => jest.restoreAllMocks())

const masked = (doc: string) => `${doc.slice(0, 3)}***********${doc.slice(-4)}`

let people = 0
/** A verified person on `backend` (not on this device), with a token for direct calls. */
async function holder(backend: Backend, name = '欧阳娜娜') {
  people += 1
  return verifiedCitizen(backend, `pass-holder-${people}`, { name })
}

/** A fresh pass token of `person`, as their phone would show it. */
async function passTokenOf(backend: Backend, person: { token: string }): Promise<string> {
  const res = await call(backend, 'GET', '/pass', { token: person.token })
  expect(res.status).toBe(200)
  return res.body.token
}

/** The in-process backend, noting every request's method and path (under /api/v1). */
function recording(backend: Backend): string[] {
  const sent: string[] = []
  api.setTransport(inProcessTransport(backend, (req) => sent.push(`${req.method} ${splitUrl(req.url).path.replace(/^\/api\/v1/, '')}`)))
  return sent
}

/** This device signed in with `code`, on `page`, once its form is there. */
async function openAs(backend: Backend, code: string, page: 'scan' | 'lookup'): Promise<string[]> {
  freshApp(backend)
  await login(code)
  const sent = recording(backend)
  if (page === 'scan') {
    renderPage(<ScanPage />, { path: SCAN_PATH })
    await screen.findByText('扫描对方的通行码')
    await waitFor(() => expect(document.querySelector('input[name="token"]')).not.toBeNull())
  } else {
    renderPage(<LookupPage />, { path: LOOKUP_PATH })
    await screen.findByText('对方的证件')
    await waitFor(() => expect(document.querySelector('input[name="docNumber"]')).not.toBeNull())
  }
  return sent
}

const verifyCalls = (sent: string[]) => sent.filter((s) => s === 'POST /pass/verify').length
const lookupCalls = (sent: string[]) => sent.filter((s) => s === 'POST /pass/lookup').length

async function checksOf(backend: Backend, person: { token: string }) {
  return (await call(backend, 'GET', '/pass/checks', { token: person.token })).body
}

describe('the scan page', () => {
  it('is only for workers and staff: a citizen reads why and is sent home', async () => {
    const backend = testBackend()
    await verifiedCitizen(backend, 'pass-curious')
    freshApp(backend)
    await login('pass-curious')
    const switchTab = jest.spyOn(Taro, 'switchTab').mockImplementation(async () => ({ errMsg: 'ok' }))
    renderPage(<ScanPage />, { path: SCAN_PATH })
    expect(await screen.findByText('核验通行码仅对工作人员开放')).toBeTruthy()
    expect(screen.queryByText('扫描对方的通行码')).toBeNull()
    expect(document.querySelector('input[name="token"]')).toBeNull()
    await tap('回到首页')
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })

  it('checks a typed token and shows the answer over the whole screen: colour, masked holder, time', async () => {
    const backend = testBackend()
    const person = await holder(backend, '欧阳娜娜')
    const sent = await openAs(backend, WORKER, 'scan')
    const token = await passTokenOf(backend, person)
    type('token', token)
    await tap('核验')
    const dialog = await screen.findByRole('dialog', { name: '核验结果' })
    expect(within(dialog).getByText('绿码')).toBeTruthy()
    expect(within(dialog).getByText('可正常通行')).toBeTruthy()
    expect(within(dialog).getByText(`欧阳** ${masked(person.docNumber)}`)).toBeTruthy()
    expect(within(dialog).getByText('核验时间 2月10日 10:00')).toBeTruthy()
    expect(document.body.textContent).not.toContain(person.docNumber)
    expect(document.body.textContent).not.toContain('欧阳娜娜')
    expect(verifyCalls(sent)).toBe(1)
    // The check is on the holder's list.
    expect((await checksOf(backend, person)).total).toBe(1)

    await tap(within(dialog).getByText('继续核验'))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(valueOf('token')).toBe('')
  })

  it('shows the colour at the time of the check: yellow for someone observing at home', async () => {
    const backend = testBackend()
    const person = await holder(backend)
    const d = await declare(backend, person.token, declarationBody(backend))
    expect(d.status).toBe(201)
    await openAs(backend, WORKER, 'scan')
    type('token', await passTokenOf(backend, person))
    await tap('核验')
    const dialog = await screen.findByRole('dialog', { name: '核验结果' })
    expect(within(dialog).getByText('黄码')).toBeTruthy()
    expect(within(dialog).getByText(wholeText(/^居家观察至 \d+月\d+日$/))).toBeTruthy()
    expect(within(dialog).queryByText('绿码')).toBeNull()
  })

  it('says an altered token is no pass', async () => {
    const backend = testBackend()
    const person = await holder(backend)
    await openAs(backend, WORKER, 'scan')
    const token = await passTokenOf(backend, person)
    const altered = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21)
    type('token', altered)
    await tap('核验')
    const dialog = await screen.findByRole('dialog', { name: '核验结果' })
    expect(within(dialog).getByText('不是有效的通行码')).toBeTruthy()
    for (const word of ['绿码', '黄码', '红码']) expect(within(dialog).queryByText(word)).toBeNull()
    expect((await checksOf(backend, person)).total).toBe(0)
  })

  it('asks for a fresh code when the token has run out', async () => {
    const backend = testBackend()
    const person = await holder(backend)
    await openAs(backend, WORKER, 'scan')
    const token = await passTokenOf(backend, person)
    backend.clock.set(backend.clock.now() + 61_000)
    type('token', token)
    await tap('核验')
    const dialog = await screen.findByRole('dialog', { name: '核验结果' })
    expect(within(dialog).getByText('码已过期，请对方刷新后再扫')).toBeTruthy()
    for (const word of ['绿码', '黄码', '红码']) expect(within(dialog).queryByText(word)).toBeNull()
  })

  it('asks for a code before sending anything', async () => {
    const backend = testBackend()
    const sent = await openAs(backend, WORKER, 'scan')
    await tap('核验')
    expect(screen.getByText('请扫描或输入通行码')).toBeTruthy()
    type('token', '   ')
    await tap('核验')
    expect(screen.getByText('请扫描或输入通行码')).toBeTruthy()
    expect(verifyCalls(sent)).toBe(0)
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('keeps the typed code when the network fails, and checks it at the next tap', async () => {
    const backend = testBackend()
    const person = await holder(backend)
    await openAs(backend, WORKER, 'scan')
    const token = await passTokenOf(backend, person)
    api.setTransport(async () => {
      throw new TransportFailure('request:fail', false)
    })
    type('token', token)
    await tap('核验')
    expect(await screen.findByText(/^网络连接不畅.*。码还在，可以再点一次“核验”。$/)).toBeTruthy()
    expect(valueOf('token')).toBe(token)
    expect(screen.queryByRole('dialog')).toBeNull()

    api.setTransport(inProcessTransport(backend))
    await tap('核验')
    expect(within(await screen.findByRole('dialog', { name: '核验结果' })).getByText('绿码')).toBeTruthy()
    expect(screen.queryByText(/码还在/)).toBeNull()
  })

  it('checks what the camera read', async () => {
    const backend = testBackend()
    const person = await holder(backend)
    const sent = await openAs(backend, WORKER, 'scan')
    const token = await passTokenOf(backend, person)
    const scan = jest
      .spyOn(Taro, 'scanCode')
      .mockImplementation(async () => ({ result: token, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '', errMsg: 'ok' }))
    await tap('扫描对方的通行码')
    const dialog = await screen.findByRole('dialog', { name: '核验结果' })
    expect(within(dialog).getByText('绿码')).toBeTruthy()
    expect(within(dialog).getByText(`欧阳** ${masked(person.docNumber)}`)).toBeTruthy()
    expect(scan).toHaveBeenCalledTimes(1)
    expect(verifyCalls(sent)).toBe(1)
  })

  it('says so when the camera read nothing, and sends nothing', async () => {
    const backend = testBackend()
    const sent = await openAs(backend, WORKER, 'scan')
    jest.spyOn(Taro, 'scanCode').mockImplementation(async () => {
      throw { errMsg: 'scanCode:fail cancel' }
    })
    await tap('扫描对方的通行码')
    expect(await screen.findByText('没有扫到通行码，可以再扫一次，或把码输入下面的框里。')).toBeTruthy()
    expect(verifyCalls(sent)).toBe(0)
  })

  it('is open to outlet staff too', async () => {
    const backend = testBackend()
    const person = await holder(backend, '欧阳娜娜')
    await openAs(backend, STAFF, 'scan')
    type('token', await passTokenOf(backend, person))
    await tap('核验')
    const dialog = await screen.findByRole('dialog', { name: '核验结果' })
    expect(within(dialog).getByText('绿码')).toBeTruthy()
    const checks = await checksOf(backend, person)
    expect(checks.items.map((c: { by: string }) => c.by)).toEqual(['staff'])
  })
})

describe('the lookup page', () => {
  const USED_UP = wholeText('本小时的 30 次查询已用完，请稍后再查，或请对方出示通行码。')
  const limitText = (left: number) => wholeText(`为保护个人信息，每人每小时最多查询 30 次，查到与否都计入。本小时还可查询 ${left} 次。`)

  it('is only for workers and staff', async () => {
    const backend = testBackend()
    await verifiedCitizen(backend, 'pass-lookup-curious')
    freshApp(backend)
    await login('pass-lookup-curious')
    renderPage(<LookupPage />, { path: LOOKUP_PATH })
    expect(await screen.findByText('核验通行码仅对工作人员开放')).toBeTruthy()
    expect(document.querySelector('input[name="docNumber"]')).toBeNull()
  })

  it('says in Chinese what is wrong with the name or the number, and sends nothing', async () => {
    const backend = testBackend()
    const sent = await openAs(backend, WORKER, 'lookup')
    await tap('查询')
    expect(screen.getByText('请填写姓名')).toBeTruthy()
    expect(screen.getByText('请填写证件号码')).toBeTruthy()

    type('name', 'a')
    // A valid-looking number with the wrong check character.
    const doc = newResidentId(4242)
    type('docNumber', doc.slice(0, 17) + (doc[17] === '1' ? '2' : '1'))
    await tap('查询')
    expect(screen.getByText(wholeText('姓名应与证件一致：2 个以上汉字，或英文字母'))).toBeTruthy()
    expect(screen.getByText('身份证号校验位不正确，请逐位核对')).toBeTruthy()

    type('docNumber', '1101051949')
    await tap('查询')
    expect(screen.getByText(wholeText('身份证号应为 18 位'))).toBeTruthy()
    expect(lookupCalls(sent)).toBe(0)
    expect(screen.getByText(limitText(30))).toBeTruthy()
  })

  it('shows the answer for a match, counts it, and clears the form for the next person', async () => {
    const backend = testBackend()
    const person = await holder(backend, '欧阳娜娜')
    const sent = await openAs(backend, WORKER, 'lookup')
    expect(screen.getByText(limitText(30))).toBeTruthy()
    type('name', '欧阳娜娜')
    type('docNumber', person.docNumber)
    await tap('查询')
    const dialog = await screen.findByRole('dialog', { name: '核验结果' })
    expect(within(dialog).getByText('绿码')).toBeTruthy()
    expect(within(dialog).getByText(`欧阳** ${masked(person.docNumber)}`)).toBeTruthy()
    expect(within(dialog).getByText('核验时间 2月10日 10:00')).toBeTruthy()
    expect(screen.getByText(limitText(29))).toBeTruthy()
    expect(lookupCalls(sent)).toBe(1)
    expect((await checksOf(backend, person)).total).toBe(1)

    await tap(within(dialog).getByText('查下一位'))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(valueOf('name')).toBe('')
    expect(valueOf('docNumber')).toBe('')
    expect(document.body.textContent).not.toContain(person.docNumber)
  })

  it('says 没有查到 when the name does not match, keeps the form, and counts it', async () => {
    const backend = testBackend()
    const person = await holder(backend, '欧阳娜娜')
    await openAs(backend, WORKER, 'lookup')
    type('name', '李四')
    type('docNumber', person.docNumber)
    await tap('查询')
    expect(await screen.findByText(/^没有查到：/)).toBeTruthy()
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(valueOf('name')).toBe('李四')
    expect(valueOf('docNumber')).toBe(person.docNumber)
    expect(screen.getByText(limitText(29))).toBeTruthy()
    expect((await checksOf(backend, person)).total).toBe(0)
  })

  it('says so when the hour’s 30 lookups are used, and keeps the form', async () => {
    const backend = testBackend()
    const person = await holder(backend, '欧阳娜娜')
    const { token } = await backendLogin(backend, WORKER)
    const right = { name: '欧阳娜娜', docType: 'resident_id', docNumber: person.docNumber }
    for (let i = 0; i < 29; i += 1) {
      expect((await call(backend, 'POST', '/pass/lookup', { token, body: right })).status).toBe(200)
    }
    await openAs(backend, WORKER, 'lookup')
    // The 30th, from the page: still answered.
    type('name', '欧阳娜娜')
    type('docNumber', person.docNumber)
    await tap('查询')
    await tap(within(await screen.findByRole('dialog', { name: '核验结果' })).getByText('查下一位'))
    // The 31st is refused, and says why.
    type('name', '欧阳娜娜')
    type('docNumber', person.docNumber)
    await tap('查询')
    expect(await screen.findByText('每小时最多查询 30 次，请 60 分钟后再查，或请对方出示通行码')).toBeTruthy()
    // This phone made only one of them; the banner believes the server, not its own count.
    expect(screen.getByText(USED_UP)).toBeTruthy()
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(valueOf('name')).toBe('欧阳娜娜')
    expect(valueOf('docNumber')).toBe(person.docNumber)
    expect((await checksOf(backend, person)).total).toBe(30)
  })

  it('counts down on this device, warns when few are left, and says when none are', async () => {
    const backend = testBackend()
    const person = await holder(backend, '欧阳娜娜')
    await openAs(backend, STAFF, 'lookup')
    type('name', '李四')
    type('docNumber', person.docNumber)
    for (let left = 29; left >= 1; left -= 1) {
      await tap('查询')
      expect(await screen.findByText(limitText(left))).toBeTruthy()
      // Below 5 left, the banner turns to a warning.
      expect(document.querySelector(left < 5 ? '.banner--warning' : '.banner--info')).not.toBeNull()
    }
    await tap('查询')
    expect(await screen.findByText(USED_UP)).toBeTruthy()
    // The server holds the count: the next one is refused.
    await tap('查询')
    expect(await screen.findByText(/^每小时最多查询 30 次/)).toBeTruthy()
  })

  it('is open to outlet staff too', async () => {
    const backend = testBackend()
    const person = await holder(backend, '欧阳娜娜')
    await openAs(backend, STAFF, 'lookup')
    type('name', '欧阳娜娜')
    type('docNumber', person.docNumber)
    await tap('查询')
    expect(within(await screen.findByRole('dialog', { name: '核验结果' })).getByText('绿码')).toBeTruthy()
    const checks = await checksOf(backend, person)
    expect(checks.items.map((c: { by: string; place: string }) => [c.by, c.place])).toEqual([['staff', '童涵春堂（南京西路店）']])
  })
})
