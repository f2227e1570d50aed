import { TEXT_LIMITS } from '../contract/limits'

/** Mainland mobile numbers: 11 digits, 1 then 3–9. */
export function normalizePhone(raw: string): string {
  return raw.replace(/[\s-]/g, '').replace(/^\+?86/, '')
}

export function phoneError(raw: string): string | null {
  // As sent, before anything is dropped: the box stops at the same number.
  if (raw.length > TEXT_LIMITS.phone) return `手机号不能超过 ${TEXT_LIMITS.phone} 个字符`
  const phone = normalizePhone(raw)
  if (!phone) return '请填写手机号'
  if (!/^\d+$/.test(phone)) return '手机号只能包含数字'
  if (phone.length !== 11) return '手机号应为 11 位数字'
  if (!/^1[3-9]/.test(phone)) return '手机号应以 13–19 开头'
  return null
}
