import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { api, ApiError, failureNote, messageOf } from '@/core/api'
import { SMS_CODE, SmsResponseSchema, TEXT_LIMITS, UserSchema, type DocType } from '@/core/contract/core'
import { DOC_NUMBER_PLACEHOLDERS, DOC_TYPE_OPTIONS, docNumberError, nameError } from '@/core/identity/documents'
import { phoneError } from '@/core/identity/phone'
import { shanghaiDate } from '@/core/time/shanghai'
import { ensureSession, refreshUser, setUser } from '@/core/session/session'
import { LOGIN_PAGE, returnTo, useSession } from '@/core/session/hooks'
import { useDraft } from '@/core/storage/drafts'
import { ActionButton, Banner, Card, PickerField, Screen, SubmitNote, TextField, toast } from '@/core/ui'
import './index.scss'

interface VerifyDraft {
  name: string
  docType: DocType
  docNumber: string
  phone: string
}

type Errors = Partial<Record<keyof VerifyDraft | 'smsCode', string>>

function validateVerifyForm(form: VerifyDraft, smsCode: string, today: string): Errors {
  const errors: Errors = {}
  const name = nameError(form.name)
  if (name) errors.name = name
  const doc = docNumberError(form.docType, form.docNumber, today)
  if (doc) errors.docNumber = doc
  const phone = phoneError(form.phone)
  if (phone) errors.phone = phone
  if (!SMS_CODE.test(smsCode.trim())) errors.smsCode = smsCode.trim() ? `验证码为 ${TEXT_LIMITS.smsCode} 位数字` : '请填写短信验证码'
  return errors
}

