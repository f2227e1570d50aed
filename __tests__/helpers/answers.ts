import * as v from 'valibot'
import {
  ApplicationListSchema,
  ApplicationSchema,
  AttentionResponseSchema,
  CheckinSchema,
  CurrentRoundResponseSchema,
  DeclarationDetailSchema,
  DeclarationListSchema,
  DeclarationSchema,
  DrawResultSchema,
  FamilyBindingListSchema,
  FamilyMemberListSchema,
  FamilyMemberSchema,
  FavoriteResponseSchema,
  JobDetailSchema,
  JobListSchema,
  LoginResponseSchema,
  MineResponseSchema,
  OutletListSchema,
  OutletSchema,
  PassCheckListSchema,
  PassCheckSchema,
  PassSchema,
  RegionsResponseSchema,
  ReportSchema,
  ReservationListSchema,
  ReservationSchema,
  RiskAreasResponseSchema,
  SmsResponseSchema,
  SubscriptionListSchema,
  SubscriptionSchema,
  SummarySchema,
  UserSchema,
} from '@/core/contract'

/**
 * The contract's answer for each route (docs/API.md), as the app's own api modules read them.
 * `call` checks every 2xx answer any test gets against it: a field lost or a value outside its
 * set fails the test that caused it, whatever that test was looking at.
 */
const ANSWERS: [method: string, path: RegExp, schema: v.GenericSchema][] = [
  ['POST', /^\/auth\/login$/, LoginResponseSchema],
  ['GET', /^\/me$/, UserSchema],
  ['POST', /^\/identity\/sms$/, SmsResponseSchema],
  ['POST', /^\/identity\/verify$/, UserSchema],
  ['GET', /^\/me\/attention$/, AttentionResponseSchema],
  ['GET', /^\/masks\/rounds\/current$/, CurrentRoundResponseSchema],
  ['GET', /^\/masks\/rounds\/[^/]+\/draw$/, DrawResultSchema],
  ['GET', /^\/masks\/outlets$/, OutletListSchema],
  ['GET', /^\/masks\/outlets\/[^/]+$/, OutletSchema],
  ['POST', /^\/masks\/reservations$/, ReservationSchema],
  ['GET', /^\/masks\/reservations$/, ReservationListSchema],
  ['POST', /^\/masks\/reservations\/[^/]+\/cancel$/, ReservationSchema],
  ['POST', /^\/masks\/pickups$/, ReservationSchema],
  ['GET', /^\/regions$/, RegionsResponseSchema],
  ['GET', /^\/risk-areas$/, RiskAreasResponseSchema],
  ['POST', /^\/returnees\/declarations$/, DeclarationSchema],
  ['GET', /^\/returnees\/declarations\/mine$/, MineResponseSchema],
  ['GET', /^\/returnees\/declarations\/[^/]+$/, DeclarationDetailSchema],
  ['POST', /^\/returnees\/declarations\/[^/]+\/checkins$/, CheckinSchema],
  ['POST', /^\/returnees\/declarations\/[^/]+\/(release|escalate)$/, DeclarationSchema],
  ['GET', /^\/returnees\/community\/summary$/, SummarySchema],
  ['GET', /^\/returnees\/community\/declarations$/, DeclarationListSchema],
  ['GET', /^\/returnees\/community\/report$/, ReportSchema],
  ['GET', /^\/jobs$/, JobListSchema],
  ['GET', /^\/jobs\/applications$/, ApplicationListSchema],
  ['GET', /^\/jobs\/favorites$/, JobListSchema],
  ['GET', /^\/jobs\/subscriptions$/, SubscriptionListSchema],
  ['POST', /^\/jobs\/subscriptions$/, SubscriptionSchema],
  ['GET', /^\/jobs\/subscriptions\/[^/]+\/postings$/, JobListSchema],
  ['POST', /^\/jobs\/subscriptions\/[^/]+\/seen$/, SubscriptionSchema],
  ['GET', /^\/jobs\/[^/]+$/, JobDetailSchema],
  ['POST', /^\/jobs\/[^/]+\/applications$/, ApplicationSchema],
  ['PUT', /^\/jobs\/[^/]+\/favorite$/, FavoriteResponseSchema],
  ['GET', /^\/pass$/, PassSchema],
  ['POST', /^\/pass\/(verify|lookup)$/, PassCheckSchema],
  ['GET', /^\/pass\/checks$/, PassCheckListSchema],
  ['POST', /^\/family\/members$/, FamilyMemberSchema],
  ['GET', /^\/family\/members$/, FamilyMemberListSchema],
  ['GET', /^\/family\/bindings$/, FamilyBindingListSchema],
]

/** Throws, naming the route and the first issue, when a 2xx answer is not the contract's shape. */
export function expectContractAnswer(method: string, path: string, status: number, body: unknown): void {
  if (status < 200 || status >= 300 || status === 204) return
  const found = ANSWERS.find(([m, pattern]) => m === method && pattern.test(path))
  if (!found) return
  const parsed = v.safeParse(found[2], body)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    const where = issue.path?.map((p) => String(p.key)).join('.') ?? '(root)'
    throw new Error(`${method} ${path} → ${status} is not the contract's answer at ${where}: ${issue.message}`)
  }
}
