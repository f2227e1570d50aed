import * as v from 'valibot'
import { addDays, daysBetween, isCalendarDate } from '../time/shanghai'
import { IsoTime, ListQuery, TEXT_LIMITS, listSchema, queryText, text, textCharacterCheck } from './common'
import { MemberIdSchema } from './family'
import { DocNumberSchema, DocTypeSchema, NameSchema, PhoneSchema, docNumberRule } from './session'

/**
 * Returnees (返沪人员登记与闭环管理), API.md § Returnees. One definition for the pages and the mock.
 *
 * Decisions and extensions beyond API.md (the contract allows extending, never breaking):
 * - `subject` is a worker's tool. A caller who is not a worker and sends `subject` gets 403
 *   `FORBIDDEN` (a role question, not a form error), whatever else the body holds. Without
 *   `subject`, any verified account (a worker or staff too: they are people who travel) declares
 *   for itself, into any community it lives in.
 * - The owner of a declaration is whoever holds its document: the account that declared, or a
 *   person a worker registered who later verifies that document on their own phone.
 * - Declaring does not count as the day's check-in: health at declaration is the arrival report;
 *   the daily check-in starts the same day.
 * - Writes on a released declaration (check-in, escalate, release) are 409 `DECLARATION_RELEASED`.
 * - `declaration` also carries `originName`, `residence.{districtName,streetName,communityName}`,
 *   `docNumberMasked`, `phoneMasked?`, `flagReasons`, `checkedInToday`, `releasedAt?`, and, for
 *   workers only, `notes` (escalation notes). `checkin` carries `raisedFlag` (this check-in
 *   flagged the declaration). `GET /returnees/declarations/mine` is a list of the contract's shape.
 * - `GET /returnees/community/declarations`: `status` also takes `open` (observing or flagged),
 *   `due_today` (open, no check-in today) and `ending_today`; sorted by `observationEndsOn` then
 *   id. `q` matches only what the worker already sees — the masked name (so `张` finds `张*`, and
 *   a full name finds nothing), the visible ends of the masked document number and phone, the
 *   address, the origin and the transport number — so a search can never unmask anyone.
 * - `GET /returnees/community/report?date=YYYY-MM-DD` (worker; default today, not in the future)
 *   → `{ filename, date, rows, csv }`: the community's daily report, one row per declaration open
 *   on that day or released on it, names and numbers masked, a UTF-8 BOM so Excel reads Chinese,
 *   and cells that start with `= + - @` prefixed with `'` so a typed address never runs as a formula.
 * - The `/me/attention` hook gives a citizen "check in today" / "observation ends on …" and a
 *   worker "N people have not checked in today".
 */

export const OBSERVATION_DAYS = 14
/** Arrivals older than this need no declaration. */
export const ARRIVAL_WINDOW_DAYS = 30
export const FEVER_FROM = 37.3
export const TEMPERATURE_MIN = 35
export const TEMPERATURE_MAX = 42

export const TRANSPORT_MODES = ['flight', 'train', 'coach', 'car', 'other'] as const
export type TransportMode = (typeof TRANSPORT_MODES)[number]
export const TRANSPORT_LABELS: Record<TransportMode, string> = {
  flight: '飞机',
  train: '火车',
  coach: '长途汽车',
  car: '自驾',
  other: '其他',
}

export const SYMPTOMS = ['cough', 'fatigue', 'sore_throat', 'short_breath', 'diarrhea', 'taste_smell', 'muscle_ache'] as const
export type Symptom = (typeof SYMPTOMS)[number]
export const SYMPTOM_LABELS: Record<Symptom, string> = {
  cough: '咳嗽',
  fatigue: '乏力',
  sore_throat: '咽痛',
  short_breath: '呼吸困难',
  diarrhea: '腹泻',
  taste_smell: '嗅觉或味觉减退',
  muscle_ache: '肌肉酸痛',
}

export const DECLARATION_STATUSES = ['observing', 'flagged', 'released'] as const
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number]
export const STATUS_LABELS: Record<DeclarationStatus, string> = {
  observing: '居家观察中',
  flagged: '需重点关注',
  released: '已解除观察',
}

export const RISK_LEVELS = ['high', 'medium', 'low'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]
export const RISK_LABELS: Record<RiskLevel, string> = { high: '高风险地区', medium: '中风险地区', low: '低风险地区' }

