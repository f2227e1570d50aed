import { childRegions, shanghaiDistricts, type Region } from '../core/regions'
import { intBetween, pick, rngFor } from '../core/random'
import type { OutletSeed } from './state'

/**
 * Where each district's outlets lie: a centre and a half-width in degrees, kept inside the
 * district's built-up area so every point is on land in Shanghai. `count` follows population.
 */
const DISTRICT_GEO: Record<string, { lat: number; lng: number; dLat: number; dLng: number; count: number }> = {
  '310101': { lat: 31.2275, lng: 121.485, dLat: 0.012, dLng: 0.012, count: 10 },
  '310104': { lat: 31.18, lng: 121.438, dLat: 0.025, dLng: 0.018, count: 14 },
  '310105': { lat: 31.212, lng: 121.4, dLat: 0.012, dLng: 0.03, count: 10 },
  '310106': { lat: 31.26, lng: 121.455, dLat: 0.03, dLng: 0.012, count: 12 },
  '310107': { lat: 31.252, lng: 121.4, dLat: 0.015, dLng: 0.03, count: 12 },
  '310109': { lat: 31.272, lng: 121.488, dLat: 0.025, dLng: 0.01, count: 10 },
  '310110': { lat: 31.275, lng: 121.525, dLat: 0.02, dLng: 0.02, count: 13 },
  '310112': { lat: 31.1, lng: 121.4, dLat: 0.05, dLng: 0.05, count: 22 },
  '310113': { lat: 31.37, lng: 121.43, dLat: 0.04, dLng: 0.04, count: 18 },
  '310114': { lat: 31.36, lng: 121.25, dLat: 0.04, dLng: 0.04, count: 14 },
  '310115': { lat: 31.18, lng: 121.63, dLat: 0.1, dLng: 0.08, count: 40 },
  '310116': { lat: 30.82, lng: 121.28, dLat: 0.06, dLng: 0.08, count: 8 },
  '310117': { lat: 31.03, lng: 121.23, dLat: 0.04, dLng: 0.06, count: 16 },
  '310118': { lat: 31.13, lng: 121.13, dLat: 0.05, dLng: 0.06, count: 12 },
  '310120': { lat: 30.93, lng: 121.5, dLat: 0.04, dLng: 0.08, count: 11 },
  '310151': { lat: 31.62, lng: 121.5, dLat: 0.03, dLng: 0.15, count: 8 },
}

const BRANDS = [
  '华氏大药房',
  '第一医药商店',
  '雷允上药城',
  '国大药房',
  '益丰大药房',
  '养和堂药店',
  '童涵春堂',
  '蔡同德堂',
  '余天成堂',
  '复美大药房',
  '海王星辰药房',
]
const TOWN_ROADS = [
  '人民路',
  '中山路',
  '建设路',
  '解放路',
  '文化路',
  '新华路',
  '公园路',
  '育才路',
  '和平路',
  '振兴路',
  '民主路',
  '东街',
  '西街',
  '南街',
]
const HOURS = ['08:00–20:00', '08:30–21:00', '09:00–18:00', '08:00–22:00', '24 小时营业', '08:30–20:30']

/** Streets and towns only: industrial zones, farms and parks have no pharmacy counters. */
function isResidential(street: Region): boolean {
  return /(街道|镇|乡)$/.test(street.name)
}

/** A road to put an outlet on, from the street's own name where it is named after one. */
function roadFor(street: Region, rng: () => number): { place: string; branch: string } {
  const name = street.name
  if (name.endsWith('路街道')) {
    const road = name.slice(0, -2)
    return { place: road, branch: road }
  }
  if (name.endsWith('街道')) {
    const base = name.slice(0, -2).replace(/新村$/, '')
    return { place: `${base}路`, branch: base }
  }
  const base = name.replace(/(镇|乡)$/, '')
  return { place: `${name}${pick(rng, TOWN_ROADS)}`, branch: base }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6

/** Shanghai's mask outlets of one seed: each district's share, spread over its residential streets. */
export function seedOutlets(seed: number): OutletSeed[] {
  const rng = rngFor(seed, 'masks:outlets')
  const stockRng = rngFor(seed, 'masks:stock')
  const outlets: OutletSeed[] = []
  const names = new Set<string>()
  for (const district of shanghaiDistricts()) {
    const geo = DISTRICT_GEO[district.code]
    const streets = childRegions(district.code).filter(isResidential)
    // Each street gets a spot in its district; its outlets gather around it.
    const spots = new Map(
      streets.map((s) => [s.code, { lat: geo.lat + (rng() * 2 - 1) * geo.dLat, lng: geo.lng + (rng() * 2 - 1) * geo.dLng }]),
    )
    for (let i = 0; i < geo.count; i += 1) {
      const street = streets[i % streets.length]
      const spot = spots.get(street.code)!
      const { place, branch } = roadFor(street, rng)
      const brand = pick(rng, BRANDS)
      let name = `${brand}（${branch}店）`
      for (let n = 2; names.has(name); n += 1) name = `${brand}（${branch}${n}店）`
      names.add(name)
      // Most outlets get a few hundred; some small ones run out fast, as in 2020.
      const small = stockRng() < 0.1
      const baseStock = small ? intBetween(stockRng, 1, 4) * 5 : intBetween(stockRng, 8, 40) * 10
      outlets.push({
        id: `o${district.code}-${String(i + 1).padStart(2, '0')}`,
        name,
        district: district.name,
        districtCode: district.code,
        streetCode: street.code,
        address: `上海市${district.name}${place}${intBetween(rng, 1, 1200)}号`,
        lat: round6(spot.lat + (rng() * 2 - 1) * 0.004),
        lng: round6(spot.lng + (rng() * 2 - 1) * 0.004),
        hours: pick(rng, HOURS),
        baseStock,
      })
    }
  }
  return outlets
}
