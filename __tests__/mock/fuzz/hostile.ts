import fc from 'fast-check'
import { uuid } from '../../helpers/backend'
import { CURSOR_ORIGINS, type CursorKey, type FixtureKey, type TokenRole } from './fixture'
import type { FuzzRoute } from './routes'

/**
 * The hostile request model. A case is symbolic (fixture values by name, long strings by length)
 * so that a counterexample prints short and replays against whichever world is current; `render`
 * (render.ts) turns it into bytes on the wire.
 */

/** A piece of text: `text` is encoded where it goes, `wire` is sent exactly as written (broken percent-encoding). */
export type Val = { text: string } | { wire: string } | { ref: FixtureKey } | { rep: string; n: number } | { cat: Val[] }

export type JsonNode =
  | { lit: null | boolean | string }
  /** A number as written in the JSON text: `1e309`, `-0`, `9007199254740993`. */
  | { num: string }
  | { arr: JsonNode[] }
  /** Entries, not an object: keys like `__proto__` stay own keys, and a key may repeat. */
  | { obj: [string, JsonNode][] }
  | { val: Val }
  /** `depth` levels of `open` around `leaf`, written straight into the text (thousands of levels). */
  | { deep: number; open: 'array' | 'object' | 'proto'; leaf: JsonNode }

export type BodySpec =
  | { kind: 'none' }
  | { kind: 'json'; node: JsonNode }
  /** Text as is: broken JSON, raw lone surrogates (in-process they arrive as such; over HTTP as U+FFFD). */
  | { kind: 'text'; text: string }
  /** `prefix` + these bytes (hex) + `suffix`: invalid UTF-8 on the wire. */
  | { kind: 'bytes'; prefix: string; hex: string; suffix: string }
  /** A JSON object padded to exactly `bytes` UTF-8 bytes with `unit` (a 1–4 byte character). */
  | { kind: 'sized'; bytes: number; unit: string; node: JsonNode }

type AuthSpec = { kind: 'none' } | { kind: 'token'; who: TokenRole } | { kind: 'raw'; value: Val }

type IdemSpec = { kind: 'none' } | { kind: 'one'; value: Val } | { kind: 'dup'; values: Val[] }

export interface FuzzCase {
  /** Usually the route's own; sometimes another, for 405. */
  method: string
  /** One value per `:param` of the route, in order. */
  params: Val[]
  /** Appended to the path: `/`, `//`, `%`… */
  suffix: string
  query: [Val, Val][]
  auth: AuthSpec
  idem: IdemSpec
  contentType: string | null
  headers: [string, Val][]
  body: BodySpec
}

// ---------------------------------------------------------------------------------------------
// Catalogues: the hostile values of this layer, named once so every generator draws on them.

export const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'] as const

/** Broken percent-encoding: a lone `%`, a truncated sequence, a byte that is not UTF-8, an overlong `/`, a lone surrogate. */
const BROKEN_PCT = ['%', '%E0%A4%A', '%ff', '%C0%AF', '%ED%A0%80', '%F4%90%80%80', 'a%', '%%', '%zz', '%00', '%2e%2e', '%2F'] as const

const NUMBERISH = [
  '0',
  '-1',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '-0',
  '1.5',
  '9007199254740993',
  '0x10',
  ' 1',
  '1 ',
  '+1',
  '١٢',
  '1e3',
  '00000001',
  '51',
  '50',
] as const

export const ID_REFS: FixtureKey[] = [
  'outletId',
  'otherOutletId',
  'roundId',
  'reservationId',
  'pickupCode',
  'declarationId',
  'communityDeclarationId',
  'jobId',
  'subscriptionId',
  'communityId',
]

export const CURSOR_REFS = Object.keys(CURSOR_ORIGINS) as CursorKey[]

export const text = (s: string): Val => ({ text: s })
export const wire = (s: string): Val => ({ wire: s })
export const ref = (k: FixtureKey): Val => ({ ref: k })
export const rep = (s: string, n: number): Val => ({ rep: s, n })
export const cat = (...parts: Val[]): Val => ({ cat: parts })

const protoVal = fc.constantFrom(...PROTO_KEYS).map(text)
const brokenVal = fc.constantFrom(...BROKEN_PCT).map(wire)
const numberishVal = fc.constantFrom(...NUMBERISH).map(text)
const idRef = fc.constantFrom(...ID_REFS).map(ref)
const cursorRef = fc.constantFrom(...CURSOR_REFS).map(ref)

