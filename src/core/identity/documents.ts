import { textCharacterError } from '../contract/characters'
import { TEXT_LIMITS } from '../contract/limits'
import { isCalendarDate } from '../time/shanghai'

export const DOC_TYPES = ['resident_id', 'hk_macau_permit', 'taiwan_permit', 'passport', 'foreigner_permanent_id'] as const
export type DocType = (typeof DOC_TYPES)[number]

export const DOC_TYPE_LABELS: Record<DocType, string> = {
  resident_id: '居民身份证',
  hk_macau_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  passport: '护照',
  foreigner_permanent_id: '外国人永久居留身份证',
}

/** The document types as a picker lists them. */
export const DOC_TYPE_OPTIONS = DOC_TYPES.map((value) => ({ value, label: DOC_TYPE_LABELS[value] }))

/** What a document number of each type looks like, as a field's placeholder says it. */
export const DOC_NUMBER_PLACEHOLDERS: Record<DocType, string> = {
  resident_id: '18 位身份证号',
  hk_macau_permit: '如 H12345678',
  taiwan_permit: '8 位数字',
  passport: '护照上的号码',
  foreigner_permanent_id: '9 开头的 18 位，或旧版 15 位',
}

/**
 * Province-level prefixes of GB/T 2260. Only the province is checked: older ID numbers carry
 * county codes that have since been abolished, and a table of today's counties would turn away
 * exactly the elderly people whose cards predate the change.
 */
const PROVINCE_PREFIXES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
])

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/** ISO 7064 MOD 11-2 check character of the first 17 digits (a mainland ID's, and a 2023 foreigner permanent ID's). */
export function residentIdCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/** Document numbers are compared without spaces and in upper case (`x` and `X` are one). */
export function normalizeDocNumber(raw: string): string {
  return raw.replace(/\s/g, '').toUpperCase()
}

export interface ResidentIdFacts {
  birthDate: string
  gender: 'male' | 'female'
}

/** Birth date and gender encoded in a valid mainland ID number. */
export function residentIdFacts(id: string): ResidentIdFacts {
  const n = normalizeDocNumber(id)
  const birthDate = `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`
  return { birthDate, gender: Number(n[16]) % 2 === 1 ? 'male' : 'female' }
}

function residentIdError(n: string, today: string): string | null {
  if (n.length !== 18) return '身份证号应为 18 位'
  if (!/^\d{17}[\dX]$/.test(n)) return '身份证号前 17 位应为数字，最后一位为数字或 X'
  if (!PROVINCE_PREFIXES.has(n.slice(0, 2))) return '身份证号开头的地区代码不存在，请核对'
  const birth = `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`
  if (!isCalendarDate(birth) || birth < '1890-01-01') return '身份证号中的出生日期不存在，请核对'
  if (birth > today) return '身份证号中的出生日期晚于今天，请核对'
  if (residentIdCheckChar(n.slice(0, 17)) !== n[17]) return '身份证号校验位不正确，请逐位核对'
  return null
}

/** Province-level codes of the mainland: the only places a foreigner's permanent ID is issued. */
const MAINLAND_PROVINCES = new Set([...PROVINCE_PREFIXES].filter((p) => Number(p) < 70))

const FOREIGNER_ID_FORMS = '永久居留身份证号码为 9 开头的 18 位（最后一位可以是 X），或旧版的 3 位字母加 12 位数字'

/**
 * The foreigner permanent residence ID: the 15-character form of 2017 (a 3-letter nationality code
 * and 12 digits), still valid until it expires, or the 18-character form of 2023, built like a
 * mainland ID (GB 11643): 9 (a foreigner), the province-level code of where it was issued, a
 * nationality code, …, and the same ISO 7064 MOD 11-2 check character, so it can end in X. Only
 * what the issuing rules state for every number is checked (the 9, the province, the check): the
 * codes inside are the immigration administration's and change with it.
 */
function foreignerIdError(n: string): string | null {
  if (/^[A-Z]{3}\d{12}$/.test(n)) return null
  if (n.length !== 18 || !/^\d{17}[\dX]$/.test(n)) return FOREIGNER_ID_FORMS
  if (n[0] !== '9') return FOREIGNER_ID_FORMS
  if (!MAINLAND_PROVINCES.has(n.slice(1, 3))) return '永久居留身份证号码第 2–3 位的受理地代码不存在，请核对'
  if (residentIdCheckChar(n.slice(0, 17)) !== n[17]) return '永久居留身份证号码校验位不正确，请逐位核对'
  return null
}

/**
 * Why a document number is not acceptable, or null when it is. `today` (YYYY-MM-DD, Shanghai)
 * bounds the birth date; the server passes its own clock's day.
 */
export function docNumberError(docType: DocType, raw: string, today: string): string | null {
  const n = normalizeDocNumber(raw)
  if (!n) return '请填写证件号码'
  switch (docType) {
    case 'resident_id':
      return residentIdError(n, today)
    case 'hk_macau_permit':
      return /^[HM]\d{8}(\d{2})?$/.test(n) ? null : '港澳通行证号码为 H 或 M 开头加 8 位或 10 位数字'
    case 'taiwan_permit':
      return /^(\d{8}|\d{10})$/.test(n) ? null : '台湾居民通行证号码为 8 位或 10 位数字'
    case 'passport':
      return /^[A-Z0-9]{5,17}$/.test(n) ? null : '护照号码为 5–17 位字母或数字'
    case 'foreigner_permanent_id':
      return foreignerIdError(n)
    default:
      return '请选择证件类型'
  }
}

const NAME_CHINESE = /^[\u4e00-\u9fa5\u3400-\u4dbf][\u4e00-\u9fa5\u3400-\u4dbf·•]*[\u4e00-\u9fa5\u3400-\u4dbf]$/
const NAME_LATIN = /^[A-Za-z][A-Za-z .'-]*[A-Za-z.]$/
const HAS_CHINESE = /[\u4e00-\u9fa5\u3400-\u4dbf]/

export function normalizeName(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ')
}

/**
 * Why a name is not acceptable, or null. The limits are the contract's (`TEXT_LIMITS`), said in
 * their own words rather than folded into "not like the document", so a person whose name is
 * long hears what to do; hidden characters get the text fields' own message.
 */
export function nameError(raw: string): string | null {
  const name = normalizeName(raw)
  if (!name) return '请填写姓名'
  // Before spaces are collapsed: U+FEFF and the like count as spaces there, and would hide.
  const characters = textCharacterError('姓名', raw.trim())
  if (characters) return characters
  if (HAS_CHINESE.test(name) && name.length > TEXT_LIMITS.nameChinese) return `中文姓名不能超过 ${TEXT_LIMITS.nameChinese} 个字`
  if (name.length > TEXT_LIMITS.name) return `姓名不能超过 ${TEXT_LIMITS.name} 个字`
  if (NAME_CHINESE.test(name) || NAME_LATIN.test(name)) return null
  return '姓名应与证件一致：2 个以上汉字，或英文字母'
}
