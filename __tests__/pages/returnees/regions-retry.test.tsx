import { screen, waitFor } from '@testing-library/react'
import DeclarePage from '@/returnees/pages/declare/index'
import { api, TransportFailure } from '@/core/api'
import { login } from '@/core/session/session'
import { testBackend } from '../../helpers/backend'
import { pick, tap } from '../../helpers/drive'
import { freshApp, inProcessTransport, renderPage } from '../../helpers/pages'
import { citizen } from '../../helpers/returnees'

beforeEach(() => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => jest.restoreAllMocks())

it('offers a retry when the streets of a district do not load, and the retry loads them', async () => {
  const backend = testBackend()
  const person = await citizen(backend, '欧阳娜娜')
  freshApp(backend)
  await login(person.code)
  // Every attempt at the streets of 黄浦区 fails until the network comes back.
  let online = false
  const answer = inProcessTransport(backend)
  api.setTransport(async (req) => {
    if (!online && req.url.includes('parent=310101')) throw new TransportFailure('request:fail', false)
    return answer(req)
  })
  renderPage(<DeclarePage />, { path: '/returnees/pages/declare/index' })
  await screen.findByText('出发省份')
  await pick('district') // 黄浦区
  await waitFor(() => expect(document.querySelector('#field-street .field__hint')?.textContent).toMatch(/请点“重试”/))
  online = true
  await tap('重试')
  await waitFor(() => expect(document.querySelector('#field-street .field__hint')).toBeNull())
  await pick('street')
  expect(screen.getByText('南京东路街道')).toBeTruthy()
})