/** Short strings of every kind of character, lone surrogates included (`binary` units). */
const oddText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('', ' ', '\t', '\u0000', '\u202e', '\ud800', '\udfff', 'null', 'undefined', '[object Object]', '../..', '*', '%s'),
)
const hugeVal = fc.tuple(fc.constantFrom('a', '9', '%', '中', '😀'), fc.integer({ min: 200, max: 1500 })).map(([s, n]) => rep(s, n))

/** A value for a path segment, a query value or a login code: valid ids mixed with hostile ones. */
const hostileVal: fc.Arbitrary<Val> = fc.oneof(
  { weight: 4, arbitrary: idRef },
  { weight: 4, arbitrary: protoVal },
  { weight: 4, arbitrary: brokenVal },
  { weight: 2, arbitrary: numberishVal },
  { weight: 2, arbitrary: oddText.map(text) },
  { weight: 1, arbitrary: hugeVal },
  { weight: 1, arbitrary: cursorRef },
  // A real id with a broken tail or a prototype key around it: gets past the shape, not the lookup.
  { weight: 2, arbitrary: fc.tuple(idRef, fc.oneof(brokenVal, protoVal)).map(([a, b]) => cat(a, b)) },
)

// ---------------------------------------------------------------------------------------------
// Queries

const QUERY_KEYS = ['cursor', 'limit', 'district', 'lat', 'lng', 'q', 'industry', 'salaryMin', 'sort', 'status', 'date', 'parent'] as const

const LIMITS = ['0', '51', '-1', '1e309', '1.5', 'NaN', '', ' ', '01', '1', '50', '20 ', '0x1', '１'] as const

const CURSOR_GARBAGE = [
  'x',
  '.',
  'a.b',
  'a.b.c',
  'eyJmIjoiIiwiayI6MCwiaSI6IiJ9.0000000000000000',
  'eyJmIjoiIiwiayI6MCwiaSI6IiJ9',
  '__proto__.__proto__',
  '%',
  '..',
  '=',
] as const

const cursorVal: fc.Arbitrary<Val> = fc.oneof(
  { weight: 3, arbitrary: cursorRef },
  { weight: 2, arbitrary: fc.constantFrom(...CURSOR_GARBAGE).map(text) },
  // A real cursor with one character more, or cut short: the signature must catch both.
  { weight: 2, arbitrary: fc.tuple(cursorRef, fc.constantFrom('x', '.', 'A', '%ff')).map(([c, t]) => cat(c, wire(t))) },
  { weight: 1, arbitrary: fc.constantFrom(512, 513, 4000).map((n) => rep('A', n)) },
  { weight: 1, arbitrary: protoVal },
)

const queryValFor = (key: string): fc.Arbitrary<Val> => {
  if (key === 'limit') return fc.oneof(fc.constantFrom(...LIMITS).map(text), numberishVal, brokenVal)
  if (key === 'cursor') return cursorVal
  if (key === 'lat' || key === 'lng') return fc.oneof(numberishVal, fc.constantFrom('31.2', '121.47', '91', '-181', '1e-400').map(text))
  if (key === 'district') return fc.oneof(fc.constantFrom('310104', '徐汇区', '999999', '').map(text), hostileVal)
  if (key === 'date')
    return fc.oneof(fc.constantFrom('2020-02-10', '2020-02-30', '2020-02-11', '9999-99-99', '2020-2-1').map(text), hostileVal)
  return hostileVal
}

const queryEntry: fc.Arbitrary<[Val, Val]> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...QUERY_KEYS).chain((k) => queryValFor(k).map((v): [Val, Val] => [text(k), v])) },
  { weight: 2, arbitrary: fc.tuple(protoVal, hostileVal) },
  { weight: 1, arbitrary: fc.tuple(brokenVal, hostileVal) },
)

// ---------------------------------------------------------------------------------------------
// Headers

const ROLES: TokenRole[] = ['citizen', 'unverified', 'worker', 'staff', 'dead', 'foreign']

