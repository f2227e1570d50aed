import * as v from 'valibot'

/**
 * Extension of API.md: `GET /me/attention` lists what needs this person now (a check-in due, a
 * pickup window, verification missing), so the home page in the main package can show it without
 * importing any service.
 */
export const AttentionItemSchema = v.object({
  id: v.string(),
  service: v.picklist(['identity', 'masks', 'returnees', 'jobs']),
  title: v.string(),
  detail: v.string(),
  path: v.string(),
  tone: v.picklist(['info', 'warning', 'danger', 'success']),
})
export type AttentionItem = v.InferOutput<typeof AttentionItemSchema>

export const AttentionResponseSchema = v.object({ items: v.array(AttentionItemSchema) })
