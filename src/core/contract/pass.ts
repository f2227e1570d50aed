import * as v from 'valibot'

/**
 * The personal pass as its holder sees it (docs/API.md, "Pass"). It sits in the core's contract
 * because the home page, in the main package, shows the person's colour first; what checkers
 * send and get back is in ./passChecks, for the pass subpackage and the mock only.
 */
export const PASS_COLORS = ['green', 'yellow', 'red'] as const
export type PassColor = (typeof PASS_COLORS)[number]
export const PASS_COLOR_LABELS: Record<PassColor, string> = { green: '绿码', yellow: '黄码', red: '红码' }

/** How long a pass token is good for, from when it was issued. */
export const PASS_TOKEN_TTL_MS = 60_000

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
