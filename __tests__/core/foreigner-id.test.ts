import { docNumberError, normalizeDocNumber, residentIdCheckChar } from '@/core/identity/documents'
import { foreignerId, foreignerIdEndingInX } from '../helpers/backend'

const TODAY = '2020-02-10'
const CHECK_CHARS = '0123456789X'

describe('foreigner permanent residence ID, 18-digit form of 2023', () => {
  it('accepts numbers whose check character is computed with MOD 11-2, for any issuing province', () => {
    for (const province of ['11', '31', '44', '65']) {
      for (let sequence = 0; sequence < 30; sequence += 1) {
        const id = foreignerId(province, sequence)
        expect([id, docNumberError('foreigner_permanent_id', id, TODAY)]).toEqual([id, null])
      }
    }
  })

  it('accepts a check character X in either case, and keeps it upper case', () => {
    const id = foreignerIdEndingInX()
    expect(docNumberError('foreigner_permanent_id', id, TODAY)).toBeNull()
    expect(docNumberError('foreigner_permanent_id', id.toLowerCase(), TODAY)).toBeNull()
    expect(docNumberError('foreigner_permanent_id', ` ${id.slice(0, 9)} ${id.slice(9).toLowerCase()} `, TODAY)).toBeNull()
    expect(normalizeDocNumber(id.toLowerCase())).toBe(id)
  })

  it('refuses every wrong check character, X included', () => {
    for (const id of [foreignerId('31', 7), foreignerIdEndingInX('44')]) {
      const wrong = CHECK_CHARS.split('').filter((c) => c !== id[17])
      expect(wrong).toHaveLength(10)
      for (const c of wrong) {
        expect(docNumberError('foreigner_permanent_id', id.slice(0, 17) + c, TODAY)).toBe('永久居留身份证号码校验位不正确，请逐位核对')
      }
    }
  })

  it('refuses the number the old rule took without a check (any 9 and 17 digits)', () => {
    const first17 = '91111119900101123'
    const wrong = CHECK_CHARS.split('').find((c) => c !== residentIdCheckChar(first17))!
    expect(docNumberError('foreigner_permanent_id', first17 + wrong, TODAY)).toMatch(/校验位/)
  })

  it('refuses an issuing code that is no province-level code of the mainland', () => {
    for (const province of ['00', '10', '39', '71', '81', '99']) {
      expect(docNumberError('foreigner_permanent_id', foreignerId(province), TODAY)).toMatch(/受理地代码/)
    }
  })

  it('refuses another length, another first digit, or X anywhere but last', () => {
    const id = foreignerId()
    expect(docNumberError('foreigner_permanent_id', id.slice(0, 17), TODAY)).toMatch(/18 位/)
    expect(docNumberError('foreigner_permanent_id', `${id}1`, TODAY)).toMatch(/18 位/)
    const eight = `8${id.slice(1, 17)}`
    expect(docNumberError('foreigner_permanent_id', eight + residentIdCheckChar(eight), TODAY)).toMatch(/9 开头/)
    expect(docNumberError('foreigner_permanent_id', `${id.slice(0, 5)}X${id.slice(6)}`, TODAY)).toMatch(/18 位/)
    expect(docNumberError('foreigner_permanent_id', '', TODAY)).toBe('请填写证件号码')
  })

  it('keeps accepting the 15-character form of 2017 (3 letters and 12 digits), in either case', () => {
    expect(docNumberError('foreigner_permanent_id', 'USA123456789012', TODAY)).toBeNull()
    expect(docNumberError('foreigner_permanent_id', 'usa123456789012', TODAY)).toBeNull()
    expect(normalizeDocNumber('usa123456789012')).toBe('USA123456789012')
    expect(docNumberError('foreigner_permanent_id', 'US1234567890123', TODAY)).not.toBeNull()
    expect(docNumberError('foreigner_permanent_id', 'USA12345678901', TODAY)).not.toBeNull()
  })
})
