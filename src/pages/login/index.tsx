import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { messageOf } from '@/core/api'
import { TEXT_LIMITS } from '@/core/contract/core'
import { login } from '@/core/session/session'
import { returnTo } from '@/core/session/hooks'
import { ActionButton, Banner, Card, Screen, TextField } from '@/core/ui'
import './index.scss'

/**
 * The mock's other roles, said in words. Only in builds for the mock (DEMO_ACCOUNTS): a real
 * backend gives people their role, nobody picks one on the login page.
 */
const DEMO_ROLES = [
  { who: '社区工作人员', where: '黄浦区南京东路街道 云南中路居委会', code: 'worker:310101002001' },
  { who: '社区工作人员', where: '徐汇区天平路街道 上海新村居委会', code: 'worker:310104003001' },
  { who: '口罩发放点工作人员', where: '黄浦区的 1 号发放点', code: 'staff:o310101-01' },
] as const

/** Folded by default: a citizen never needs it; a tester opens it, taps a role, and signs in. */
function DemoAccounts({ busy, onSignIn }: { busy: boolean; onSignIn: (code: string) => void }) {
  const [open, setOpen] = useState(false)
  const [demoCode, setDemoCode] = useState('')
  return (
    <Card className="login__demo">
      <View className="list-item login__demo-toggle" role="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Text className="text-title">演示账号</Text>
        <Text className="text-muted">{open ? '收起' : '社区、发放点工作人员 ›'}</Text>
      </View>
      {open ? (
        <View>
          <Text className="text-caption">演示环境可以换成工作人员的身份试用。点一个身份会填好它的登录码：</Text>
          {DEMO_ROLES.map((r) => (
            <View key={r.code} className="list-item" role="button" onClick={() => setDemoCode(r.code)}>
              <View>
                <Text className="login__demo-who">{r.who}</Text>
                <Text className="text-caption">{r.where}</Text>
              </View>
              <Text className="text-muted">{demoCode === r.code ? '已填入' : '填入'}</Text>
            </View>
          ))}
          <TextField
            label="登录码"
            name="demoCode"
            value={demoCode}
            placeholder="点上面的身份，或自己填写"
            maxLength={TEXT_LIMITS.loginCode}
            onChange={setDemoCode}
          />
          <ActionButton kind="secondary" disabled={!demoCode.trim()} loading={busy} onClick={() => onSignIn(demoCode.trim())}>
            用登录码登录
          </ActionButton>
        </View>
      ) : null}
    </Card>
  )
}

export default function LoginPage() {
  const { params } = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const signIn = async (code?: string) => {
    setBusy(true)
    setError(null)
    try {
      await login(code)
      returnTo(params.redirect)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Screen>
      <View className="login__hero">
        <Text className="text-headline">市民服务</Text>
        <Text className="login__lead">口罩预约、返沪登记、招聘岗位，一次登录都能办。</Text>
      </View>
      {error ? (
        <Banner tone="danger">
          <Text>{error}</Text>
        </Banner>
      ) : null}
      <ActionButton loading={busy} onClick={() => signIn()}>
        {process.env.TARO_ENV === 'weapp' ? '微信一键登录' : '登录'}
      </ActionButton>
      {DEMO_ACCOUNTS ? <DemoAccounts busy={busy} onSignIn={(code) => void signIn(code)} /> : null}
    </Screen>
  )
}
