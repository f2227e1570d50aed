import { Text } from '@tarojs/components'
import { useState } from 'react'
import { ApiError, messageOf } from '@/core/api'
import { TEXT_LIMITS, type DocType } from '@/core/contract/core'
import { PASS_LOOKUPS_PER_WINDOW } from '@/core/contract/passChecks'
import { DOC_TYPE_OPTIONS, docNumberError, nameError } from '@/core/identity/documents'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { shanghaiDate } from '@/core/time/shanghai'
import { ActionButton, Banner, Card, PickerField, Screen, SubmitNote, TextField, Unbroken } from '@/core/ui'
import { lookupPass } from '../../api'
import { CheckAnswer, type CheckOutcome } from '../../components/CheckAnswer'
import { useLookupAllowance } from '../../hooks/useLookupAllowance'
import { CHECKER_CHECKING_TEXT, CHECKER_DENIED } from '../../guardTexts'
import '../../components/pass.scss'
import './index.scss'

interface LookupForm {
  name: string
  docType: DocType
  docNumber: string
}
type Errors = Partial<Record<keyof LookupForm, string>>

const EMPTY: LookupForm = { name: '', docType: 'resident_id', docNumber: '' }
/** Below this many lookups left in the hour, the page warns before the limit is reached. */
const WARN_BELOW = 5

export function validateLookup(form: LookupForm, today: string): Errors {
  const errors: Errors = {}
  const name = nameError(form.name)
  if (name) errors.name = name
  const doc = docNumberError(form.docType, form.docNumber, today)
  if (doc) errors.docNumber = doc
  return errors
}

export default function PassLookupPage() {
  const guard = useGuardScreen({ role: 'checker', checkingText: CHECKER_CHECKING_TEXT, denied: CHECKER_DENIED })
  if (!guard.ready) return guard.screen
  return <Lookup />
}

function Lookup() {
  // Kept in the page only: a stranger's document number is never written to this phone's storage.
  const [form, setForm] = useState<LookupForm>(EMPTY)
  const [errors, setErrors] = useState<Errors>({})
  const [note, setNote] = useState<{ tone: 'danger' | 'warning'; text: string } | null>(null)
  const [outcome, setOutcome] = useState<CheckOutcome | null>(null)
  const [working, setWorking] = useState(false)
  const allowance = useLookupAllowance()

  const setField = (patch: Partial<LookupForm>) => {
    setForm({ ...form, ...patch })
    const cleared = { ...errors }
    for (const key of Object.keys(patch)) delete cleared[key as keyof Errors]
    setErrors(cleared)
  }

  const submit = async () => {
    const found = validateLookup(form, shanghaiDate(Date.now()))
    setErrors(found)
    if (Object.keys(found).length) return
    if (working) return
    setWorking(true)
    setNote(null)
    try {
      const check = await lookupPass({ name: form.name.trim(), docType: form.docType, docNumber: form.docNumber.trim() })
      allowance.count()
      setOutcome({ kind: 'checked', check })
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        allowance.count()
        setNote({ tone: 'danger', text: '没有查到：姓名与证件号码对不上，或这个证件还没有登记过。请核对证件后再查。' })
      } else if (e instanceof ApiError && Object.keys(e.fields).length) {
        setErrors({ name: e.fields.name, docType: e.fields.docType, docNumber: e.fields.docNumber })
      } else if (e instanceof ApiError && e.code === 'RATE_LIMITED') {
        allowance.exhausted()
        setNote({ tone: 'danger', text: e.message })
      } else {
        setNote({ tone: 'warning', text: `${messageOf(e)}。填写的内容还在，可以再点一次“查询”。` })
      }
    } finally {
      setWorking(false)
    }
  }

  const done = () => {
    setOutcome(null)
    setForm(EMPTY)
  }

  return (
    <Screen
      footer={
        <>
          <SubmitNote tone={note?.tone} text={note?.text} />
          <ActionButton loading={working} onClick={() => void submit()}>
            查询
          </ActionButton>
        </>
      }
    >
      {outcome ? <CheckAnswer outcome={outcome} onDone={done} doneText="查下一位" /> : null}
      <Banner tone={allowance.left < WARN_BELOW ? 'warning' : 'info'}>
        <Unbroken
          className="pass-lookup__limit"
          text={
            allowance.left === 0
              ? `本小时的 ${PASS_LOOKUPS_PER_WINDOW} 次查询已用完，请稍后再查，或请对方出示通行码。`
              : `为保护个人信息，每人每小时最多查询 ${PASS_LOOKUPS_PER_WINDOW} 次，查到与否都计入。本小时还可查询 ${allowance.left} 次。`
          }
        />
      </Banner>
      <Card title="对方的证件">
        <TextField
          label="姓名"
          name="name"
          value={form.name}
          maxLength={TEXT_LIMITS.name}
          placeholder="与证件上一致"
          error={errors.name}
          onChange={(name) => setField({ name })}
        />
        <PickerField
          label="证件类型"
          name="docType"
          value={form.docType}
          options={DOC_TYPE_OPTIONS}
          error={errors.docType}
          onChange={(docType) => setField({ docType })}
        />
        <TextField
          label="证件号码"
          name="docNumber"
          type={form.docType === 'resident_id' ? 'idcard' : 'text'}
          value={form.docNumber}
          maxLength={TEXT_LIMITS.docNumber}
          placeholder="证件上的号码"
          error={errors.docNumber}
          onChange={(docNumber) => setField({ docNumber })}
        />
        <Text className="text-caption">查询结果与扫码相同；对方在自己的通行码里能看到这次查询。</Text>
      </Card>
    </Screen>
  )
}
