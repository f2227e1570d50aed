/**
 * The worker console's search goes into the query string (`q`), which servers and proxies log. It
 * matches only what the worker already sees, so a full document number or mobile number can find
 * no one: typed, it is refused on the phone with a word under the box, and never sent.
 */
import { screen, waitFor } from '@testing-library/react'
import ConsolePage from '@/returnees/pages/console/index'
import { testBackend } from '../../helpers/backend'
import { tap, type } from '../../helpers/drive'
import { renderPage } from '../../helpers/pages'
import { citizen, declarationBody, declare } from '../../helpers/returnees'
import { faultyNet } from '../faults'
import { asWorker } from './setup'

beforeEach(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => jest.restoreAllMocks())

const REFUSAL = '请只输入证件号或手机号的后四位'

async function openConsole() {
  const backend = testBackend()
  const person = await citizen(backend, '欧阳娜娜')
  await declare(backend, person.token, declarationBody(backend, { arrivalAgo: 2 }))
  await asWorker(backend)
  const net = faultyNet(backend)
  renderPage(<ConsolePage />, { path: '/returnees/pages/console/index' })
  expect(await screen.findByText('全部：共 15 人')).toBeTruthy()
  return { backend, net, person }
}

/** The `q` of every community-list request the page sent, in order. */
const sentQueries = (net: ReturnType<typeof faultyNet>) =>
  net.sent.filter((s) => s.path === '/returnees/community/declarations').map((s) => s.query.q)

describe('the console search and personal numbers', () => {
  it('says in the box what it can find', async () => {
    await openConsole()
    const box = document.querySelector('input[name="q"]') as HTMLInputElement
    expect(box.getAttribute('placeholder')).toMatch(/后四位/)
    const field = document.querySelector('#field-q')!
    expect(field.textContent).toMatch(/只能搜.*打码后.*姓.*证件号.*手机号.*后四位.*地址.*出发地.*车次/)
  })

  it('refuses a full mobile number under the box and sends no request with it', async () => {
    const { net, person } = await openConsole()
    type('q', person.phone)
    await tap('搜索')
    expect(document.querySelector('#field-q')!.textContent).toContain(REFUSAL)
    // Spaces, hyphens, +86 or full-width digits make no difference.
    for (const typed of [
      `+86 ${person.phone.slice(0, 3)} ${person.phone.slice(3, 7)} ${person.phone.slice(7)}`,
      '１３８００１３８０００',
    ]) {
      type('q', typed)
      await tap('搜索')
      expect(document.querySelector('#field-q')!.textContent).toContain(REFUSAL)
    }
    expect(net.sent.some((s) => s.url.includes(person.phone) || decodeURIComponent(s.url).includes(person.phone))).toBe(false)
    expect(sentQueries(net).filter(Boolean)).toEqual([])
    // The list shown is the one before: nothing was searched.
    expect(screen.getByText('全部：共 15 人')).toBeTruthy()
  })

  it.each([
    ['an 18-digit resident ID', (doc: string) => doc],
    ['a resident ID typed in groups', (doc: string) => `${doc.slice(0, 6)} ${doc.slice(6, 14)} ${doc.slice(14)}`],
    ['an old 15-digit ID', () => '310101800101123'],
    ['a passport', () => 'E12345678'],
    ['a Hong Kong and Macau permit', () => 'H1234567890'],
    ['a foreigner’s permanent ID', () => 'USA123456789012'],
  ])('refuses %s and sends no request with it', async (_what, typed) => {
    const { net, person } = await openConsole()
    const text = typed(person.docNumber)
    type('q', text)
    await tap('搜索')
    expect(document.querySelector('#field-q')!.textContent).toContain(REFUSAL)
    expect(net.sent.some((s) => s.url.replace(/%20|\+/g, '').includes(text.replace(/\s/g, '')))).toBe(false)
    expect(sentQueries(net).filter(Boolean)).toEqual([])
  })

  it('sends what the worker sees: the last four, a name, a train, and the refusal goes once the box changes', async () => {
    const { net, person } = await openConsole()
    type('q', person.phone)
    await tap('搜索')
    expect(document.querySelector('#field-q')!.textContent).toContain(REFUSAL)
    type('q', person.docNumber.slice(-4))
    expect(document.querySelector('#field-q')!.textContent).not.toContain(REFUSAL)
    await tap('搜索')
    expect(await screen.findByText('欧阳**')).toBeTruthy()
    await waitFor(() => expect(sentQueries(net)).toContain(person.docNumber.slice(-4)))
    for (const ok of ['欧阳', 'G7501', '云南中路 18 弄']) {
      type('q', ok)
      await tap('搜索')
      await waitFor(() => expect(sentQueries(net)).toContain(ok))
    }
  })
})