export const FLAG_REASONS = ['high_risk_origin', 'fever', 'symptoms', 'contact', 'checkin_fever', 'checkin_symptoms', 'escalated'] as const
export type FlagReason = (typeof FLAG_REASONS)[number]
export const FLAG_REASON_LABELS: Record<FlagReason, string> = {
  high_risk_origin: '来自高风险地区',
  fever: '登记时体温 ≥ 37.3 ℃',
  symptoms: '登记时有症状',
  contact: '接触过确诊或疑似病例',
  checkin_fever: '打卡体温 ≥ 37.3 ℃',
  checkin_symptoms: '打卡时有症状',
  escalated: '社区工作人员上报',
}

export const REGION_LEVELS = ['province', 'city', 'district', 'street', 'community'] as const

// ---- field rules, shared by the forms and the server ----

/** Flight numbers: a two-character airline code (two letters, or a letter and a digit) and 1–4 digits. */
const FLIGHT = /^([A-Z]{2}|[A-Z]\d|\d[A-Z])\d{1,4}$/
/** Train numbers: G/D/C/Z/T/K/Y/L/S and 1–4 digits, or four digits (ordinary trains). */
const TRAIN = /^([GDCZTKYLS]\d{1,4}|\d{4})$/

export function normalizeTransportNumber(raw: string): string {
  return raw.replace(/\s/g, '').toUpperCase()
}

/** Why a transport number is not acceptable for its mode, or null. */
export function transportNumberError(mode: TransportMode, raw: string | undefined): string | null {
  const n = normalizeTransportNumber(raw ?? '')
  if (mode === 'flight') {
    if (!n) return '请填写航班号'
    return FLIGHT.test(n) ? null : '航班号为航空公司代码加 1–4 位数字，如 MU5101、9C8888'
  }
  if (mode === 'train') {
    if (!n) return '请填写车次'
    return TRAIN.test(n) ? null : '车次为 G/D/C/Z/T/K 等字母加数字（如 G1234），或 4 位数字'
  }
  return n.length <= TEXT_LIMITS.transportNumber ? null : `班次不能超过 ${TEXT_LIMITS.transportNumber} 个字`
}

/** Why a body temperature is not acceptable, or null: 35.0–42.0 ℃, at most one decimal. */
export function temperatureError(t: unknown): string | null {
  if (typeof t !== 'number' || !Number.isFinite(t)) return '请填写体温'
  if (t < TEMPERATURE_MIN || t > TEMPERATURE_MAX) return '体温应在 35.0–42.0 ℃ 之间，请重新测量'
  if (Math.abs(t * 10 - Math.round(t * 10)) > 1e-6) return '体温最多保留一位小数'
  return null
}

/** A health report that flags: a fever, or any symptom. */
export function isFever(t: number): boolean {
  return t >= FEVER_FROM - 1e-9
}

/** Why the travel dates do not fit the rules on `today` (Shanghai), per field. */
export function travelDateErrors(
  departureDate: string,
  arrivalDate: string,
  today: string,
): { departureDate?: string; arrivalDate?: string } {
  const errors: { departureDate?: string; arrivalDate?: string } = {}
  if (!isCalendarDate(arrivalDate)) errors.arrivalDate = '请选择抵沪日期'
  else if (arrivalDate > today) errors.arrivalDate = '抵沪日期不能晚于今天'
  else if (daysBetween(arrivalDate, today) > ARRIVAL_WINDOW_DAYS) errors.arrivalDate = `只需登记 ${ARRIVAL_WINDOW_DAYS} 天内抵沪的人员`
  if (!isCalendarDate(departureDate)) errors.departureDate = '请选择出发日期'
  else if (isCalendarDate(arrivalDate) && departureDate > arrivalDate) errors.departureDate = '出发日期不能晚于抵沪日期'
  return errors
}

/** The last day of observation: arrival + 14. */
export function observationEndsOn(arrivalDate: string): string {
  return addDays(arrivalDate, OBSERVATION_DAYS)
}

/** Day N of 14 from what a declaration says (`daysLeft` 14 on the day of arrival). */
export function observationDay(daysLeft: number): number {
  return Math.min(OBSERVATION_DAYS, Math.max(1, OBSERVATION_DAYS + 1 - daysLeft))
}

// ---- schemas ----

function dateField(label: string) {
  return v.pipe(v.string(`请选择${label}`), v.check(isCalendarDate, `${label}应为真实的日期（YYYY-MM-DD）`))
}

