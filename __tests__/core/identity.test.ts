import { docNumberError, nameError, residentIdCheckChar, residentIdFacts } from '@/core/identity/documents'
import { maskDocNumber, maskName, maskPhone } from '@/core/identity/masking'
import { phoneError } from '@/core/identity/phone'

const TODAY = '2020-02-10'

describe('mainland resident ID (GB 11643)', () => {
  it('accepts a valid number, with X in either case', () => {
    expect(docNumberError('resident_id', '11010519491231002X', TODAY)).toBeNull()
    expect(docNumberError('resident_id', '11010519491231002x', TODAY)).toBeNull()
    expect(docNumberError('resident_id', ' 110105 19491231 002X ', TODAY)).toBeNull()
  })

  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X')
    expect(residentIdCheckChar('44052418800101001')).toBe('4')
  })

  it('refuses a wrong check digit', () => {
    expect(docNumberError('resident_id', '110105194912310021', TODAY)).toBe('身份证号校验位不正确，请逐位核对')
  })

  it('refuses an unknown region, an impossible or future birth date, and a wrong length', () => {
    const withCheck = (first17: string) => first17 + residentIdCheckChar(first17)
    expect(docNumberError('resident_id', withCheck('99010519491231002'), TODAY)).toMatch(/地区代码/)
    expect(docNumberError('resident_id', withCheck('11010519490230002'), TODAY)).toMatch(/出生日期不存在/)
    expect(docNumberError('resident_id', withCheck('11010520190229002'), TODAY)).toMatch(/出生日期不存在/)
    expect(docNumberError('resident_id', withCheck('11010520200211002'), TODAY)).toMatch(/晚于今天/)
    expect(docNumberError('resident_id', withCheck('11010520200210002'), TODAY)).toBeNull()
    expect(docNumberError('resident_id', '1101051949123100', TODAY)).toBe('身份证号应为 18 位')
    expect(docNumberError('resident_id', '11010519491231002Y', TODAY)).toMatch(/最后一位/)
    expect(docNumberError('resident_id', '', TODAY)).toBe('请填写证件号码')
  })

  it('reads birth date and gender from the number', () => {
    expect(residentIdFacts('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: 'female' })
    expect(residentIdFacts(`1101051980010100${'1'}${residentIdCheckChar('11010519800101001')}`).gender).toBe('male')
  })
})

describe('other documents', () => {
  it.each([
    ['hk_macau_permit', 'H12345678', true],
    ['hk_macau_permit', 'm1234567890', true],
    ['hk_macau_permit', 'X12345678', false],
    ['taiwan_permit', '12345678', true],
    ['taiwan_permit', '1234567', false],
    ['passport', 'E12345678', true],
    ['passport', 'E1', false],
    ['passport', 'E1234<script>', false],
    ['foreigner_permanent_id', 'USA123456789012', true],
    // The 2023 form carries a MOD 11-2 check character: this number's is X, so the one ending in 4 is wrong.
    ['foreigner_permanent_id', '91111119900101123X', true],
    ['foreigner_permanent_id', '911111199001011234', false],
    ['foreigner_permanent_id', 'US123', false],
  ] as const)('%s %s → %s', (type, number, ok) => {
    expect(docNumberError(type, number, TODAY) === null).toBe(ok)
  })
})

describe('names and phones', () => {
  it('accepts Chinese names with a middle dot and Latin names, refuses the rest', () => {
    expect(nameError('张三')).toBeNull()
    expect(nameError('阿依古丽·买买提')).toBeNull()
    expect(nameError('John Smith')).toBeNull()
    expect(nameError('张')).not.toBeNull()
    expect(nameError('<img src=x>')).not.toBeNull()
    expect(nameError('')).toBe('请填写姓名')
  })

  it('accepts mainland mobiles only', () => {
    expect(phoneError('13800138000')).toBeNull()
    expect(phoneError('+86 138-0013-8000')).toBeNull()
    expect(phoneError('12800138000')).toMatch(/13–19/)
    expect(phoneError('1380013800')).toMatch(/11 位/)
    expect(phoneError('138001380ab')).toMatch(/数字/)
  })
})

describe('masking (API.md)', () => {
  it('masks ID numbers to the first 3 and last 4', () => {
    expect(maskDocNumber('31010119800101123X')).toBe('310***********123X')
    expect(maskDocNumber('H12345678')).toBe('H12**5678')
  })
  it('masks phones to 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
  })
  it('keeps only the surname, two characters for compound surnames', () => {
    expect(maskName('张三')).toBe('张*')
    expect(maskName('张三丰')).toBe('张**')
    expect(maskName('欧阳娜娜')).toBe('欧阳**')
    expect(maskName('欧阳锋')).toBe('欧阳*')
    expect(maskName('John Smith')).toBe('J***')
  })
})
