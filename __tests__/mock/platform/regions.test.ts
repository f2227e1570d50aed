import type * as Regions from '@/mock/core/regions'

/** The module fresh, so that the first call into it is the one a test makes. */
function freshRegions(): typeof Regions {
  let mod: typeof Regions | undefined
  jest.isolateModules(() => {
    mod = jest.requireActual<typeof Regions>('@/mock/core/regions')
  })
  return mod!
}

describe('regions: the division table', () => {
  it('answers a lookup by code when nothing asked for children first', () => {
    expect(freshRegions().regionByCode('310101')).toEqual({ code: '310101', name: '黄浦区', level: 'district' })
  })

  it('answers children when nothing looked a code up first', () => {
    expect(freshRegions().childRegions('310000')).toHaveLength(16)
  })

  it('names each level and hangs each region under its parent', () => {
    const { regionByCode, childRegions } = freshRegions()
    expect(regionByCode('420000')).toEqual({ code: '420000', name: '湖北省', level: 'province' })
    expect(regionByCode('420100')).toEqual({ code: '420100', name: '武汉市', level: 'city' })
    expect(regionByCode('310101002')).toEqual({ code: '310101002', name: '南京东路街道', level: 'street' })
    expect(regionByCode('310101002001')).toEqual({ code: '310101002001', name: '云南中路居委会', level: 'community' })
    expect(childRegions().map((r) => r.code)).toContain('420000')
    expect(childRegions('420000').map((r) => r.code)).toContain('420100')
    expect(childRegions('310101').map((r) => r.code)).toContain('310101002')
    expect(childRegions('310101002').map((r) => r.code)).toContain('310101002001')
    expect(childRegions('nowhere')).toEqual([])
  })

  it('walks a community code up to its street and district', () => {
    const { communityPath } = freshRegions()
    expect(communityPath('310101002001')).toEqual({
      district: { code: '310101', name: '黄浦区', level: 'district' },
      street: { code: '310101002', name: '南京东路街道', level: 'street' },
      community: { code: '310101002001', name: '云南中路居委会', level: 'community' },
    })
    expect(communityPath('999999999999')).toEqual({ district: undefined, street: undefined, community: undefined })
  })
})