export const TemperatureSchema = v.pipe(
  v.number('请填写体温'),
  v.check(
    (t) => temperatureError(t) === null,
    (issue) => temperatureError(issue.input) ?? '体温不正确',
  ),
)

export const SymptomsSchema = v.pipe(
  v.array(v.picklist(SYMPTOMS, '有无法识别的症状'), '请选择症状'),
  v.maxLength(SYMPTOMS.length, '症状选择有误'),
  v.check((list) => new Set(list).size === list.length, '症状不能重复选择'),
)

export const TransportSchema = v.pipe(
  v.object({
    mode: v.picklist(TRANSPORT_MODES, '请选择交通方式'),
    // Counted as sent (trimmed, spaces inside included), as the page's box counts it.
    number: v.optional(
      v.pipe(
        v.string('班次格式不正确'),
        v.trim(),
        v.maxLength(TEXT_LIMITS.transportNumber, `班次不能超过 ${TEXT_LIMITS.transportNumber} 个字`),
        textCharacterCheck('班次'),
        v.transform(normalizeTransportNumber),
      ),
    ),
  }),
  v.forward(
    v.partialCheck(
      [['mode'], ['number']],
      (t) => transportNumberError(t.mode, t.number) === null,
      (issue) => transportNumberError(issue.input.mode, issue.input.number) ?? '班次格式不正确',
    ),
    ['number'],
  ),
)

export const HealthSchema = v.object({
  temperature: TemperatureSchema,
  symptoms: SymptomsSchema,
  contactWithCases: v.boolean('请选择是否接触过确诊或疑似病例'),
})

export const ResidenceSchema = v.object({
  communityId: v.pipe(v.string('请选择居住的居委会'), v.regex(/^\d{12}$/, '请选择居住的居委会')),
  address: text('详细地址', TEXT_LIMITS.address),
})

/** The person a worker registers: the same name and document rules as verification. */
export function subjectSchema(today: string) {
  const rule = docNumberRule(today)
  return v.pipe(
    v.object({ name: NameSchema, docType: DocTypeSchema, docNumber: DocNumberSchema, phone: v.optional(PhoneSchema) }),
    v.forward(v.partialCheck(rule.paths, rule.requirement, rule.message), ['docNumber']),
  )
}

/** `POST /returnees/declarations`; `today` (Shanghai, the server's clock) bounds the dates. */
export function declarationBodySchema(today: string) {
  return v.pipe(
    v.object({
      subject: v.optional(subjectSchema(today)),
      memberId: v.optional(MemberIdSchema),
      originRegion: v.pipe(v.string('请选择出发地'), v.regex(/^\d{6}$/, '请选择出发的省份和城市')),
      transport: TransportSchema,
      departureDate: dateField('出发日期'),
      arrivalDate: dateField('抵沪日期'),
      residence: ResidenceSchema,
      health: HealthSchema,
    }),
    v.forward(
      v.partialCheck(
        [['departureDate'], ['arrivalDate']],
        (d) => !travelDateErrors(d.departureDate, d.arrivalDate, today).departureDate,
        (issue) => travelDateErrors(issue.input.departureDate, issue.input.arrivalDate, today).departureDate ?? '',
      ),
      ['departureDate'],
    ),
    v.forward(
      v.partialCheck(
        [['departureDate'], ['arrivalDate']],
        (d) => !travelDateErrors(d.departureDate, d.arrivalDate, today).arrivalDate,
        (issue) => travelDateErrors(issue.input.departureDate, issue.input.arrivalDate, today).arrivalDate ?? '',
      ),
      ['arrivalDate'],
    ),
  )
}
export type DeclarationBody = v.InferInput<ReturnType<typeof declarationBodySchema>>
export type Subject = v.InferInput<ReturnType<typeof subjectSchema>>
export type Health = v.InferOutput<typeof HealthSchema>
export type Transport = v.InferOutput<typeof TransportSchema>

export const CheckinBodySchema = v.object({ temperature: TemperatureSchema, symptoms: SymptomsSchema })
export type CheckinBody = v.InferInput<typeof CheckinBodySchema>

export const EscalateBodySchema = v.object({ note: text('上报说明', TEXT_LIMITS.escalationNote) })
export type EscalateBody = v.InferInput<typeof EscalateBodySchema>

