import * as v from 'valibot'
import {
  ApplicationRequestSchema,
  CommunityListQuerySchema,
  EscalateBodySchema,
  JobListQuerySchema,
  LoginRequestSchema,
  OutletsQuerySchema,
  PickupRequestSchema,
  ResidenceSchema,
  SubscriptionRequestSchema,
  TEXT_LIMITS,
  TransportSchema,
  issuesToFields,
  verifyRequestSchema,
} from '@/core/contract'

const TODAY = '2020-02-10'

/** The field messages of a parse (none when it passes). */
function fieldsOf(schema: v.GenericSchema, input: unknown): Record<string, string> {
  const parsed = v.safeParse(schema, input)
  return parsed.success ? {} : issuesToFields(parsed.issues)
}

function outputOf(schema: v.GenericSchema, input: unknown): unknown {
  const parsed = v.safeParse(schema, input)
  if (!parsed.success) throw new Error(JSON.stringify(issuesToFields(parsed.issues)))
  return parsed.output
}

const verifyBody = (name: string) => ({
  name,
  docType: 'resident_id',
  docNumber: '11010519491231002X',
  phone: '13800138000',
  smsCode: '123456',
})

interface TextCase {
  name: string
  /** The contract's field, as `fields.<key>` names it. */
  key: string
  limit: number
  schema: v.GenericSchema
  body: (value: string) => unknown
  /** A valid value with `inner` inside it. */
  around: (inner: string) => string
  /** A valid value of exactly `n` characters. */
  filled: (n: number) => string
}

const repeat = (c: string) => (n: number) => c.repeat(n)

/** Every free-text field a person types, with the contract's limit for it. */
const CASES: TextCase[] = [
  {
    name: 'login code',
    key: 'code',
    limit: TEXT_LIMITS.loginCode,
    schema: LoginRequestSchema,
    body: (code) => ({ code }),
    around: (inner) => `worker:${inner}310101002001`,
    filled: repeat('a'),
  },
  {
    name: 'verification name',
    key: 'name',
    limit: TEXT_LIMITS.name,
    schema: verifyRequestSchema(TODAY),
    body: verifyBody,
    around: (inner) => `张${inner}三`,
    filled: repeat('A'),
  },
  {
    name: 'transport number',
    key: 'number',
    limit: TEXT_LIMITS.transportNumber,
    schema: TransportSchema,
    body: (number) => ({ mode: 'other', number }),
    around: (inner) => `顺风${inner}车`,
    filled: repeat('车'),
  },
  {
    name: 'declaration address',
    key: 'address',
    limit: TEXT_LIMITS.address,
    schema: ResidenceSchema,
    body: (address) => ({ communityId: '310101002001', address }),
    around: (inner) => `云南中路${inner} 18 弄 3 号`,
    filled: repeat('号'),
  },
  {
    name: 'escalation note',
    key: 'note',
    limit: TEXT_LIMITS.escalationNote,
    schema: EscalateBodySchema,
    body: (note) => ({ note }),
    around: (inner) => `上门测温 ${inner}37.6 ℃`,
    filled: repeat('热'),
  },
  {
    name: 'community list q',
    key: 'q',
    limit: TEXT_LIMITS.communityQuery,
    schema: CommunityListQuerySchema,
    body: (q) => ({ q }),
    around: (inner) => `张${inner}三`,
    filled: repeat('张'),
  },
  {
    name: 'application message',
    key: 'message',
    limit: TEXT_LIMITS.applicationMessage,
    schema: ApplicationRequestSchema,
    body: (message) => ({ message }),
    around: (inner) => `有三年经验${inner}，下周到岗`,
    filled: repeat('字'),
  },
  {
    name: 'job list q',
    key: 'q',
    limit: TEXT_LIMITS.jobQuery,
    schema: JobListQuerySchema,
    body: (q) => ({ q }),
    around: (inner) => `司${inner}机`,
    filled: repeat('长'),
  },
  {
    name: 'job list district',
    key: 'district',
    limit: TEXT_LIMITS.district,
    schema: JobListQuerySchema,
    body: (district) => ({ district }),
    around: (inner) => `徐汇${inner}区`,
    filled: repeat('区'),
  },
  {
    name: 'saved search q',
    key: 'q',
    limit: TEXT_LIMITS.jobQuery,
    schema: SubscriptionRequestSchema,
    body: (q) => ({ q }),
    around: (inner) => `护${inner}士`,
    filled: repeat('长'),
  },
  {
    name: 'saved search district',
    key: 'district',
    limit: TEXT_LIMITS.district,
    schema: SubscriptionRequestSchema,
    body: (district) => ({ district }),
    around: (inner) => `徐汇${inner}区`,
    filled: repeat('区'),
  },
  {
    name: 'outlet list district',
    key: 'district',
    limit: TEXT_LIMITS.district,
    schema: OutletsQuerySchema,
    body: (district) => ({ district }),
    around: (inner) => `徐汇${inner}区`,
    filled: repeat('区'),
  },
  {
    name: 'pickup code',
    key: 'pickupCode',
    limit: TEXT_LIMITS.pickupCode,
    schema: PickupRequestSchema,
    body: (pickupCode) => ({ pickupCode }),
    around: (inner) => `1234${inner}5678`,
    filled: repeat('1'),
  },
]

