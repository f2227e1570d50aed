import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { useState } from 'react'
import { ApiError, messageOf } from '@/core/api'
import { PASS_TOKEN_MAX } from '@/core/contract/passChecks'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { ActionButton, Card, LinkCard, Screen, SubmitNote, TextField } from '@/core/ui'
import { verifyPass } from '../../api'
import { CheckAnswer, type CheckOutcome } from '../../components/CheckAnswer'
import { CHECKER_CHECKING_TEXT, CHECKER_DENIED } from '../../guardTexts'
import { LOOKUP_PAGE } from '../../paths'
import '../../components/pass.scss'
import './index.scss'

export default function PassScanPage() {
  const guard = useGuardScreen({ role: 'checker', checkingText: CHECKER_CHECKING_TEXT, denied: CHECKER_DENIED })
  if (!guard.ready) return guard.screen
  return <Scanner />
}

/** How a refused check reads: an expired code or one the server never issued, else null (try again). */
export function refusalOf(e: unknown): CheckOutcome | null {
  if (!(e instanceof ApiError)) return null
  if (e.code === 'PASS_EXPIRED') return { kind: 'expired' }
  if (e.fields.token) return { kind: 'forged' }
  return null
}

function Scanner() {
  const [token, setToken] = useState('')
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<CheckOutcome | null>(null)
  const [working, setWorking] = useState(false)

  const check = async (raw: string) => {
    const value = raw.trim()
    if (!value) {
      setFieldError('请扫描或输入通行码')
      return
    }
    if (working) return
    setWorking(true)
    setFailure(null)
    try {
      const check = await verifyPass(value)
      setOutcome({ kind: 'checked', check })
      setToken('')
    } catch (e) {
      const refusal = refusalOf(e)
      if (refusal) {
        setOutcome(refusal)
        setToken('')
      } else {
        // The code stays in the box: a tap again checks it again.
        setFailure(`${messageOf(e)}。码还在，可以再点一次“核验”。`)
      }
    } finally {
      setWorking(false)
    }
  }

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      const scanned = (res.result ?? '').trim()
      setToken(scanned)
      setFieldError(null)
      await check(scanned)
    } catch {
      setFailure('没有扫到通行码，可以再扫一次，或把码输入下面的框里。')
    }
  }

  return (
    <Screen
      footer={
        <>
          <SubmitNote tone="warning" text={failure} />
          <ActionButton loading={working} onClick={() => void check(token)}>
            核验
          </ActionButton>
        </>
      }
    >
      {outcome ? <CheckAnswer outcome={outcome} onDone={() => setOutcome(null)} /> : null}
      <Card>
        <ActionButton onClick={() => void scan()}>扫描对方的通行码</ActionButton>
        <Text className="pass-scan__hint">请对方打开「我的通行码」，二维码每分钟更新，截图和照片扫不过。</Text>
      </Card>
      <Card title="扫不了码时">
        <TextField
          label="输入通行码"
          name="token"
          value={token}
          maxLength={PASS_TOKEN_MAX}
          counter="never"
          placeholder="扫码枪或手动输入"
          error={fieldError ?? undefined}
          onChange={(value) => {
            setToken(value)
            setFieldError(null)
          }}
        />
      </Card>
      <LinkCard title="没有手机？查证件" text="对方出示身份证件，输入姓名和证件号码查询" url={LOOKUP_PAGE} />
      <Text className="text-caption pass-scan__privacy">持码人能看到被谁核验过：只显示你所在的社区或网点，不显示你的姓名。</Text>
    </Screen>
  )
}
