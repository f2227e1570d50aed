import * as v from 'valibot'
import { listSchema } from './common'
import { MemberQuerySchema } from './family'
import { PassHolderSchema, PassReasonSchema, PASS_COLORS } from './pass'
import { DocNumberSchema, DocTypeSchema, NameSchema, docNumberRule } from './session'

/** Checking a pass (docs/API.md, "Pass"): the scanner's and the lookup's bodies and answers. */

/** Lookups a worker or staff member may make in any `PASS_LOOKUP_WINDOW_MS`. */
export const PASS_LOOKUPS_PER_WINDOW = 30
export const PASS_LOOKUP_WINDOW_MS = 60 * 60_000

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
export const PassCheckListSchema = listSchema(PassCheckRecordSchema)

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

/** `GET /pass` and `GET /pass/checks` take a family member's id. */
export const PassQuerySchema = MemberQuerySchema
