/**
 * Nearest-first needs only where the person roughly is: the outlet list sends its coordinates
 * rounded to 3 decimals (about 100 m), never the phone's 6-decimal fix, which would put a
 * person's home into server and proxy logs.
 */
import { screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import OutletsPage from '@/masks/pages/outlets/index'
import { listOutlets } from '@/masks/api'
import { masksBackend } from '../../helpers/masks'
import { freshApp, renderPage } from '../../helpers/pages'
import { faultyNet } from '../faults'

afterEach(() => jest.restoreAllMocks())

type Located = Awaited<ReturnType<typeof Taro.getLocation>>

describe('the outlet list and the person’s location', () => {
  it('asks for the nearest outlets with 3-decimal coordinates', async () => {
    const backend = freshApp(masksBackend())
    const net = faultyNet(backend)
    jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'ok' }))
    jest
      .spyOn(Taro, 'getLocation')
      .mockImplementation(async () => ({ latitude: 31.230416, longitude: 121.473701, accuracy: 30 }) as Located)
    renderPage(<OutletsPage />, { path: '/masks/pages/outlets/index' })
    await screen.findAllByText(/（.+店）$/)
    const outlets = net.sent.filter((s) => s.path === '/masks/outlets')
    expect(outlets.length).toBeGreaterThan(0)
    for (const s of outlets) {
      expect(s.query.lat).toBe('31.230')
      expect(s.query.lng).toBe('121.474')
    }
    expect(net.sent.some((s) => s.url.includes('31.230416') || s.url.includes('121.473701'))).toBe(false)
  })

  it('rounds in the call itself, whoever calls it', async () => {
    const backend = freshApp(masksBackend())
    const net = faultyNet(backend)
    await listOutlets({ lat: 31.2304999, lng: -0.0006 })
    expect(net.sent.map((s) => [s.query.lat, s.query.lng])).toEqual([['31.230', '-0.001']])
  })
})
