import * as v from 'valibot'
import { DocNumberSchema, DocTypeSchema, NameSchema, docNumberRule } from './session'

/**
 * The personal pass (docs/API.md, "Pass"). It sits in the core's contract because the home page,
 * in the main package, shows the person's colour first.
 */
export const PASS_COLORS = ['green', 'yellow', 'red'] as const
export type PassColor = (typeof PASS_COLORS)[number]
export const PASS_COLOR_LABELS: Record<PassColor, string> = { green: '绿码', yellow: '黄码', red: '红码' }

/** How long a pass token is good for, from when it was issued. */
export const PASS_TOKEN_TTL_MS = 60_000
/** Lookups a worker or staff member may make in any `PASS_LOOKUP_WINDOW_MS`. */
export const PASS_LOOKUPS_PER_WINDOW = 30
export const PASS_LOOKUP_WINDOW_MS = 60 * 60_000

export const PassReasonSchema = v.object({ code: v.string(), text: v.string() })
export type PassReason = v.InferOutput<typeof PassReasonSchema>

export const PassHolderSchema = v.object({ nameMasked: v.string(), docNumberMasked: v.string() })

export const PassSchema = v.object({
  color: v.picklist(PASS_COLORS),
  reasons: v.array(PassReasonSchema),
  holder: PassHolderSchema,
  token: v.pipe(v.string(), v.minLength(16)),
  issuedAt: v.string(),
  expiresAt: v.string(),
})
export type Pass = v.InferOutput<typeof PassSchema>

export const PassCheckSchema = v.object({
  color: v.picklist(PASS_COLORS),
  reasons: v.array(PassReasonSchema),
  holder: PassHolderSchema,
  checkedAt: v.string(),
})
export type PassCheck = v.InferOutput<typeof PassCheckSchema>

export const PassCheckRecordSchema = v.object({
  at: v.string(),
  by: v.picklist(['worker', 'staff']),
  place: v.string(),
})
export type PassCheckRecord = v.InferOutput<typeof PassCheckRecordSchema>

/** A token as a scanner reads it off a QR code: long enough to hold one, never more. */
export const PASS_TOKEN_MAX = 200
export const PassVerifyBodySchema = v.object({
  token: v.pipe(
    v.string('请扫描或输入通行码'),
    v.trim(),
    v.minLength(1, '请扫描或输入通行码'),
    v.maxLength(PASS_TOKEN_MAX, '不是有效的通行码'),
  ),
})

/** A person without a phone shows their document; the checker types what it says. */
export function passLookupBodySchema(today: string) {
  const rule = docNumberRule(today)
  return v.pipe(
    v.object({ name: NameSchema, docType: DocTypeSchema, docNumber: DocNumberSchema }),
    v.forward(v.partialCheck(rule.paths, rule.requirement, rule.message), ['docNumber']),
  )
}
export type PassLookupBody = v.InferInput<ReturnType<typeof passLookupBodySchema>>

export const PassQuerySchema = v.object({ memberId: v.optional(v.pipe(v.string(), v.maxLength(64, '家人编号无效'))) })
