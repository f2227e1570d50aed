import * as v from 'valibot'
import { IsoTime, TEXT_LIMITS, missingFields } from './common'
import { DocNumberSchema, DocTypeSchema, NameSchema, docNumberRule } from './session'

/**
 * 家人 (docs/API.md, "Family"): the members one verified account acts for. The pass, masks and
 * returnees subpackages and the 家人 pages import this module itself, never through `./core`,
 * so none of it lands in the main package.
 */
export const FAMILY_MEMBERS_PER_ACCOUNT = 5
export const FAMILY_ACCOUNTS_PER_DOCUMENT = 3

export const RELATIONS = ['parent', 'child', 'spouse', 'other'] as const
export type Relation = (typeof RELATIONS)[number]
export const RELATION_LABELS: Record<Relation, string> = { parent: '父母', child: '子女', spouse: '配偶', other: '其他家人' }

/** A member's id as pages and calls carry it (`memberId`): an id, never personal data. */
export const MemberIdSchema = v.pipe(v.string('家人编号无效'), v.minLength(1, '家人编号无效'), v.maxLength(TEXT_LIMITS.id, '家人编号无效'))

export const FamilyMemberSchema = v.object({
  id: v.string(),
  name: v.string(),
  nameMasked: v.string(),
  docType: DocTypeSchema,
  docNumberMasked: v.string(),
  relation: v.picklist(RELATIONS),
  createdAt: IsoTime,
})
export type FamilyMember = v.InferOutput<typeof FamilyMemberSchema>
export const FamilyMemberListSchema = v.object({ items: v.array(FamilyMemberSchema) })

/** `POST /family/members`: the document is checked as on verification (`today` bounds a birth date). */
export function addMemberBodySchema(today: string) {
  const rule = docNumberRule(today)
  return v.pipe(
    v.object(
      {
        name: NameSchema,
        docType: DocTypeSchema,
        docNumber: DocNumberSchema,
        relation: v.picklist(RELATIONS, '请选择与你的关系'),
      },
      missingFields({ name: '请填写姓名', docType: '请选择证件类型', docNumber: '请填写证件号码', relation: '请选择与你的关系' }),
    ),
    v.forward(v.partialCheck(rule.paths, rule.requirement, rule.message), ['docNumber']),
  )
}
export type AddMemberBody = v.InferInput<ReturnType<typeof addMemberBodySchema>>

export const FamilyBindingSchema = v.object({
  id: v.string(),
  holderNameMasked: v.string(),
  relation: v.picklist(RELATIONS),
  since: IsoTime,
})
export type FamilyBinding = v.InferOutput<typeof FamilyBindingSchema>
export const FamilyBindingListSchema = v.object({ items: v.array(FamilyBindingSchema) })

/** `?memberId=` of the calls that act for a member (the pass, its checks). */
export const MemberQuerySchema = v.object({ memberId: v.optional(MemberIdSchema) })
