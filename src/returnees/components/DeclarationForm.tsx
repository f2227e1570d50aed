import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { useState } from 'react'
import * as v from 'valibot'
import { ApiError, failureNote, newIdempotencyKey } from '@/core/api'
import {
  ARRIVAL_WINDOW_DAYS,
  OBSERVATION_DAYS,
  TEXT_LIMITS,
  TRANSPORT_LABELS,
  TRANSPORT_MODES,
  declarationBodySchema,
  issuesToFields,
  type Declaration,
  type DeclarationBody,
  type DocType,
  type Symptom,
  type TransportMode,
  type User,
} from '@/core/contract/returnees'
import { ForWhom, useChosenMember, type MemberList } from '@/core/family/ForWhom'
import { DOC_TYPE_OPTIONS } from '@/core/identity/documents'
import { memberLabel } from '@/core/family/members'
import { SHANGHAI_DISTRICTS } from '@/core/regions/shanghaiDistricts'
import { addDays } from '@/core/time/shanghai'
import { useDraft } from '@/core/storage/drafts'
import { ActionButton, Card, Notice, PickerField, Screen, SubmitNote, TextField, toast } from '@/core/ui'
import { submitDeclaration } from '../api'
import { useRegions, type RegionList } from '../hooks/useRegions'
import { DateField } from './DateField'
import { HealthFields, temperatureNumber, temperatureProblem } from './HealthFields'
import './returnees.scss'

export interface DeclareDraft {
  originProvince: string
  originCity: string
  mode: TransportMode | ''
  number: string
  departureDate: string
  arrivalDate: string
  district: string
  street: string
  communityId: string
  address: string
  temperature: string
  symptoms: Symptom[]
  contact: '' | 'yes' | 'no'
  subjectName: string
  subjectDocType: DocType
  subjectDocNumber: string
  subjectPhone: string
  /** The family member a citizen declares for (self variant only); absent: the person themselves. */
  memberId?: string
  /** The Idempotency-Key of the attempt in flight: kept across retries, dropped on any edit. */
  attemptKey: string
}

export const EMPTY_DRAFT: DeclareDraft = {
  originProvince: '',
  originCity: '',
  mode: '',
  number: '',
  departureDate: '',
  arrivalDate: '',
  district: '',
  street: '',
  communityId: '',
  address: '',
  temperature: '',
  symptoms: [],
  contact: '',
  subjectName: '',
  subjectDocType: 'resident_id',
  subjectDocNumber: '',
  subjectPhone: '',
  attemptKey: '',
}

type Errors = Record<string, string | undefined>

const MODE_OPTIONS = TRANSPORT_MODES.map((value) => ({ value, label: TRANSPORT_LABELS[value] }))
const NUMBER_FIELD: Record<TransportMode, { label: string; placeholder: string }> = {
  flight: { label: '航班号', placeholder: '如 MU5101' },
  train: { label: '车次', placeholder: '如 G7501' },
  coach: { label: '班次（选填）', placeholder: '车票上的班次' },
  car: { label: '车牌号（选填）', placeholder: '如 浙A12345' },
  other: { label: '说明（选填）', placeholder: '如 顺风车' },
}

/** Field ids for scrolling to the first error: dots do not belong in a selector. */
const fieldId = (key: string) => key.replace(/\./g, '-')

const options = (list: RegionList) => list.items.map((r) => ({ value: r.code, label: r.name }))
/** The app carries Shanghai's districts; only streets and committees are asked of the server. */
const DISTRICT_OPTIONS = SHANGHAI_DISTRICTS.map((r) => ({ value: r.code, label: r.name }))

function regionHint(list: RegionList, empty: string): string | undefined {
  if (list.status === 'loading') return '正在加载…'
  if (list.status === 'error') return `${list.message ?? '加载失败'}，请点“重试”`
  if (list.status === 'ready' && list.items.length === 0) return empty
  return undefined
}