export const RegionsQuerySchema = v.object({
  parent: v.optional(v.pipe(v.string(), v.maxLength(TEXT_LIMITS.regionCode, '地区代码不正确'))),
})
export const RegionSchema = v.object({ code: v.string(), name: v.string(), level: v.picklist(REGION_LEVELS) })
export type RegionItem = v.InferOutput<typeof RegionSchema>
export const RegionsResponseSchema = v.object({ items: v.array(RegionSchema) })

export const RiskAreaSchema = v.object({
  regionCode: v.string(),
  name: v.string(),
  level: v.picklist(['high', 'medium']),
  since: v.string(),
})
export type RiskArea = v.InferOutput<typeof RiskAreaSchema>
export const RiskAreasResponseSchema = v.object({ items: v.array(RiskAreaSchema) })

export const CheckinSchema = v.object({
  id: v.string(),
  declarationId: v.string(),
  /** The Shanghai day it counts for. */
  date: v.string(),
  temperature: v.number(),
  symptoms: v.array(v.picklist(SYMPTOMS)),
  at: IsoTime,
  /** `family`: the account that holds this person as a family member checked in for them. */
  by: v.picklist(['self', 'worker', 'family']),
  raisedFlag: v.boolean(),
})
export type Checkin = v.InferOutput<typeof CheckinSchema>

export const DeclarationSchema = v.object({
  id: v.string(),
  subjectMasked: v.string(),
  docNumberMasked: v.string(),
  phoneMasked: v.optional(v.string()),
  originRegion: v.string(),
  originName: v.string(),
  transport: v.object({ mode: v.picklist(TRANSPORT_MODES), number: v.optional(v.string()) }),
  departureDate: v.string(),
  arrivalDate: v.string(),
  residence: v.object({
    communityId: v.string(),
    address: v.string(),
    districtName: v.string(),
    streetName: v.string(),
    communityName: v.string(),
  }),
  health: v.object({ temperature: v.number(), symptoms: v.array(v.picklist(SYMPTOMS)), contactWithCases: v.boolean() }),
  status: v.picklist(DECLARATION_STATUSES),
  riskLevel: v.picklist(RISK_LEVELS),
  flagReasons: v.array(v.picklist(FLAG_REASONS)),
  observationEndsOn: v.string(),
  daysLeft: v.number(),
  checkedInToday: v.boolean(),
  createdAt: IsoTime,
  createdBy: v.picklist(['self', 'worker', 'family']),
  /** A declaration the account made for a family member (docs/API.md, "Family"). */
  memberId: v.optional(v.string()),
  releasedAt: v.optional(IsoTime),
  notes: v.optional(v.array(v.object({ at: IsoTime, text: v.string() }))),
})
export type Declaration = v.InferOutput<typeof DeclarationSchema>

export const DeclarationDetailSchema = v.object({ ...DeclarationSchema.entries, checkins: v.array(CheckinSchema) })
export type DeclarationDetail = v.InferOutput<typeof DeclarationDetailSchema>

export const DeclarationListSchema = listSchema(DeclarationSchema)

/** `GET /returnees/declarations/mine`: the list, and the server's Shanghai day (extension). */
export const MineResponseSchema = v.object({ ...listSchema(DeclarationSchema).entries, today: v.string() })
export type MineResponse = v.InferOutput<typeof MineResponseSchema>

export const SummarySchema = v.object({
  total: v.number(),
  observing: v.number(),
  dueToday: v.number(),
  flagged: v.number(),
  endingToday: v.number(),
  releasedToday: v.number(),
  /** Extension: the server's Shanghai day the counts are for. */
  today: v.string(),
})
export type Summary = v.InferOutput<typeof SummarySchema>

export const COMMUNITY_FILTERS = ['observing', 'flagged', 'released', 'open', 'due_today', 'ending_today'] as const
export type CommunityFilter = (typeof COMMUNITY_FILTERS)[number]

export const CommunityListQuerySchema = v.object({
  ...ListQuery.entries,
  status: v.optional(v.picklist(COMMUNITY_FILTERS, '状态筛选不正确')),
  q: queryText('搜索词', TEXT_LIMITS.communityQuery),
})

export const ReportQuerySchema = v.object({ date: v.optional(dateField('日期')) })
export const ReportSchema = v.object({ filename: v.string(), date: v.string(), rows: v.number(), csv: v.string() })
export type Report = v.InferOutput<typeof ReportSchema>

// A service's pages import this one module: their own contract and the core's.
export * from './core'