const authSpec: fc.Arbitrary<AuthSpec> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<AuthSpec>({ kind: 'none' }) },
  // Valid tokens of the seeded accounts, most of the time: the rules behind 401 must run too.
  {
    weight: 12,
    arbitrary: fc.constantFrom<TokenRole>('citizen', 'worker', 'staff', 'unverified').map((who): AuthSpec => ({ kind: 'token', who })),
  },
  { weight: 1, arbitrary: fc.constantFrom<TokenRole>(...ROLES).map((who): AuthSpec => ({ kind: 'token', who })) },
  { weight: 3, arbitrary: protoVal.map((v): AuthSpec => ({ kind: 'raw', value: cat(text('Bearer '), v) })) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom<Val>(
        text('Bearer'),
        text('Bearer '),
        text('Basic Zm9vOmJhcg=='),
        text('bearer __proto__'),
        cat(text('Bearer '), ref('citizenToken'), text(' extra')),
        cat(text('Bearer '), ref('citizenToken'), text('x')),
        cat(text('bearer '), ref('workerToken')),
        cat(text('Bearer '), rep('A', 5000)),
        text('Bearer %ff'),
        text('Bearer null'),
        text('Bearer undefined'),
      )
      .map((value): AuthSpec => ({ kind: 'raw', value })),
  },
)

const idemVal: fc.Arbitrary<Val> = fc.oneof(
  { weight: 3, arbitrary: fc.uuid({ version: 4 }).map(text) },
  // A few fixed keys, so runs meet each other's kept answers (and conflicts).
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }).map((n) => text(uuid(n))) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom('', ' ', 'abc', '00000000-0000-0000-0000-000000000000', `{${uuid(1)}}`, `${uuid(1)} `, uuid(1).toUpperCase(), '%ff')
      .map(text),
  },
  { weight: 2, arbitrary: protoVal },
  { weight: 1, arbitrary: fc.constantFrom(1000, 5000).map((n) => rep('k', n)) },
)

const idemSpec: fc.Arbitrary<IdemSpec> = fc.oneof(
  { weight: 5, arbitrary: fc.constant<IdemSpec>({ kind: 'none' }) },
  { weight: 3, arbitrary: fc.uuid({ version: 4 }).map((u): IdemSpec => ({ kind: 'one', value: text(u) })) },
  { weight: 3, arbitrary: idemVal.map((value): IdemSpec => ({ kind: 'one', value })) },
  { weight: 1, arbitrary: fc.array(idemVal, { minLength: 2, maxLength: 3 }).map((values): IdemSpec => ({ kind: 'dup', values })) },
)

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  '',
  '__proto__',
  'application/xml',
] as const

export const contentType: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.constant('application/json') },
  { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
)

/** Header names that are prototype keys, and odd values: a header bag must be read as data only. */
const extraHeaders: fc.Arbitrary<[string, Val][]> = fc.array(
  fc.tuple(
    fc.constantFrom('__proto__', 'constructor', 'tostring', 'hasownproperty', 'x-forwarded-for', 'accept', 'cookie'),
    fc.oneof(protoVal, fc.constantFrom('1', '{"polluted":true}', '').map(text)),
  ),
  { maxLength: 2 },
)

// ---------------------------------------------------------------------------------------------
// Bodies

const j = {
  s: (v: string): JsonNode => ({ lit: v }),
  n: (v: string | number): JsonNode => ({ num: String(v) }),
  b: (v: boolean): JsonNode => ({ lit: v }),
  nul: (): JsonNode => ({ lit: null }),
  a: (...v: JsonNode[]): JsonNode => ({ arr: v }),
  o: (entries: Record<string, JsonNode>): JsonNode => ({ obj: Object.entries(entries) }),
  r: (k: FixtureKey): JsonNode => ({ val: ref(k) }),
  v: (v: Val): JsonNode => ({ val: v }),
}
export { j as json }

/** `{"__proto__": {"polluted": true}}` and `{"constructor": {"prototype": {"polluted": true}}}` as values. */
const polluters: JsonNode[] = [
  { obj: [['__proto__', j.o({ polluted: j.b(true), isAdmin: j.b(true), role: j.s('worker'), verified: j.b(true) })]] },
  { obj: [['constructor', { obj: [['prototype', j.o({ polluted: j.b(true), revoked: j.b(false) })]] }]] },
  { obj: [['prototype', j.o({ polluted: j.b(true) })]] },
]