/** What the form will send; undefined parts fail the contract's schema with its own messages. */
export function draftToBody(draft: DeclareDraft, variant: 'self' | 'worker', communityId: string): Record<string, unknown> {
  const number = draft.number.trim()
  const body: Record<string, unknown> = {
    originRegion: draft.originCity || draft.originProvince,
    transport: number ? { mode: draft.mode || undefined, number } : { mode: draft.mode || undefined },
    departureDate: draft.departureDate || undefined,
    arrivalDate: draft.arrivalDate || undefined,
    residence: { communityId, address: draft.address },
    health: {
      temperature: temperatureNumber(draft.temperature),
      symptoms: draft.symptoms,
      contactWithCases: draft.contact === '' ? undefined : draft.contact === 'yes',
    },
  }
  // Only a citizen declares for a member; the server refuses memberId beside a worker's subject.
  if (variant === 'self' && draft.memberId !== undefined) body.memberId = draft.memberId
  if (variant === 'worker') {
    const phone = draft.subjectPhone.trim()
    body.subject = {
      name: draft.subjectName,
      docType: draft.subjectDocType,
      docNumber: draft.subjectDocNumber,
      ...(phone ? { phone } : {}),
    }
  }
  return body
}

/** The contract's own rules on the server's day, plus the pickers' "choose one" messages. */
export function validateDraft(draft: DeclareDraft, body: Record<string, unknown>, today: string, hasCities: boolean): Errors {
  const parsed = v.safeParse(declarationBodySchema(today), body)
  const errors: Errors = parsed.success ? {} : issuesToFields(parsed.issues)
  if (!draft.originProvince) errors.originRegion = '请选择出发的省份'
  else if (hasCities && !draft.originCity) errors.originRegion = '请选择出发的城市'
  else delete errors.originRegion
  // The schema's own words for a number it refuses; and "not a number", which it cannot tell from an empty field.
  const temperature = temperatureProblem(draft.temperature)
  if (temperature) errors['health.temperature'] = temperature
  if (errors['transport.mode']) errors['transport.mode'] = '请选择交通方式'
  for (const key of Object.keys(errors)) if (key.startsWith('health.symptoms')) errors['health.symptoms'] = '症状选择有误，请重新选择'
  return errors
}

const FIELD_ORDER = [
  'subject.name',
  'subject.docType',
  'subject.docNumber',
  'subject.phone',
  'originRegion',
  'transport.mode',
  'transport.number',
  'departureDate',
  'arrivalDate',
  'residence.communityId',
  'residence.address',
  'health.temperature',
  'health.symptoms',
  'health.contactWithCases',
]

/** A citizen's 为谁登记: their family members, and the open declaration of whoever is chosen. */
export interface DeclareFor extends MemberList {
  /** The chosen person's open declaration, if any (undefined: the person themselves). */
  openOf: (memberId: string | undefined) => Declaration | null
  /** Where an open declaration is looked at and checked in. */
  onSeeOpen: () => void
}

/**
 * The declaration form, for a person declaring for themselves or a family member (identity from
 * the session or the member's record) or a worker registering someone at the door (identity typed
 * in, residence fixed to the worker's community). The draft survives failures and closing the app
 * until the server confirms.
 */
/** A worker's form, or a citizen's with no family list: for the signed-in person only. */
const NO_MEMBERS = { members: [], loaded: false }

