import { screen } from '@testing-library/react'
import VerifyPage from '@/pages/verify/index'
import DeclarePage from '@/returnees/pages/declare/index'
import ApplyPage from '@/jobs/pages/apply/index'
import { TEXT_LIMITS } from '@/core/contract'
import { testBackend } from '../helpers/backend'
import { tap, type, wholeText } from '../helpers/drive'
import { listJobs } from '../helpers/jobs'
import { asVerified, freshApp, renderPage } from '../helpers/pages'
import { renderVerify } from './verify-setup'

/**
 * A field at its limit says so beside it: a counter near the maximum and "最多 N 个字" at it. The
 * box itself stops at the maximum (`maxlength`); jsdom does not enforce `maxlength`, so typing past
 * it here stands for a longer draft or a pasted text, which the page shows as over, never cut.
 */
beforeEach(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => jest.restoreAllMocks())

/** The note under the field `id` (its `#field-<id>`): the counter and the limit line. */
function noteOf(id: string): { count: string | null; limit: string | null } {
  const field = document.querySelector(`#field-${id}`)
  if (!field) throw new Error(`no field ${id}`)
  return {
    count: field.querySelector('.field__count')?.textContent ?? null,
    limit: field.querySelector('.field__limit')?.textContent ?? null,
  }
}

function inputNamed(name: string): HTMLInputElement {
  return document.querySelector(`input[name="${name}"]`) as HTMLInputElement
}

describe('verification page: the name', () => {
  it('stops the box at the contract limit, counts near it and says the maximum; typed past it, shows how far over', async () => {
    freshApp()
    await renderVerify()
    const max = TEXT_LIMITS.name
    expect(inputNamed('name').maxLength).toBe(max)

    type('name', '张三')
    expect(noteOf('name')).toEqual({ count: null, limit: null })
    type('name', 'A'.repeat(max - 10))
    expect(noteOf('name')).toEqual({ count: `${max - 10}/${max}`, limit: null })
    type('name', 'A'.repeat(max))
    expect(noteOf('name')).toEqual({ count: `${max}/${max}`, limit: `最多 ${max} 个字` })
    type('name', 'A'.repeat(max + 5))
    expect(noteOf('name')).toEqual({ count: `${max + 5}/${max}`, limit: `最多 ${max} 个字，已超出 5 个字` })
    // Never cut: the box keeps what it holds, and the form says what to change.
    expect(inputNamed('name').value).toHaveLength(max + 5)
    await tap('提交认证')
    expect(await screen.findByText(wholeText(`姓名不能超过 ${max} 个字`))).toBeTruthy()
  })

  it('no longer stops a document number or phone early: their boxes stop at the contract limits', async () => {
    freshApp()
    renderPage(<VerifyPage />, { path: '/pages/verify/index' })
    await screen.findByText('获取验证码')
    expect(inputNamed('docNumber').maxLength).toBe(TEXT_LIMITS.docNumber)
    expect(inputNamed('phone').maxLength).toBe(TEXT_LIMITS.phone)
  })
})

describe('declaration form: the address', () => {
  it('counts toward 100, says the maximum at it, and refuses to send more', async () => {
    const backend = freshApp(testBackend())
    await asVerified(backend, 'address-limit')
    const handle = jest.spyOn(backend, 'handle')
    renderPage(<DeclarePage />, { path: '/returnees/pages/declare/index' })
    await screen.findByText('提交登记')
    const max = TEXT_LIMITS.address
    expect(inputNamed('residence-address').maxLength).toBe(max)
    type('residence-address', '号'.repeat(max))
    expect(noteOf('residence-address')).toEqual({ count: `${max}/${max}`, limit: `最多 ${max} 个字` })
    type('residence-address', '号'.repeat(max + 1))
    expect(noteOf('residence-address').limit).toBe(`最多 ${max} 个字，已超出 1 个字`)
    await tap('提交登记')
    expect(await screen.findByText(wholeText(`详细地址不能超过 ${max} 个字`))).toBeTruthy()
    expect(handle.mock.calls.filter(([req]) => req.path.endsWith('/returnees/declarations') && req.method === 'POST')).toHaveLength(0)
  })
})

describe('apply page: the message', () => {
  it('counts from the first character; 2,000 characters show as over the limit and are not sent', async () => {
    const backend = freshApp(testBackend())
    const [job] = (await listJobs(backend)).items
    await asVerified(backend, 'long-message')
    const handle = jest.spyOn(backend, 'handle')
    renderPage(<ApplyPage />, { path: '/jobs/pages/apply/index', params: { id: job.id } })
    await screen.findByText('确认投递')
    const max = TEXT_LIMITS.applicationMessage
    const box = document.querySelector('taro-textarea-core')
    expect(box?.getAttribute('maxlength')).toBe(String(max))
    expect(noteOf('message').count).toBe(`0/${max}`)
    type(box, '字'.repeat(2000))
    expect(noteOf('message')).toEqual({ count: `2000/${max}`, limit: `最多 ${max} 个字，已超出 ${2000 - max} 个字` })
    await tap('确认投递')
    expect(await screen.findByText(wholeText(`附言不能超过 ${max} 个字`))).toBeTruthy()
    expect(handle.mock.calls.filter(([req]) => req.path.endsWith('/applications') && req.method === 'POST')).toHaveLength(0)
  })
})