const NUM_TEXTS = [
  '1e309',
  '-1e309',
  '-0',
  '1.5',
  '-1',
  '0',
  '9007199254740993',
  '1e-400',
  '100000000000000000000',
  '36.55',
  '0.1',
] as const

const hostileJson: fc.Arbitrary<JsonNode> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...NUM_TEXTS).map((n) => j.n(n)) },
  { weight: 2, arbitrary: hostileVal.map(j.v) },
  { weight: 1, arbitrary: fc.constantFrom(j.nul(), j.b(true), j.b(false), j.a(), j.o({}), j.a(j.s('a'), j.n(1))) },
  { weight: 2, arbitrary: fc.constantFrom(...polluters) },
  { weight: 1, arbitrary: fc.constantFrom(...NUMBERISH).map((s) => j.s(s)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1000, max: 12000 }), fc.constantFrom<'array' | 'object' | 'proto'>('array', 'object', 'proto'))
      .map(([depth, open]): JsonNode => ({ deep: open === 'proto' ? Math.min(depth, 4000) : depth, open, leaf: j.n(1) })),
  },
)

/** Plausible values of the contract's body fields (docs/API.md), real fixture values among them. */
const GOOD: Record<string, JsonNode[]> = {
  code: [
    j.s('fuzz:newcomer'),
    j.s(`worker:310101002001`),
    j.r('staffCode'),
    j.s('worker:999999999999'),
    j.s('staff:__proto__'),
    j.s('worker:__proto__'),
  ],
  phone: [j.r('citizenPhone'), j.s('13800138000'), j.s('+86 138-0013-8001')],
  name: [j.s('张三'), j.s('John Smith'), j.s('欧阳·娜娜')],
  docType: [j.s('resident_id'), j.s('passport'), j.s('hk_macau_permit'), j.s('taiwan_permit'), j.s('foreigner_permanent_id')],
  docNumber: [j.r('citizenDoc'), j.s('11010519491231002X'), j.s('E12345678')],
  smsCode: [j.s('000000'), j.s('123456')],
  roundId: [j.r('roundId')],
  outletId: [j.r('outletId'), j.r('otherOutletId')],
  quantity: [j.n(1), j.n(2), j.n(5), j.n(6), j.n(100)],
  pickupCode: [j.r('pickupCode'), j.s('1234-5678'), j.s('0000 0000')],
  originRegion: [j.s('330100'), j.s('420100'), j.s('310000'), j.s('110000')],
  transport: [
    j.o({ mode: j.s('train'), number: j.s('G7501') }),
    j.o({ mode: j.s('flight'), number: j.s('MU5101') }),
    j.o({ mode: j.s('car') }),
  ],
  departureDate: [j.s('2020-02-10'), j.s('2020-02-09'), j.s('2020-02-30')],
  arrivalDate: [j.s('2020-02-10'), j.s('2020-01-01'), j.s('2020-02-11')],
  residence: [j.o({ communityId: j.r('communityId'), address: j.s('云南中路 18 弄 3 号') })],
  health: [j.o({ temperature: j.n(36.5), symptoms: j.a(), contactWithCases: j.b(false) })],
  subject: [j.o({ name: j.s('李四'), docType: j.s('resident_id'), docNumber: j.s('11010519491231002X') })],
  temperature: [j.n(36.6), j.n(37.5), j.n('36.55'), j.n(42)],
  symptoms: [j.a(), j.a(j.s('cough')), j.a(j.s('cough'), j.s('cough')), j.a(j.s('__proto__'))],
  note: [j.s('复查体温')],
  message: [j.s('你好')],
  q: [j.s('工程师'), j.s('')],
  district: [j.s('310104'), j.s('徐汇区'), j.s('999999')],
  industry: [j.s('it'), j.s('')],
  salaryMin: [j.n(5000), j.n(0), j.n(200001)],
  seed: [j.n(1), j.n(2)],
  now: [j.s('2020-02-11T10:00:00+08:00')],
  latencyMs: [j.n(0)],
  failRate: [j.n(0)],
  dropRate: [j.n(0)],
  allocation: [j.s('first_come'), j.s('lottery')],
  perPersonLimit: [j.n(5)],
  opensAt: [j.s('2020-02-10T09:00:00+08:00')],
  closesAt: [j.s('2020-02-10T20:00:00+08:00')],
  drawAt: [j.s('2020-02-10T21:00:00+08:00')],
  pickupFrom: [j.s('2020-02-11T09:00:00+08:00')],
  pickupUntil: [j.s('2020-02-13T20:00:00+08:00')],
  stockPerOutlet: [j.n(10)],
  product: [j.s('口罩')],
  count: [j.n(1), j.n(2)],
}
const FIELDS = Object.keys(GOOD)

