/**
 * The contract's own rules, checked on the schemas and helpers themselves with the contract's
 * literal values (the services' tests reach them through the backend; these pin each edge).
 */
import * as v from 'valibot'
import { issuesToFields, missingFields, text, textCharacterCheck } from '@/core/contract/common'
import { JobListQuerySchema } from '@/core/contract/jobs'
import { normalizePickupCode } from '@/core/contract/masks'
import {
  TemperatureSchema,
  declarationBodySchema,
  isFever,
  temperatureError,
  transportNumberError,
  travelDateErrors,
} from '@/core/contract/returnees'
import { declarationBodyOn } from '../helpers/returnees'

const TODAY = '2020-02-10'

function fieldsOf<S extends v.GenericSchema>(schema: S, input: unknown): Record<string, string> {
  const r = v.safeParse(schema, input)
  return r.success ? {} : issuesToFields(r.issues)
}

/** A valid body two days after arrival, with `over` laid on it (wrong types included). */
const declaration = (over: Record<string, unknown> = {}) => ({ ...declarationBodyOn(TODAY, { arrivalAgo: 2 }), ...over })

describe('field messages of a failed parse', () => {
  it('are keyed by dotted path, the first message of a field kept, a body-level one under "body"', () => {
    const schema = v.object({
      transport: v.object({ number: v.pipe(v.string('班次格式不正确'), v.minLength(2, '太短'), v.regex(/^G/, '不是 G')) }),
    })
    expect(fieldsOf(schema, { transport: { number: 'x' } })).toEqual({ 'transport.number': '太短' })
    expect(fieldsOf(schema, 'not an object')).toEqual({ body: expect.any(String) })
    const pathless = [
      { kind: 'validation', type: 'custom', input: 1, expected: null, received: '1', message: '整体不对' },
    ] as unknown as v.BaseIssue<unknown>[]
    expect(issuesToFields(pathless)).toEqual({ body: '整体不对' })
  })

  it('name a missing field by the message given for it, and fall back for others', () => {
    const schema = v.object({ roundId: v.string(), other: v.string() }, missingFields({ roundId: '缺少预约轮次' }))
    expect(fieldsOf(schema, { other: 'x' })).toEqual({ roundId: '缺少预约轮次' })
    expect(fieldsOf(schema, { roundId: 'r' })).toEqual({ other: '提交的内容格式不正确' })
    expect(fieldsOf(schema, 42)).toEqual({ body: '提交的内容格式不正确' })
  })
})

describe('text fields', () => {
  it('say what is missing, what is too short and what is too long, in the field’s words', () => {
    expect(fieldsOf(v.object({ a: text('详细地址', 5) }), { a: '  ' })).toEqual({ a: '请填写详细地址' })
    expect(fieldsOf(v.object({ a: text('详细地址', 5) }), { a: 42 })).toEqual({ a: '请填写详细地址' })
    expect(fieldsOf(v.object({ a: text('自我介绍', 9, { min: 2 }) }), { a: '我' })).toEqual({ a: '自我介绍至少 2 个字' })
    expect(fieldsOf(v.object({ a: text('详细地址', 5) }), { a: '一二三四五六' })).toEqual({ a: '详细地址不能超过 5 个字' })
  })

  it('name the field whose characters are refused', () => {
    const schema = v.object({ a: v.pipe(v.string(), textCharacterCheck('地址')) })
    expect(fieldsOf(schema, { a: '云南\u0007中路' })).toEqual({ a: '地址含有无法识别的字符' })
    expect(fieldsOf(schema, { a: '云南\u200b中路' })).toEqual({ a: '地址含有看不见的特殊字符（常见于复制粘贴的文字），请重新输入' })
  })
})

describe('returnee declarations', () => {
  it('temperature: a number, 35.0–42.0 ℃ both included, one decimal at most', () => {
    for (const t of [Number.NaN, Number.POSITIVE_INFINITY, '36.5', undefined]) expect(temperatureError(t)).toBe('请填写体温')
    for (const t of [34.9, 42.1]) expect(temperatureError(t)).toBe('体温应在 35.0–42.0 ℃ 之间，请重新测量')
    for (const t of [35, 36.5, 42]) expect(temperatureError(t)).toBeNull()
    expect(temperatureError(36.55)).toBe('体温最多保留一位小数')
    expect(fieldsOf(v.object({ t: TemperatureSchema }), { t: 42.5 })).toEqual({ t: '体温应在 35.0–42.0 ℃ 之间，请重新测量' })
  })

  it('a fever from 37.3 ℃', () => {
    expect([isFever(37.2), isFever(37.3), isFever(38)]).toEqual([false, true, true])
  })

  it('a number for a coach, a car or other: up to 20 characters, nothing required', () => {
    for (const mode of ['coach', 'car', 'other'] as const) {
      expect(transportNumberError(mode, 'A'.repeat(20))).toBeNull()
      expect(transportNumberError(mode, 'A'.repeat(21))).toBe('班次不能超过 20 个字')
      expect(transportNumberError(mode, undefined)).toBeNull()
    }
  })

  it('dates that are not calendar dates are asked for again, each on its own field', () => {
    expect(travelDateErrors('2020-02-30', '2020-02-08', TODAY)).toEqual({ departureDate: '请选择出发日期' })
    expect(travelDateErrors('2020-02-08', '2020-02-31', TODAY)).toEqual({ arrivalDate: '请选择抵沪日期' })
    expect(fieldsOf(declarationBodySchema(TODAY), declaration({ departureDate: 20200208 }))).toEqual({ departureDate: '请选择出发日期' })
    expect(fieldsOf(declarationBodySchema(TODAY), declaration({ arrivalDate: null }))).toEqual({ arrivalDate: '请选择抵沪日期' })
    expect(fieldsOf(declarationBodySchema(TODAY), declaration({ arrivalDate: '2020/02/08' }))).toEqual({
      arrivalDate: '抵沪日期应为真实的日期（YYYY-MM-DD）',
    })
  })

  it('the origin is six digits exactly, and asked for when missing', () => {
    expect(fieldsOf(declarationBodySchema(TODAY), declaration())).toEqual({})
    for (const originRegion of ['3301001', 'x330100', '33010']) {
      expect(fieldsOf(declarationBodySchema(TODAY), declaration({ originRegion }))).toEqual({ originRegion: '请选择出发的省份和城市' })
    }
    expect(fieldsOf(declarationBodySchema(TODAY), declaration({ originRegion: 330100 }))).toEqual({ originRegion: '请选择出发地' })
  })
})

describe('the jobs list query', () => {
  it('an empty minimum salary is no filter; 200,000 is the highest one', () => {
    const parse = (salaryMin: string) => v.safeParse(JobListQuerySchema, { salaryMin })
    const empty = parse('')
    expect(empty.success && empty.output.salaryMin).toBeUndefined()
    const top = parse('200000')
    expect(top.success && top.output.salaryMin).toBe(200_000)
    expect(parse('200001').success).toBe(false)
  })
})

describe('pickup codes', () => {
  it('lose the spaces and hyphens staff type between the digits', () => {
    expect(normalizePickupCode(' 1234 5678 ')).toBe('12345678')
    expect(normalizePickupCode('1234-5678')).toBe('12345678')
  })
})
