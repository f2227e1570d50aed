import { call, testBackend } from '../../helpers/backend'

type Item = { code: string; name: string; level: string }

describe('GET /regions', () => {
  const backend = testBackend()
  const items = async (parent?: string): Promise<Item[]> => {
    const res = await call(backend, 'GET', '/regions', { query: parent === undefined ? {} : { parent } })
    expect(res.status).toBe(200)
    return res.body.items
  }

  it('lists the provinces without a parent, and a province’s cities under it', async () => {
    const provinces = await items()
    expect(provinces).toHaveLength(31)
    expect(provinces).toContainEqual({ code: '420000', name: '湖北省', level: 'province' })
    expect(provinces.every((p) => p.level === 'province')).toBe(true)
    const hubei = await items('420000')
    expect(hubei).toContainEqual({ code: '420100', name: '武汉市', level: 'city' })
    expect(hubei.every((c) => c.level === 'city' && c.code.startsWith('42'))).toBe(true)
  })

  it('goes down Shanghai to districts, streets and neighbourhood committees', async () => {
    const districts = await items('310000')
    expect(districts).toHaveLength(16)
    expect(districts).toContainEqual({ code: '310101', name: '黄浦区', level: 'district' })
    expect(await items('310101')).toContainEqual({ code: '310101002', name: '南京东路街道', level: 'street' })
    const committees = await items('310101002')
    expect(committees).toContainEqual({ code: '310101002001', name: '云南中路居委会', level: 'community' })
    expect(committees.every((c) => c.level === 'community')).toBe(true)
  })

  it('gives an empty list for an unknown parent or one with no children, and 400 for a malformed one', async () => {
    expect(await items('999999')).toEqual([])
    expect(await items('310101002001')).toEqual([])
    const res = await call(backend, 'GET', '/regions', { query: { parent: '3'.repeat(13) } })
    expect(res.status).toBe(400)
    expect(res.body.error.fields.parent).toBeTruthy()
  })

  it('needs no token, but one that is sent must be valid (API.md, Transport)', async () => {
    expect((await call(backend, 'GET', '/regions')).status).toBe(200)
    expect((await call(backend, 'GET', '/regions', { token: 'not-a-token' })).status).toBe(401)
  })
})

describe('GET /risk-areas', () => {
  it('lists 2020-style high and medium areas by province or city code, with since dates', async () => {
    const res = await call(testBackend(), 'GET', '/risk-areas')
    expect(res.status).toBe(200)
    const items: { regionCode: string; name: string; level: string; since: string }[] = res.body.items
    expect(items).toContainEqual({ regionCode: '420100', name: '武汉市', level: 'high', since: '2020-01-20' })
    expect(items).toContainEqual({ regionCode: '420000', name: '湖北省', level: 'high', since: '2020-01-23' })
    expect(items.find((a) => a.regionCode === '410000')?.level).toBe('medium')
    for (const a of items) {
      expect(['high', 'medium']).toContain(a.level)
      expect(a.since).toMatch(/^2020-\d{2}-\d{2}$/)
    }
  })
})