const fieldValue = (field: string): fc.Arbitrary<JsonNode> => {
  const good = GOOD[field]
  return good ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...good) }, { weight: 2, arbitrary: hostileJson }) : hostileJson
}

const entry: fc.Arbitrary<[string, JsonNode]> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...FIELDS).chain((f) => fieldValue(f).map((v): [string, JsonNode] => [f, v])) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom<string>(...PROTO_KEYS), fc.oneof(hostileJson, fc.constantFrom(...polluters))) },
)

/**
 * Whole bodies for the calls with many fields, each with one field spoilt: one bad field behind
 * valid ones reaches the rules that single fields never do.
 */
const TEMPLATES: [string, JsonNode][][] = [
  [
    ['originRegion', j.s('330100')],
    ['transport', j.o({ mode: j.s('train'), number: j.s('G7501') })],
    ['departureDate', j.s('2020-02-10')],
    ['arrivalDate', j.s('2020-02-10')],
    ['residence', j.o({ communityId: j.r('communityId'), address: j.s('云南中路 18 弄 3 号') })],
    ['health', j.o({ temperature: j.n(36.5), symptoms: j.a(), contactWithCases: j.b(false) })],
  ],
  [
    ['name', j.s('王五')],
    ['docType', j.s('resident_id')],
    ['docNumber', j.s('11010519491231002X')],
    ['phone', j.r('citizenPhone')],
    ['smsCode', j.s('000000')],
  ],
  [
    ['roundId', j.r('roundId')],
    ['outletId', j.r('outletId')],
    ['quantity', j.n(1)],
  ],
  [
    ['allocation', j.s('first_come')],
    ['perPersonLimit', j.n(5)],
    ['opensAt', j.s('2020-02-10T09:00:00+08:00')],
    ['closesAt', j.s('2020-02-10T20:00:00+08:00')],
    ['pickupFrom', j.s('2020-02-11T09:00:00+08:00')],
    ['pickupUntil', j.s('2020-02-13T20:00:00+08:00')],
  ],
  [
    ['temperature', j.n(36.6)],
    ['symptoms', j.a()],
  ],
]

const spoiltTemplate: fc.Arbitrary<JsonNode> = fc
  .tuple(fc.constantFrom(...TEMPLATES), fc.nat(), fc.oneof(entry, fc.tuple(fc.constantFrom<string>(...PROTO_KEYS), hostileJson)))
  .map(([template, at, spoil]): JsonNode => {
    const entries = [...template]
    const i = at % (entries.length + 1)
    // Replace a field (same key, bad value), or add one more (a prototype key, say).
    if (i < entries.length && spoil[0] === entries[i][0]) entries[i] = spoil
    else if (i < entries.length) entries[i] = [entries[i][0], spoil[1]]
    else entries.push(spoil)
    return { obj: entries }
  })

/** A body of `fields`, each with its first plausible value (a valid one), as far as they are known. */
export function goodBody(fields: string[]): BodySpec {
  return { kind: 'json', node: { obj: fields.filter((f) => GOOD[f]).map((f): [string, JsonNode] => [f, GOOD[f][0]]) } }
}

/** A template as it is (deep rules: 201, then ALREADY_… on the next run) or with one field spoilt. */
const template: fc.Arbitrary<JsonNode> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...TEMPLATES).map((t): JsonNode => ({ obj: t })) },
  { weight: 3, arbitrary: spoiltTemplate },
)

/**
 * Bodies of the fields a route asked for (`learnFields`): each there most of the time, mostly with
 * a plausible value, sometimes hostile, plus a stray field or a prototype key. A route added
 * tomorrow gets bodies its own schema accepts without anyone listing its fields.
 */