export default function VerifyPage() {
  const { params } = useRouter()
  const session = useSession()
  const [form, update, clearForm] = useDraft<VerifyDraft>('verify', { name: '', docType: 'resident_id', docNumber: '', phone: '' })
  const [smsCode, setSmsCode] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [banner, setBanner] = useState<string | null>(null)
  const [countdown, setCountdown] = useState(0)
  const [devCode, setDevCode] = useState<string | null>(null)
  const [smsNote, setSmsNote] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)

  useEffect(() => {
    ensureSession()
      .then((user) => {
        if (!user) void Taro.redirectTo({ url: `${LOGIN_PAGE}?redirect=${encodeURIComponent('/pages/verify/index')}` })
      })
      .catch((e) => setBanner(messageOf(e)))
    return () => {
      if (timer.current) clearInterval(timer.current)
    }
  }, [])

  const startCountdown = (seconds: number) => {
    setCountdown(seconds)
    if (timer.current) clearInterval(timer.current)
    timer.current = setInterval(() => {
      setCountdown((s) => {
        if (s <= 1 && timer.current) clearInterval(timer.current)
        return Math.max(s - 1, 0)
      })
    }, 1000)
  }

  const setField = (patch: Partial<VerifyDraft>) => {
    update(patch)
    const cleared = { ...errors }
    for (const key of Object.keys(patch)) delete cleared[key as keyof Errors]
    setErrors(cleared)
  }

  const sendSms = async () => {
    const phone = phoneError(form.phone)
    if (phone) {
      setErrors({ ...errors, phone })
      return
    }
    setSending(true)
    setSmsNote(null)
    try {
      const res = await api.call({ method: 'POST', path: '/identity/sms', body: { phone: form.phone }, schema: SmsResponseSchema })
      startCountdown(res.retryAfterSec)
      setDevCode(res.devCode ?? null)
      toast('验证码已发送')
    } catch (e) {
      if (e instanceof ApiError && e.fields.phone) setErrors({ ...errors, phone: e.fields.phone })
      // Under the button that asked for it, not at the top of the page.
      else setSmsNote(failureNote(e, '验证码没有发出，请再点一次获取'))
    } finally {
      setSending(false)
    }
  }

  const submit = async () => {
    const found = validateVerifyForm(form, smsCode, shanghaiDate(Date.now()))
    setErrors(found)
    if (Object.keys(found).length) {
      setBanner('请按红色提示修改后再提交')
      return
    }
    setSubmitting(true)
    setBanner(null)
    const verified = () => {
      clearForm()
      toast('实名认证成功', 'success')
      returnTo(params.redirect)
    }
    try {
      setUser(
        await api.call({
          method: 'POST',
          path: '/identity/verify',
          body: { ...form, smsCode: smsCode.trim() },
          schema: UserSchema,
        }),
      )
      verified()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ALREADY_VERIFIED') {
        // The last try went through and only its answer was lost (verifying takes no key; the
        // server refuses a second one by itself): read the account back instead of an error.
        try {
          await refreshUser()
          verified()
        } catch (again) {
          setBanner(`${e.message}，但没能读取认证结果：${messageOf(again)}。请再点一次提交`)
        }
      } else if (e instanceof ApiError && Object.keys(e.fields).length) {
        setErrors(e.fields as Errors)
        setBanner(e.message)
      } else if (e instanceof ApiError && e.code === 'DOCUMENT_IN_USE') {
        setErrors({ docNumber: e.message })
        setBanner(e.message)
      } else {
        setBanner(messageOf(e))
      }
    } finally {
      setSubmitting(false)
    }
  }

  if (session.user?.verified) {
    return (
      <Screen>
        <Banner tone="success">
          <Text>你已完成实名认证（{session.user.identity?.name}）。</Text>
        </Banner>
        <ActionButton onClick={() => returnTo(params.redirect)}>继续</ActionButton>
      </Screen>
    )
  }

  return (
    <Screen
      footer={
        <>
          {/* Beside the button: on a phone the top of the form is out of sight once it is filled in. */}
          <SubmitNote text={banner} />
          <ActionButton loading={submitting} onClick={submit}>
            提交认证
          </ActionButton>
        </>
      }
    >
      <View className="verify__intro">
        <Text className="text-headline">实名认证</Text>
        <Text className="verify__lead">只需认证一次，口罩预约、返沪登记和求职都会使用这个身份。</Text>
      </View>
      <Card>
        <TextField
          label="姓名"
          name="name"
          value={form.name}
          placeholder="与证件上的姓名一致"
          maxLength={TEXT_LIMITS.name}
          error={errors.name}
          onChange={(name) => setField({ name })}
        />
        <PickerField
          label="证件类型"
          name="docType"
          value={form.docType}
          options={DOC_TYPE_OPTIONS}
          onChange={(docType) => setField({ docType })}
        />
        <TextField
          label="证件号码"
          name="docNumber"
          type={form.docType === 'resident_id' ? 'idcard' : 'text'}
          value={form.docNumber}
          placeholder={DOC_NUMBER_PLACEHOLDERS[form.docType]}
          maxLength={TEXT_LIMITS.docNumber}
          error={errors.docNumber}
          onChange={(docNumber) => setField({ docNumber })}
        />
        <TextField
          label="手机号"
          name="phone"
          type="number"
          maxLength={TEXT_LIMITS.phone}
          value={form.phone}
          placeholder="接收验证码的手机号"
          error={errors.phone}
          onChange={(phone) => setField({ phone })}
        />
        <TextField
          label="短信验证码"
          name="smsCode"
          type="number"
          maxLength={TEXT_LIMITS.smsCode}
          counter="never"
          value={smsCode}
          placeholder={`${TEXT_LIMITS.smsCode} 位数字`}
          error={errors.smsCode ?? smsNote ?? undefined}
          hint={devCode ? `演示环境不发真实短信，验证码是 ${devCode}` : undefined}
          onChange={(v) => {
            setSmsCode(v)
            setSmsNote(null)
            if (errors.smsCode) setErrors({ ...errors, smsCode: undefined })
          }}
          suffix={
            <ActionButton kind="text" className="verify__sms" disabled={countdown > 0} loading={sending} onClick={sendSms}>
              {countdown > 0 ? `${countdown} 秒后重发` : '获取验证码'}
            </ActionButton>
          }
        />
      </Card>
      <Text className="text-caption verify__privacy">
        你的证件号和手机号只用于核验身份，页面上只显示打码后的号码，不会出现在链接或日志里。
      </Text>
    </Screen>
  )
}
