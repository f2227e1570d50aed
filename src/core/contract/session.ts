import * as v from 'valibot'
import { DOC_TYPES, type DocType, docNumberError, nameError, normalizeDocNumber, normalizeName } from '../identity/documents'
import { normalizePhone, phoneError } from '../identity/phone'
import { IsoTime, TEXT_LIMITS, textCharacterCheck } from './common'

export type { DocType } from '../identity/documents'
export { DOC_TYPES, DOC_TYPE_LABELS } from '../identity/documents'

export const ROLES = ['citizen', 'worker', 'staff'] as const
export type Role = (typeof ROLES)[number]

export const DocTypeSchema = v.picklist(DOC_TYPES, '请选择证件类型')

export const IdentitySchema = v.object({
  name: v.string(),
  docType: DocTypeSchema,
  docNumberMasked: v.string(),
  phoneMasked: v.string(),
  birthDate: v.optional(v.string()),
  gender: v.optional(v.picklist(['male', 'female'])),
})
export type Identity = v.InferOutput<typeof IdentitySchema>

export const UserSchema = v.object({
  id: v.string(),
  verified: v.boolean(),
  role: v.picklist(ROLES),
  communityId: v.optional(v.string()),
  outletId: v.optional(v.string()),
  identity: v.optional(IdentitySchema),
})
export type User = v.InferOutput<typeof UserSchema>

/** A hidden character in a demo code (`worker:\u200B…`) would silently log in another account: refused. */
export const LoginRequestSchema = v.object({
  code: v.pipe(
    v.string('缺少登录凭证'),
    v.trim(),
    v.minLength(1, '缺少登录凭证'),
    v.maxLength(TEXT_LIMITS.loginCode, `登录凭证不能超过 ${TEXT_LIMITS.loginCode} 个字`),
    textCharacterCheck('登录凭证'),
  ),
})
export type LoginRequest = v.InferInput<typeof LoginRequestSchema>

export const LoginResponseSchema = v.object({
  token: v.string(),
  expiresAt: IsoTime,
  /** Extension: the server's time when it issued the token, so a phone with a wrong clock
   * still knows how long the token lives. */
  serverTime: v.optional(IsoTime),
  user: UserSchema,
})
export type LoginResponse = v.InferOutput<typeof LoginResponseSchema>

export const PhoneSchema = v.pipe(
  v.string('请填写手机号'),
  v.check(
    (raw) => phoneError(raw) === null,
    (issue) => phoneError(String(issue.input)) ?? '手机号不正确',
  ),
  v.transform(normalizePhone),
)

export const SmsRequestSchema = v.object({ phone: PhoneSchema })
export type SmsRequest = v.InferInput<typeof SmsRequestSchema>

export const SmsResponseSchema = v.object({
  sent: v.literal(true),
  retryAfterSec: v.number(),
  devCode: v.optional(v.string()),
})
export type SmsResponse = v.InferOutput<typeof SmsResponseSchema>

export const NameSchema = v.pipe(
  v.string('请填写姓名'),
  v.check(
    (raw) => nameError(raw) === null,
    (issue) => nameError(String(issue.input)) ?? '姓名不正确',
  ),
  v.transform(normalizeName),
)
export const DocNumberSchema = v.pipe(
  v.string('请填写证件号码'),
  v.maxLength(TEXT_LIMITS.docNumber, `证件号码不能超过 ${TEXT_LIMITS.docNumber} 个字符`),
  v.transform(normalizeDocNumber),
)

type DocFields = { docType: DocType; docNumber: string }

/**
 * The document number checked against its type, as a `partialCheck` so it runs even when other
 * fields fail and a form hears about every field at once. `today` (Shanghai) bounds a resident
 * ID's birth date: the server passes its own clock's day.
 */
export function docNumberRule(today: string) {
  return {
    paths: [['docType'], ['docNumber']] as [['docType'], ['docNumber']],
    requirement: (input: DocFields) => docNumberError(input.docType, input.docNumber, today) === null,
    message: (issue: { input: DocFields }) => docNumberError(issue.input.docType, issue.input.docNumber, today) ?? '证件号码不正确',
  }
}

/** An SMS code as the contract takes it: exactly `TEXT_LIMITS.smsCode` digits. */
export const SMS_CODE = new RegExp(`^\\d{${TEXT_LIMITS.smsCode}}$`)
export const SmsCodeSchema = v.pipe(v.string('请填写短信验证码'), v.trim(), v.regex(SMS_CODE, `验证码为 ${TEXT_LIMITS.smsCode} 位数字`))

export function verifyRequestSchema(today: string) {
  const rule = docNumberRule(today)
  return v.pipe(
    v.object({
      name: NameSchema,
      docType: DocTypeSchema,
      docNumber: DocNumberSchema,
      phone: PhoneSchema,
      smsCode: SmsCodeSchema,
    }),
    v.forward(v.partialCheck(rule.paths, rule.requirement, rule.message), ['docNumber']),
  )
}
export type VerifyRequest = v.InferInput<ReturnType<typeof verifyRequestSchema>>