function learnedBody(fields: string[]): fc.Arbitrary<BodySpec> {
  const own = (f: string): fc.Arbitrary<[string, JsonNode]> => {
    const good = GOOD[f]
    // The first plausible value of each field is a valid one: all fields valid at once must not be rare.
    const value = good
      ? fc.oneof(
          { weight: 6, arbitrary: fc.constant(good[0]) },
          { weight: 2, arbitrary: fc.constantFrom(...good) },
          { weight: 1, arbitrary: hostileJson },
        )
      : hostileJson
    return value.map((v): [string, JsonNode] => [f, v])
  }
  return fc
    .tuple(fc.tuple(...fields.map((f) => fc.option(own(f), { freq: 12 }))), fc.array(entry, { maxLength: 2 }))
    .map(([mine, extra]): BodySpec => ({
      kind: 'json',
      node: { obj: [...mine.filter((e): e is [string, JsonNode] => e !== null), ...extra] },
    }))
}

const BROKEN_JSON = [
  '{',
  '{"code":',
  '[]',
  '[1]',
  'null',
  '1',
  '"x"',
  'true',
  '{"code":"a",}',
  "{'code':'a'}",
  '{"code":"a"}garbage',
  '\ufeff{"code":"a"}',
  '{"code":"a","code":"b"}',
  '{"__proto__":{"polluted":1},"code":"x"}',
  '{"constructor":{"prototype":{"polluted":1}},"code":"x"}',
  '{"quantity":NaN}',
  '{"code":"\ud800"}',
  '{"code":"\\ud800"}',
  '{"\ud83d":1}',
  '   ',
  '\u0000',
] as const

/** Invalid UTF-8: a lone continuation byte, an overlong `/`, a truncated sequence, an encoded surrogate, past U+10FFFF. */
const BAD_UTF8 = ['ff', 'fe', '80', 'c0af', 'e0a4', 'eda080', 'f4908080', 'c3', 'f0908d'] as const

/** UTF-8 characters of 1, 2, 3 and 4 bytes to pad a body to an exact size. */
export const PAD_UNITS = ['a', 'é', '中', '😀'] as const

export const MAX_BODY = 64 * 1024

const bodySpec: fc.Arbitrary<BodySpec> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<BodySpec>({ kind: 'none' }) },
  { weight: 6, arbitrary: fc.array(entry, { maxLength: 7 }).map((e): BodySpec => ({ kind: 'json', node: { obj: e } })) },
  { weight: 4, arbitrary: template.map((node): BodySpec => ({ kind: 'json', node })) },
  { weight: 1, arbitrary: hostileJson.map((node): BodySpec => ({ kind: 'json', node })) },
  { weight: 2, arbitrary: fc.constantFrom(...BROKEN_JSON).map((t): BodySpec => ({ kind: 'text', text: t })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('{"code":"', '{"pickupCode":"', '{"q":"', '{"note":"'), fc.constantFrom(...BAD_UTF8))
      .map(([prefix, hex]): BodySpec => ({ kind: 'bytes', prefix, hex, suffix: '"}' })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(MAX_BODY - 1, MAX_BODY, MAX_BODY + 1, 3 * MAX_BODY),
        fc.constantFrom(...PAD_UNITS),
        fc.array(entry, { maxLength: 3 }),
      )
      .map(([bytes, unit, e]): BodySpec => ({ kind: 'sized', bytes, unit, node: { obj: e } })),
  },
)

// ---------------------------------------------------------------------------------------------
// Whole requests

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'post'] as const

/** What a route turned out to take (runner.ts `learn`): its body's fields, the fixture ids its `:params` know. */
export interface Learned {
  fields: string[]
  ids: FixtureKey[]
}

/** Hostile requests to one route; what was learnt of it makes requests it accepts likelier, so its deeper rules run. */
export function caseFor(route: FuzzRoute, learned: Learned = { fields: [], ids: [] }): fc.Arbitrary<FuzzCase> {
  const { fields, ids } = learned
  const body = fields.length > 0 ? fc.oneof({ weight: 5, arbitrary: learnedBody(fields) }, { weight: 3, arbitrary: bodySpec }) : bodySpec
  const param =
    ids.length > 0 ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...ids).map(ref) }, { weight: 3, arbitrary: hostileVal }) : hostileVal
  return fc.record({
    method: fc.oneof({ weight: 9, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) }),
    params: fc.tuple(...route.paramNames.map(() => param)),
    suffix: fc.oneof(
      { weight: 12, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.constantFrom('/', '//', '/.', '/..', '%', '%2F', '/__proto__') },
    ),
    query: fc.array(queryEntry, { maxLength: 4 }),
    auth: authSpec,
    idem: route.idempotent
      ? idemSpec
      : fc.oneof({ weight: 5, arbitrary: fc.constant<IdemSpec>({ kind: 'none' }) }, { weight: 1, arbitrary: idemSpec }),
    contentType,
    headers: fc.oneof({ weight: 5, arbitrary: fc.constant<[string, Val][]>([]) }, { weight: 1, arbitrary: extraHeaders }),
    body:
      route.method === 'GET'
        ? fc.oneof({ weight: 5, arbitrary: fc.constant<BodySpec>({ kind: 'none' }) }, { weight: 1, arbitrary: bodySpec })
        : body,
  })
}

