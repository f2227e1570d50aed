import { call, testBackend, verifiedCitizen } from '../helpers/backend'
import { freshDoc } from '../helpers/returnees'
import { clearWeappStorage, hostPage, type HostedPage } from './harness'

// Each test hosts the page twice (see openAs); a busy machine needs more than 5 s.
jest.setTimeout(30_000)

beforeEach(() => {
  jest.resetModules()
  clearWeappStorage()
})

const MEMBERS = 'family/pages/members/index'
const ADD = 'family/pages/add/index'

type Backend = ReturnType<typeof testBackend>
type Fn = (...args: unknown[]) => unknown
const wx = () => (globalThis as unknown as { wx: Record<string, Fn> }).wx

/**
 * Opens `pagePath` as the account of login `code`: the first visit makes this device's own
 * account (unverified, so the guard sends it to verification); the device is then pointed at
 * `code` and the page opened again, as a relaunch would.
 */
async function openAs(pagePath: string, backend: Backend, code: string, ready: string): Promise<HostedPage> {
  const first = await hostPage(pagePath, backend)
  await first.waitUntil(
    () => first.navigations.some((url) => url.startsWith('/pages/verify/index')),
    'the redirect to verification',
    15_000,
  )
  first.unload()
  wx().setStorageSync('app:device-key', JSON.stringify(code))
  wx().removeStorageSync('p:session')
  jest.resetModules()
  const page = await hostPage(pagePath, backend)
  await page.waitForText(ready, 15_000).catch((e: Error) => {
    throw new Error(`${e.message}; went to: ${page.navigations.join(', ')}`)
  })
  return page
}

const masked = (doc: string) => `${doc.slice(0, 3)}***********${doc.slice(-4)}`

const membersOf = async (backend: Backend, token: string) =>
  (await call(backend, 'GET', '/family/members', { token })).body.items as { name: string; relation: string }[]

describe('家人, weapp build', () => {
  it('lists a member added through the backend with the document masked, and removes them', async () => {
    const backend = testBackend()
    const me = await verifiedCitizen(backend, 'family-weapp-owner', { name: '李建国' })
    const doc = freshDoc()
    const added = await call(backend, 'POST', '/family/members', {
      token: me.token,
      body: { name: '王秀英', docType: 'resident_id', docNumber: doc, relation: 'parent' },
    })
    expect(added.status).toBe(201)
    const page = await openAs(MEMBERS, backend, 'family-weapp-owner', '王秀英')
    const text = page.text()
    expect(text).toContain('我的家人')
    expect(text).toContain('父母')
    expect(text).toContain(`居民身份证 ${masked(doc)}`)
    expect(text).not.toContain(doc)
    expect(text).not.toContain(me.docNumber)
    expect(text).toContain('1/5 位')

    // The host's showModal confirms.
    await page.tap('btn--danger', '移除')
    await page.waitUntil(() => !page.text().includes('王秀英'), 'the member to leave the list')
    await page.waitForText('还没有添加家人')
    expect(page.requests.filter((r) => r.method === 'DELETE' && r.url.endsWith(`/family/members/${added.body.id}`))).toHaveLength(1)
    expect(await membersOf(backend, me.token)).toEqual([])
    page.unload()
  })

  it('adds a member from the form: the fields checked in the page first, then sent once', async () => {
    const backend = testBackend()
    const me = await verifiedCitizen(backend, 'family-weapp-adder', { name: '李建国' })
    const page = await openAs(ADD, backend, 'family-weapp-adder', '确认添加')
    await page.tap('btn--primary', '确认添加')
    await page.waitForText('请填写姓名')
    expect(page.text()).toContain('请选择与你的关系')
    expect(page.text()).toContain('请填写证件号码')
    expect(page.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/family/members'))).toHaveLength(0)

    const doc = freshDoc()
    await page.input('name', '王秀英')
    await page.pick('relation', 0)
    await page.input('docNumber', doc)
    await page.tap('btn--primary', '确认添加')
    await page.waitUntil(() => page.requests.some((r) => r.method === 'POST' && r.url.endsWith('/family/members')), 'the add request')
    await page.settle('the add')
    expect(page.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/family/members'))).toHaveLength(1)
    expect(await membersOf(backend, me.token)).toEqual([expect.objectContaining({ name: '王秀英', relation: 'parent' })])
    expect(page.text()).not.toContain('出了点问题')
    // Added: the draft, with its document number, is gone from the phone.
    expect(wx().getStorageSync('p:draft:family-add')).toBe('')
    page.unload()
  })
})
