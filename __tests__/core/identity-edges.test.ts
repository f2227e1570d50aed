// Edges of the identity rules that identity.test.ts leaves open (found by mutation testing:
// `STRYKER_TESTS=core npm run test:mutation -- --mutate 'src/core/identity/**/*.ts'`).
import { docNumberError, nameError, normalizeName, type DocType } from '@/core/identity/documents'
import { maskDocNumber, maskName, maskPhone } from '@/core/identity/masking'
import { normalizePhone, phoneError } from '@/core/identity/phone'

const TODAY = '2020-02-10'

describe('resident ID birth dates', () => {
  it('accepts 1890-01-01 and refuses the day before', () => {
    expect(docNumberError('resident_id', '11010518900101002X', TODAY)).toBeNull()
    expect(docNumberError('resident_id', '110105188912310029', TODAY)).toBe('身份证号中的出生日期不存在，请核对')
  })
})

describe('foreigner permanent ID, 2017 form', () => {
  it('is exactly 3 letters and 12 digits', () => {
    expect(docNumberError('foreigner_permanent_id', 'USA123456789012', TODAY)).toBeNull()
    expect(docNumberError('foreigner_permanent_id', 'AUSA123456789012', TODAY)).not.toBeNull()
    expect(docNumberError('foreigner_permanent_id', 'USA1234567890123', TODAY)).not.toBeNull()
  })
})

describe('permits and passports, whole number only', () => {
  it('Hong Kong and Macau: H or M and 8 or 10 digits', () => {
    expect(docNumberError('hk_macau_permit', 'M1234567890', TODAY)).toBeNull()
    expect(docNumberError('hk_macau_permit', 'XH12345678', TODAY)).toBe('港澳通行证号码为 H 或 M 开头加 8 位或 10 位数字')
    expect(docNumberError('hk_macau_permit', 'H123456789', TODAY)).toBe('港澳通行证号码为 H 或 M 开头加 8 位或 10 位数字')
  })

  it('Taiwan: 8 or 10 digits', () => {
    expect(docNumberError('taiwan_permit', '1234567890', TODAY)).toBeNull()
    expect(docNumberError('taiwan_permit', 'A12345678', TODAY)).toBe('台湾居民通行证号码为 8 位或 10 位数字')
    expect(docNumberError('taiwan_permit', '123456789', TODAY)).toBe('台湾居民通行证号码为 8 位或 10 位数字')
    expect(docNumberError('taiwan_permit', '1', TODAY)).toBe('台湾居民通行证号码为 8 位或 10 位数字')
  })

  it('passport: 5 to 17 letters or digits', () => {
    expect(docNumberError('passport', '<E12345', TODAY)).toBe('护照号码为 5–17 位字母或数字')
  })

  it('an unknown document type asks for one', () => {
    expect(docNumberError('driving_licence' as DocType, '123456', TODAY)).toBe('请选择证件类型')
  })
})

describe('names', () => {
  it('are trimmed and their spaces collapsed', () => {
    expect(normalizeName('  John   Smith ')).toBe('John Smith')
    expect(nameError('  张三  ')).toBeNull()
  })

  it('a byte-order mark at either end is trimmed, not refused', () => {
    expect(nameError('\uFEFF张三')).toBeNull()
  })

  it('hidden characters inside are refused in the name field’s own words', () => {
    expect(nameError('张\u200b三')).toMatch(/^姓名/)
  })

  it('says what a name should look like', () => {
    expect(nameError('<img src=x>')).toBe('姓名应与证件一致：2 个以上汉字，或英文字母')
  })
})

describe('phones', () => {
  it('drop +86 or 86 at the start only', () => {
    expect(normalizePhone('8613800138000')).toBe('13800138000')
    expect(normalizePhone('+86 138 0013 8000')).toBe('13800138000')
    expect(normalizePhone('13886138000')).toBe('13886138000')
    expect(phoneError('8613800138000')).toBeNull()
    expect(phoneError('13886138000')).toBeNull()
  })

  it('empty, and letters before the digits', () => {
    expect(phoneError('')).toBe('请填写手机号')
    expect(phoneError('a13800138000')).toBe('手机号只能包含数字')
  })
})

describe('masking at the lengths where the rule changes', () => {
  it('document numbers of 7 characters or fewer keep the first only', () => {
    expect(maskDocNumber('')).toBe('')
    expect(maskDocNumber('1234567')).toBe('1******')
    expect(maskDocNumber('E1234567')).toBe('E12*4567')
  })

  it('phones shorter than 7 are all stars', () => {
    expect(maskPhone('')).toBe('')
    expect(maskPhone('123456')).toBe('******')
    expect(maskPhone('1234567')).toBe('1234567')
  })

  it('names: empty, Latin only at the start, a compound surname needs a given name', () => {
    expect(maskName('')).toBe('')
    expect(maskName('张A')).toBe('张*')
    expect(maskName('欧阳')).toBe('欧*')
    expect(maskName('欧阳娜娜')).toBe('欧阳**')
  })
})