/** A request with nothing hostile but what `over` says: the catalogue's starting point. */
export function plainCase(route: FuzzRoute, over: Partial<FuzzCase> = {}): FuzzCase {
  return {
    method: route.method,
    params: route.paramNames.map(() => ref(idFor(route.path))),
    suffix: '',
    query: [],
    // The role the path suggests; the catalogue tries the others too.
    auth: { kind: 'token', who: route.path.includes('/pickups') ? 'staff' : route.path.includes('/community') ? 'worker' : 'citizen' },
    idem: { kind: 'none' },
    contentType: 'application/json',
    headers: [],
    body: { kind: 'none' },
    ...over,
  }
}

/**
 * Which fixture id a route's `:id` most likely means, guessed from its path, so a catalogue case
 * that spoils one thing keeps the rest real. A path this does not know gets a job id: still a
 * well-formed id, and every hostile value is tried in the slot anyway.
 */
function idFor(path: string): FixtureKey {
  if (path.includes('/reservations/')) return 'reservationId'
  if (path.includes('/rounds/')) return 'roundId'
  if (path.includes('/outlets/')) return 'outletId'
  if (path.includes('/subscriptions/')) return 'subscriptionId'
  if (path.includes('/declarations/')) return 'declarationId'
  return 'jobId'
}

/**
 * The catalogue's starting point: a body the route accepts and an id it knows, so a spoilt id,
 * token or field is what it answers to, not a missing field or an id of the wrong kind. Of the
 * ids it knows, the one its path suggests comes first (a citizen's own declaration rather than
 * one of the worker's community).
 */
function learnedBase(route: FuzzRoute, learned: Learned): FuzzCase {
  const guess = idFor(route.path)
  const id = learned.ids.includes(guess) ? guess : (learned.ids[0] ?? guess)
  return plainCase(route, {
    params: route.paramNames.map(() => ref(id)),
    ...(learned.fields.length ? { body: goodBody(learned.fields) } : {}),
  })
}

/** The four broken encodings every parameter meets: a lone `%`, a truncated sequence, a non-UTF-8 byte, an overlong `/`. */
const CORE_PCT = ['%', '%E0%A4%A', '%ff', '%C0%AF'] as const

/**
 * Named cases every route gets before the random ones (fast-check `examples`), so each hostile
 * class reaches each route whatever the seed: prototype keys and broken encodings in every
 * parameter, prototype tokens, bodies whose every field is a prototype key (with each kind of
 * valid token, since a rule behind a role check only runs for that role), polluting JSON keys,
 * bad paging, size and depth edges, bad Idempotency-Keys. Queries matter to GET routes and
 * bodies to the others, so each gets only its own kind: the budget goes where a route listens.
 */
