import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ApiError, failureNote, isTransient, newIdempotencyKey } from '@/core/api'
import { TEXT_LIMITS, type DocType } from '@/core/contract/core'
import { FAMILY_MEMBERS_PER_ACCOUNT, RELATION_LABELS, RELATIONS, type Relation } from '@/core/contract/family'
import { DOC_NUMBER_PLACEHOLDERS, DOC_TYPE_OPTIONS, docNumberError, nameError } from '@/core/identity/documents'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { useDraft } from '@/core/storage/drafts'
import { shanghaiDate } from '@/core/time/shanghai'
import { ActionButton, Card, PickerField, Screen, SubmitNote, TextField, toast } from '@/core/ui'
import { addMember } from '../../api'
import { FAMILY_CHECKING_TEXT } from '../../guardTexts'
import { MEMBERS_PAGE } from '../../paths'
import './index.scss'

/**
 * What was typed, and the Idempotency-Key of the attempt in flight: kept across retries (a lost
 * answer never adds twice), dropped on any edit and after a final refusal. Like the verification
 * draft, it sits under `p:`, so log-out wipes the document number with it.
 */
interface AddDraft {
  name: string
  relation: Relation | ''
  docType: DocType
  docNumber: string
  attemptKey: string
}

type Field = 'name' | 'relation' | 'docType' | 'docNumber'
type Errors = Partial<Record<Field, string>>

export const ADD_DRAFT = 'family-add'
const EMPTY: AddDraft = { name: '', relation: '', docType: 'resident_id', docNumber: '', attemptKey: '' }
const FIELDS: readonly Field[] = ['name', 'relation', 'docType', 'docNumber']
const RELATION_OPTIONS = RELATIONS.map((value) => ({ value, label: RELATION_LABELS[value] }))

const LEAD = `请按家人证件上的信息填写。添加后，你可以为这位家人代亮码、预约口罩、返沪登记与打卡。每个账号最多添加 ${FAMILY_MEMBERS_PER_ACCOUNT} 位家人。`

/** Every field's problem at once, with the verification page's rules and words. */
export function validateAdd(form: AddDraft, today: string): Errors {
  const errors: Errors = {}
  const name = nameError(form.name)
  if (name) errors.name = name
  if (!form.relation) errors.relation = '请选择与你的关系'
  const doc = docNumberError(form.docType, form.docNumber, today)
  if (doc) errors.docNumber = doc
  return errors
}

/** The server's field messages this form can show; any other key is not one of its fields. */
function formErrors(fields: Record<string, string>): Errors {
  const errors: Errors = {}
  for (const f of FIELDS) if (fields[f]) errors[f] = fields[f]
  return errors
}

/** Back to 家人, which reloads its list when shown again; opened some other way (nothing to go back to), there instead. */
function backToMembers(): void {
  const instead = () => void Taro.redirectTo({ url: MEMBERS_PAGE })
  try {
    Promise.resolve(Taro.navigateBack()).catch(instead)
  } catch {
    instead()
  }
}

export default function FamilyAddPage() {
  const guard = useGuardScreen({ checkingText: FAMILY_CHECKING_TEXT })
  if (!guard.ready) return guard.screen
  return <AddForm />
}

function AddForm() {
  const [form, update, clear, flush] = useDraft<AddDraft>(ADD_DRAFT, EMPTY)
  const [errors, setErrors] = useState<Errors>({})
  const [note, setNote] = useState<{ tone: 'danger' | 'warning'; text: string } | null>(null)
  const [submitting, setSubmitting] = useState(false)

  const setField = (patch: Partial<AddDraft>, clears: Field[]) => {
    // Another form is another attempt: it gets its own key at the next tap.
    update({ ...patch, attemptKey: '' })
    if (clears.some((f) => errors[f])) {
      const next = { ...errors }
      for (const f of clears) delete next[f]
      setErrors(next)
    }
    setNote(null)
  }

  const submit = async () => {
    if (submitting) return
    const found = validateAdd(form, shanghaiDate(Date.now()))
    setErrors(found)
    const relation = form.relation
    if (Object.keys(found).length || !relation) {
      setNote({ tone: 'danger', text: '请按红色提示修改后再提交' })
      return
    }
    const key = form.attemptKey || newIdempotencyKey()
    if (!form.attemptKey) update({ attemptKey: key })
    // In storage before it is sent: a retry after the app was closed mid-request reuses it.
    flush()
    setSubmitting(true)
    setNote(null)
    try {
      await addMember({ name: form.name, relation, docType: form.docType, docNumber: form.docNumber }, key)
      clear()
      toast('已添加', 'success')
      backToMembers()
    } catch (e) {
      // The server kept its refusal under this key: the next tap, after a change or not, is a new attempt.
      if (!isTransient(e)) update({ attemptKey: '' })
      if (e instanceof ApiError && Object.keys(formErrors(e.fields)).length) {
        setErrors(formErrors(e.fields))
        setNote({ tone: 'danger', text: e.message })
      } else if (e instanceof ApiError && e.code === 'ALREADY_MEMBER') {
        setNote({ tone: 'warning', text: `${e.message}，不用再添加。` })
      } else if (e instanceof ApiError && e.code === 'TOO_MANY_MEMBERS') {
        setNote({ tone: 'warning', text: e.message })
      } else {
        // BINDING_REFUSED and MEMBER_LIMIT say in the server's words why this person cannot be added.
        setNote({ tone: 'danger', text: failureNote(e, '再点一次“确认添加”不会重复添加') })
      }
    } finally {
      setSubmitting(false)
    }
  }

  return (
    <Screen
      footer={
        <>
          {/* Beside the button: on a phone the top of the form is out of sight once it is filled in. */}
          <SubmitNote tone={note?.tone} text={note?.text} />
          <ActionButton loading={submitting} onClick={() => void submit()}>
            确认添加
          </ActionButton>
        </>
      }
    >
      <View className="family-add__intro">
        <Text className="family-add__lead">{LEAD}</Text>
      </View>
      <Card title="家人的证件">
        <TextField
          label="姓名"
          name="name"
          value={form.name}
          placeholder="与证件上的姓名一致"
          maxLength={TEXT_LIMITS.name}
          error={errors.name}
          hint="家人自己已实名认证的，须与其认证的姓名一致"
          onChange={(name) => setField({ name }, ['name'])}
        />
        <PickerField
          label="与你的关系"
          name="relation"
          value={form.relation}
          options={RELATION_OPTIONS}
          placeholder="这位家人是你的…"
          error={errors.relation}
          onChange={(relation) => setField({ relation }, ['relation'])}
        />
        <PickerField
          label="证件类型"
          name="docType"
          value={form.docType}
          options={DOC_TYPE_OPTIONS}
          error={errors.docType}
          onChange={(docType) => setField({ docType }, ['docType', 'docNumber'])}
        />
        <TextField
          label="证件号码"
          name="docNumber"
          type={form.docType === 'resident_id' ? 'idcard' : 'text'}
          value={form.docNumber}
          placeholder={DOC_NUMBER_PLACEHOLDERS[form.docType]}
          maxLength={TEXT_LIMITS.docNumber}
          error={errors.docNumber}
          onChange={(docNumber) => setField({ docNumber }, ['docNumber'])}
        />
      </Card>
      <Text className="text-caption family-add__privacy">
        证件号码只用于核对身份；家人列表里只显示打码后的号码，不会出现在链接或日志里。
      </Text>
    </Screen>
  )
}