export function DeclarationForm({
  variant,
  user,
  today,
  onDone,
  whom,
}: {
  variant: 'self' | 'worker'
  user: User
  today: string
  onDone: (d: Declaration) => void
  /** The self variant's choice of person; without it the form is for the signed-in person. */
  whom?: DeclareFor
}) {
  const [draft, update, clear, flush] = useDraft<DeclareDraft>(variant === 'self' ? 'returnees:declare' : 'returnees:register', EMPTY_DRAFT)
  const [errors, setErrors] = useState<Errors>({})
  const [banner, setBanner] = useState<{ tone: 'danger' | 'warning'; text: string } | null>(null)
  const [submitting, setSubmitting] = useState(false)

  const fixedCommunity = variant === 'worker' ? (user.communityId ?? '') : ''
  const provinces = useRegions('')
  const cities = useRegions(draft.originProvince || null)
  const streets = useRegions(fixedCommunity ? fixedCommunity.slice(0, 6) : draft.district || null)
  const communities = useRegions(fixedCommunity ? fixedCommunity.slice(0, 9) : draft.street || null)
  const communityId = fixedCommunity || draft.communityId
  const chosenId = variant === 'self' ? draft.memberId : undefined
  const who = useChosenMember(whom ?? NO_MEMBERS, chosenId, () => update({ memberId: undefined, attemptKey: '' }))
  const { chosen, whoUnknown } = who

  const setField = (patch: Partial<DeclareDraft>, clears: string[]) => {
    update({ ...patch, attemptKey: '' })
    if (clears.some((k) => errors[k])) {
      const next = { ...errors }
      for (const k of clears) delete next[k]
      setErrors(next)
    }
  }

  const showErrors = (found: Errors, message: string) => {
    setErrors(found)
    setBanner({ tone: 'danger', text: message })
    const first = FIELD_ORDER.find((k) => found[k]) ?? Object.keys(found)[0]
    if (!first) return
    const target = first === 'originRegion' ? (draft.originProvince ? 'originCity' : 'originProvince') : fieldId(first)
    try {
      Promise.resolve(Taro.pageScrollTo({ selector: `#field-${target}`, duration: 200 })).catch(() => undefined)
    } catch {
      // Scrolling is a convenience: the banner and the red field still say what to fix.
    }
  }

  const choose = (memberId: string | undefined) => {
    if (memberId === chosenId) return
    // Travel and address are often shared; today's health is one person's, so it is asked again.
    setField({ memberId, temperature: '', symptoms: [], contact: '' }, ['health.temperature', 'health.symptoms', 'health.contactWithCases'])
    who.dismissGone()
    setBanner(null)
  }

  const submit = async () => {
    if (whoUnknown) return
    const body = draftToBody(draft, variant, communityId)
    const found = validateDraft(draft, body, today, cities.items.length > 0)
    if (Object.values(found).some(Boolean)) {
      showErrors(found, '请按红色提示修改后再提交')
      return
    }
    // One key per attempt: a retry after a lost answer is recognised, never a second record.
    const key = draft.attemptKey || newIdempotencyKey()
    if (!draft.attemptKey) update({ attemptKey: key })
    // In storage before it is sent: a retry after the app was closed mid-request reuses it.
    flush()
    setSubmitting(true)
    setBanner(null)
    try {
      const declaration = await submitDeclaration(body as DeclarationBody, key)
      clear()
      toast(variant === 'worker' ? '已为居民登记' : chosen ? `已为${chosen.name}登记` : '登记成功', 'success')
      onDone(declaration)
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) {
        showErrors(e.fields, e.message)
      } else if (e instanceof ApiError && e.code === 'ALREADY_DECLARED') {
        setBanner({ tone: 'warning', text: e.message })
      } else {
        setBanner({ tone: 'danger', text: failureNote(e, '再点一次提交不会重复登记') })
      }
    } finally {
      setSubmitting(false)
    }
  }

  const numberField = draft.mode ? NUMBER_FIELD[draft.mode] : null
  const arrivalStart = addDays(today, -ARRIVAL_WINDOW_DAYS)
  const fixedNames = fixedCommunity
    ? [
        SHANGHAI_DISTRICTS.find((r) => r.code === fixedCommunity.slice(0, 6))?.name ?? '',
        streets.items.find((r) => r.code === fixedCommunity.slice(0, 9))?.name ?? '',
        communities.items.find((r) => r.code === fixedCommunity)?.name ?? '',
      ]
    : []

  const whoCard = variant === 'self' && whom ? <ForWhom verb="登记" list={whom} chosenId={chosenId} who={who} onChange={choose} /> : null

  const open = whom && !whoUnknown ? whom.openOf(chosenId) : null
  if (open) {
    return (
      <Screen footer={<ActionButton onClick={whom?.onSeeOpen}>{chosen ? `查看${chosen.name}的登记` : '查看我的状态'}</ActionButton>}>
        {whoCard}
        <Notice
          title={chosen ? `${chosen.name}已有一条居家观察中的登记` : '你已有一条居家观察中的登记'}
          text={`观察期至 ${open.observationEndsOn}，无需重复登记。每天打卡即可。`}
        />
      </Screen>
    )
  }

  return (
    <Screen
      footer={
        <>
          {/* Beside the button: the form is long, a banner at its top is out of sight. */}
          <SubmitNote tone={banner?.tone} text={banner?.text} />
          <ActionButton loading={submitting} disabled={whoUnknown} onClick={submit}>
            {variant === 'worker' ? '为居民提交登记' : chosen ? `为 ${chosen.name} 提交登记` : '提交登记'}
          </ActionButton>
        </>
      }
    >
      {whoCard}
      {variant === 'self' && chosen ? (
        <Card title="被登记的家人">
          <Text className="returnees-identity">
            {memberLabel(chosen)} · {chosen.docNumberMasked}
          </Text>
          <Text className="returnees-section-hint">
            身份信息来自你添加家人时填写的证件，无需再填写。登记后请每天为{chosen.name}测量体温并打卡。
          </Text>
        </Card>
      ) : variant === 'self' ? (
        whoUnknown ? null : (
          <Card title="登记人">
            <Text className="returnees-identity">
              {user.identity?.name} · {user.identity?.docNumberMasked}
            </Text>
            <Text className="returnees-section-hint">身份信息来自你的实名认证，无需再填写。</Text>
          </Card>
        )
      ) : (
        <Card title="被登记人（没有智能手机的居民）">
          <TextField
            label="姓名"
            name="subject-name"
            value={draft.subjectName}
            placeholder="与证件上的姓名一致"
            maxLength={TEXT_LIMITS.name}
            error={errors['subject.name']}
            onChange={(subjectName) => setField({ subjectName }, ['subject.name'])}
          />
          <PickerField
            label="证件类型"
            name="subject-docType"
            value={draft.subjectDocType}
            options={DOC_TYPE_OPTIONS}
            error={errors['subject.docType']}
            onChange={(subjectDocType) => setField({ subjectDocType }, ['subject.docNumber', 'subject.docType'])}
          />
          <TextField
            label="证件号码"
            name="subject-docNumber"
            type={draft.subjectDocType === 'resident_id' ? 'idcard' : 'text'}
            maxLength={TEXT_LIMITS.docNumber}
            value={draft.subjectDocNumber}
            placeholder="请对照证件逐位填写"
            error={errors['subject.docNumber']}
            onChange={(subjectDocNumber) => setField({ subjectDocNumber }, ['subject.docNumber'])}
          />
          <TextField
            label="联系电话（选填）"
            name="subject-phone"
            type="number"
            maxLength={TEXT_LIMITS.phone}
            value={draft.subjectPhone}
            placeholder="家人或本人的手机号"
            error={errors['subject.phone']}
            onChange={(subjectPhone) => setField({ subjectPhone }, ['subject.phone'])}
          />
        </Card>
      )}

      <Card title="从哪里来">
        <PickerField
          label="出发省份"
          name="originProvince"
          value={draft.originProvince}
          options={options(provinces).filter((o) => !o.value.startsWith('31'))}
          hint={regionHint(provinces, '')}
          error={draft.originProvince ? undefined : errors.originRegion}
          onChange={(originProvince) => setField({ originProvince, originCity: '' }, ['originRegion'])}
        />
        {draft.originProvince ? (
          <PickerField
            label="出发城市"
            name="originCity"
            value={draft.originCity}
            options={options(cities)}
            hint={regionHint(cities, '该省份无需再选城市')}
            error={errors.originRegion}
            onChange={(originCity) => setField({ originCity }, ['originRegion'])}
          />
        ) : null}
        {provinces.status === 'error' || cities.status === 'error' ? (
          <ActionButton
            kind="text"
            small
            className="returnees-retry"
            onClick={() => (provinces.status === 'error' ? provinces.retry() : cities.retry())}
          >
            重试
          </ActionButton>
        ) : null}
        <PickerField
          label="交通方式"
          name="transport-mode"
          value={draft.mode}
          options={MODE_OPTIONS}
          error={errors['transport.mode']}
          onChange={(mode) => setField({ mode }, ['transport.mode', 'transport.number'])}
        />
        {numberField ? (
          <TextField
            label={numberField.label}
            name="transport-number"
            maxLength={TEXT_LIMITS.transportNumber}
            value={draft.number}
            placeholder={numberField.placeholder}
            error={errors['transport.number']}
            onChange={(number) => setField({ number }, ['transport.number'])}
          />
        ) : null}
        <DateField
          label="出发日期"
          name="departureDate"
          value={draft.departureDate}
          end={draft.arrivalDate || today}
          error={errors.departureDate}
          onChange={(departureDate) => setField({ departureDate }, ['departureDate'])}
        />
        <DateField
          label="抵沪日期"
          name="arrivalDate"
          value={draft.arrivalDate}
          start={arrivalStart}
          end={today}
          hint={`居家观察从抵沪当天算起 ${OBSERVATION_DAYS} 天；只需登记 ${arrivalStart} 以后抵沪的`}
          error={errors.arrivalDate}
          onChange={(arrivalDate) => setField({ arrivalDate }, ['arrivalDate', 'departureDate'])}
        />
      </Card>

      <Card title="在上海住在哪里">
        {fixedCommunity ? (
          <Text className="returnees-identity">{fixedNames.filter(Boolean).join(' ') || '本社区'}</Text>
        ) : (
          <>
            <PickerField
              label="区"
              name="district"
              value={draft.district}
              options={DISTRICT_OPTIONS}
              onChange={(district) => setField({ district, street: '', communityId: '' }, ['residence.communityId'])}
            />
            {draft.district ? (
              <PickerField
                label="街道（镇）"
                name="street"
                value={draft.street}
                options={options(streets)}
                hint={regionHint(streets, '')}
                onChange={(street) => setField({ street, communityId: '' }, ['residence.communityId'])}
              />
            ) : null}
            {draft.street ? (
              <PickerField
                label="居委会（村）"
                name="residence-communityId"
                value={draft.communityId}
                options={options(communities)}
                hint={regionHint(communities, '')}
                error={errors['residence.communityId']}
                onChange={(id) => setField({ communityId: id }, ['residence.communityId'])}
              />
            ) : errors['residence.communityId'] ? (
              <Text className="field__error" id="field-residence-communityId">
                请依次选择区、街道和居委会
              </Text>
            ) : null}
            {streets.status === 'error' || communities.status === 'error' ? (
              <ActionButton
                kind="text"
                small
                className="returnees-retry"
                onClick={() => (streets.status === 'error' ? streets.retry() : communities.retry())}
              >
                重试
              </ActionButton>
            ) : null}
          </>
        )}
        <TextField
          label="详细地址"
          name="residence-address"
          maxLength={TEXT_LIMITS.address}
          value={draft.address}
          placeholder="如 云南中路 18 弄 3 号 201 室"
          error={errors['residence.address']}
          onChange={(address) => setField({ address }, ['residence.address'])}
        />
      </Card>

      <Card title={chosen ? `${chosen.name}今天的健康情况` : '今天的健康情况'}>
        <HealthFields
          value={{ temperature: draft.temperature, symptoms: draft.symptoms, contact: draft.contact }}
          errors={errors}
          askContact
          onChange={(patch) => setField(patch, ['health.temperature', 'health.symptoms', 'health.contactWithCases'])}
        />
      </Card>

      <Card title="这些信息用来做什么">
        <Text className="returnees-statement">
          {`${variant === 'self' ? (chosen ? `你为${chosen.name}` : '你') : '居民'}填写的信息只用于本市疫情防控期间的居家观察管理：所在社区的工作人员据此联系和上门服务，每日汇总健康情况报街道。页面和报表中姓名、证件号、手机号都只显示打码后的样子，不会出现在链接里。观察结束后按规定保存，不用于其他用途。`}
        </Text>
      </Card>
    </Screen>
  )
}