export function catalogue(route: FuzzRoute, learned: Learned = { fields: [], ids: [] }): FuzzCase[] {
  const out: FuzzCase[] = []
  const base = learnedBase(route, learned)
  const isGet = route.method === 'GET'
  const roles: TokenRole[] = ['citizen', 'worker', 'staff', 'unverified']
  for (let p = 0; p < route.paramNames.length; p += 1) {
    const at = (bad: Val, who: TokenRole): FuzzCase => {
      const params = [...base.params]
      params[p] = bad
      return { ...base, params, auth: { kind: 'token', who } }
    }
    // An id is looked up behind a role check: `__proto__` with every role, the other keys with one each.
    for (const who of roles) out.push(at(text('__proto__'), who))
    PROTO_KEYS.slice(1).forEach((key, i) => out.push(at(text(key), roles[(i + 1) % roles.length])))
    for (const bad of CORE_PCT) out.push(at(wire(bad), base.auth.kind === 'token' ? base.auth.who : 'citizen'))
  }
  for (const key of PROTO_KEYS) out.push({ ...base, auth: { kind: 'raw', value: text(`Bearer ${key}`) } })
  const everyField = (key: string): BodySpec => ({ kind: 'json', node: { obj: FIELDS.map((f): [string, JsonNode] => [f, j.s(key)]) } })
  if (isGet) {
    out.push({ ...base, body: everyField('__proto__') })
    out.push({ ...base, body: { kind: 'json', node: polluters[0] } })
    const allKeys: [Val, Val][] = PROTO_KEYS.map((k): [Val, Val] => [text(k), text(k)])
    out.push({ ...base, query: allKeys })
    out.push({
      ...base,
      query: [
        [text('cursor'), text('__proto__')],
        [text('limit'), text('constructor')],
      ],
    })
    for (const limit of ['0', '51', '-1', '1e309']) out.push({ ...base, query: [[text('limit'), text(limit)]] })
    // A cursor of another list (or of the same list in another sort): 400, never a page of something else.
    for (const cursor of CURSOR_REFS)
      out.push({
        ...base,
        query: [
          [text('limit'), text('1')],
          [text('cursor'), ref(cursor)],
        ],
      })
  } else {
    // `__proto__` with every role (a rule behind a role check only runs for that role); the other keys with one role each.
    for (const who of roles) out.push({ ...base, auth: { kind: 'token', who }, body: everyField('__proto__') })
    PROTO_KEYS.slice(1).forEach((key, i) =>
      out.push({ ...base, auth: { kind: 'token', who: roles[i % roles.length] }, body: everyField(key) }),
    )
    for (const polluter of polluters.slice(0, 2)) out.push({ ...base, body: { kind: 'json', node: polluter } })
    for (const bytes of [MAX_BODY, MAX_BODY + 1]) {
      out.push({ ...base, body: { kind: 'sized', bytes, unit: '中', node: { obj: [['code', j.s('fuzz:size')]] } } })
    }
    out.push({ ...base, body: { kind: 'json', node: { deep: 20000, open: 'array', leaf: j.n(1) } } })
    out.push({ ...base, body: { kind: 'json', node: { obj: [['symptoms', { deep: 9000, open: 'object', leaf: j.n(1) }]] } } })
    if (route.idempotent) {
      out.push({ ...base, idem: { kind: 'one', value: text('not-a-uuid') } })
      out.push({ ...base, idem: { kind: 'dup', values: [text(uuid(7)), text(uuid(8))] } })
      out.push({ ...base, idem: { kind: 'one', value: rep('k', 8000) } })
    }
  }
  return out
}

/**
 * What HTTP adds to in-process: the server's own parsing (URL normalisation of broken paths,
 * duplicated header lines, bytes that are not UTF-8, its 64 KiB reader). The rest of the
 * catalogue is transport-blind and runs in-process.
 */
export function httpCatalogue(route: FuzzRoute, learned: Learned = { fields: [], ids: [] }): FuzzCase[] {
  const out: FuzzCase[] = []
  const base = learnedBase(route, learned)
  for (let p = 0; p < route.paramNames.length; p += 1) {
    for (const bad of [...CORE_PCT.map(wire), text('__proto__')]) {
      const params = [...base.params]
      params[p] = bad
      out.push({ ...base, params })
    }
  }
  out.push({ ...base, auth: { kind: 'raw', value: text('Bearer __proto__') } })
  out.push({
    ...base,
    query: [
      [wire('%'), wire('%E0%A4%A')],
      [text('limit'), wire('%ff')],
    ],
  })
  if (route.method !== 'GET') {
    for (const bytes of [MAX_BODY, MAX_BODY + 1]) {
      out.push({ ...base, body: { kind: 'sized', bytes, unit: '😀', node: { obj: [['code', j.s('fuzz:size')]] } } })
    }
    out.push({ ...base, body: { kind: 'bytes', prefix: '{"code":"', hex: 'c0af', suffix: '"}' } })
    out.push({ ...base, idem: { kind: 'dup', values: [text(uuid(7)), text(uuid(8))] } })
  }
  return out
}
