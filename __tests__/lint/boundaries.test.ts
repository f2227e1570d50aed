import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/**
 * The boundaries of README "Boundaries", held by `npm run lint`: each planted import across one is
 * an error that names the rule, and each allowed arrow lints clean. The files need not exist:
 * ESLint lints the text as if it stood there.
 */
const ROOT = join(__dirname, '..', '..')

interface Plant {
  file: string
  code: string
}
interface Linted extends Plant {
  messages: { rule: string | null; message: string }[]
}

function lint(plants: Plant[]): Linted[] {
  const out = execFileSync(process.execPath, [join(__dirname, 'plant-imports.mjs'), JSON.stringify(plants)], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  return JSON.parse(out) as Linted[]
}

const BOUNDARY = 'import-x/no-restricted-paths'

const refused: (Plant & { why: RegExp })[] = [
  {
    file: 'src/masks/planted.ts',
    code: "import { LIST_PAGE } from '../jobs/paths'\nexport const x = LIST_PAGE\n",
    why: /never another service/,
  },
  {
    file: 'src/jobs/planted.ts',
    code: "import { ROUND_PAGE } from '@/masks/paths'\nexport const x = ROUND_PAGE\n",
    why: /never another service/,
  },
  { file: 'src/returnees/planted.ts', code: "import '@/pages/home/index'\n", why: /never another service, a main-package page/ },
  { file: 'src/masks/planted.ts', code: "import '@/mock/core/clock'\n", why: /never by importing the mock/ },
  { file: 'src/core/planted.ts', code: "import '../masks/paths'\n", why: /core imports no service/ },
  { file: 'src/core/planted.ts', code: "import '@/pages/home/index'\n", why: /core imports no service, no page/ },
  { file: 'src/core/api/planted.ts', code: "import '@/mock/embedded/transport'\n", why: /core never imports the mock/ },
  { file: 'src/pages/home/planted.ts', code: "import '@/jobs/paths'\n", why: /main package reaches services by path/ },
  { file: 'mock/jobs/planted.ts', code: "import '../../src/jobs/paths'\n", why: /mock may import only/ },
  { file: 'mock/masks/planted.ts', code: "import '@/core/session/session'\n", why: /mock may import only/ },
  { file: 'mock/core/planted.ts', code: "import '@/core/ui'\n", why: /mock may import only/ },
  { file: 'src/app.ts', code: "import '../mock/core/clock'\n", why: /only mock\/embedded/ },
]

const allowed: Plant[] = [
  { file: 'src/masks/planted.ts', code: "import { api } from '@/core/api'\nexport const x = api\n" },
  { file: 'src/pages/home/planted.ts', code: "import { SERVICES } from '@/core/services'\nexport const x = SERVICES\n" },
  { file: 'mock/masks/planted.ts', code: "import { maskDocNumber } from '@/core/identity/masking'\nexport const x = maskDocNumber\n" },
  { file: 'mock/masks/planted.ts', code: "import { shanghaiDate } from '@/core/time/shanghai'\nexport const x = shanghaiDate\n" },
  { file: 'mock/embedded/planted.ts', code: "import type { Transport } from '@/core/api/transport'\nexport type X = Transport\n" },
  { file: 'src/app.ts', code: "import '../mock/embedded/transport'\n" },
  { file: '__tests__/mock/planted.test.ts', code: "import '@/jobs/paths'\nimport '@/mock/core/clock'\nimport '@/masks/paths'\n" },
]

const valibotSpread: Plant = {
  file: 'src/core/contract/planted.ts',
  code: "import * as v from 'valibot'\nconst xs = [v.trim()] as const\nexport const S = v.pipe(v.string(), ...xs)\n",
}

describe('lint holds the boundaries', () => {
  const results = lint([...refused, ...allowed, valibotSpread])

  it('refuses a spread among the arguments of a valibot call (it ships all of valibot)', () => {
    const last = results[results.length - 1]
    expect(last.messages.map((m) => m.rule)).toEqual(['no-restricted-syntax'])
    expect(last.messages[0].message).toMatch(/ships all of valibot/)
  })

  it.each(refused.map((p, i) => [p.file, p.code.split('\n')[0], i] as const))('refuses %s: %s', (_file, _line, i) => {
    const boundary = results[i].messages.filter((m) => m.rule === BOUNDARY)
    expect(boundary).toHaveLength(1)
    expect(boundary[0].message).toMatch(refused[i].why)
  })

  it.each(allowed.map((p, i) => [p.file, p.code.split('\n')[0], refused.length + i] as const))('allows %s: %s', (_file, _line, i) => {
    expect(results[i].messages).toEqual([])
  })
})