/** Characters that reorder text or hide in it: a name or address would read otherwise than it is. */
const HIDDEN = {
  'U+202A LRE': '\u202a',
  'U+202B RLE': '\u202b',
  'U+202C PDF': '\u202c',
  'U+202D LRO': '\u202d',
  'U+202E RLO': '\u202e',
  'U+2066 LRI': '\u2066',
  'U+2067 RLI': '\u2067',
  'U+2068 FSI': '\u2068',
  'U+2069 PDI': '\u2069',
  'U+200E LRM': '\u200e',
  'U+200F RLM': '\u200f',
  'U+061C ALM': '\u061c',
  'U+200B ZWSP': '\u200b',
  'U+200C ZWNJ': '\u200c',
  'U+200D ZWJ (between letters)': '\u200d',
  'U+2060 WJ': '\u2060',
  'U+FEFF (inside)': '\ufeff',
}

describe.each(CASES.map((c) => [`${c.name} (fields.${c.key}, at most ${c.limit})`, c] as const))('%s', (_name, c) => {
  it('takes a value of exactly its limit', () => {
    expect(fieldsOf(c.schema, c.body(c.filled(c.limit)))[c.key]).toBeUndefined()
  })

  it('refuses one character more, with the limit in the message, never cutting it', () => {
    const message = fieldsOf(c.schema, c.body(c.filled(c.limit + 1)))[c.key]
    expect(message).toContain(String(c.limit))
  })

  it('takes the valid value it is built around', () => {
    expect(fieldsOf(c.schema, c.body(c.around('')))[c.key]).toBeUndefined()
  })

  it.each(Object.entries(HIDDEN))('refuses %s inside the text, as a hidden character', (_char, char) => {
    expect(fieldsOf(c.schema, c.body(c.around(char)))[c.key]).toMatch(/看不见的特殊字符/)
  })

  it('still refuses control characters', () => {
    expect(fieldsOf(c.schema, c.body(c.around('\u0007')))[c.key]).toMatch(/无法识别的字符/)
    expect(fieldsOf(c.schema, c.body(c.around('\u0085')))[c.key]).toMatch(/无法识别的字符/)
  })
})

describe('what the text rule still takes', () => {
  it('takes line breaks and tabs in free text', () => {
    expect(outputOf(EscalateBodySchema, { note: '上门测温 37.6 ℃\n已联系\t发热门诊' })).toEqual({
      note: '上门测温 37.6 ℃\n已联系\t发热门诊',
    })
  })

  it('takes an emoji sequence joined by ZWJ (a family, a skin tone, a flag)', () => {
    for (const message of ['一家人 👨\u200d👩\u200d👧 都在上海', '程序员 👩🏽\u200d💻', '🏳️\u200d🌈']) {
      expect(outputOf(ApplicationRequestSchema, { message })).toEqual({ message })
    }
  })

  it('trims a byte-order mark at either end like any space, and keeps the text', () => {
    expect(outputOf(ResidenceSchema, { communityId: '310101002001', address: '\ufeff云南中路 18 弄\ufeff' })).toEqual({
      communityId: '310101002001',
      address: '云南中路 18 弄',
    })
  })

  it('refuses a Chinese name over 20 characters with that limit in the message', () => {
    expect(fieldsOf(verifyRequestSchema(TODAY), verifyBody('张'.repeat(TEXT_LIMITS.nameChinese)))).toEqual({})
    expect(fieldsOf(verifyRequestSchema(TODAY), verifyBody('张'.repeat(TEXT_LIMITS.nameChinese + 1))).name).toContain(
      String(TEXT_LIMITS.nameChinese),
    )
  })

  it('refuses a phone number over its limit as sent, and takes one of exactly the limit', () => {
    const spaced = '+86  138  0013  8000'
    expect(spaced).toHaveLength(TEXT_LIMITS.phone)
    expect(fieldsOf(verifyRequestSchema(TODAY), { ...verifyBody('张三'), phone: spaced })).toEqual({})
    expect(fieldsOf(verifyRequestSchema(TODAY), { ...verifyBody('张三'), phone: `${spaced} ` }).phone).toContain(String(TEXT_LIMITS.phone))
  })

  it('refuses a document number over its limit as sent', () => {
    const body = { ...verifyBody('张三'), docType: 'passport', docNumber: 'E'.repeat(TEXT_LIMITS.docNumber + 1) }
    expect(fieldsOf(verifyRequestSchema(TODAY), body).docNumber).toContain(String(TEXT_LIMITS.docNumber))
  })
})
