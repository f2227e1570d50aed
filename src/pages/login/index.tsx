import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { messageOf } from '@/core/api'
import { TEXT_LIMITS } from '@/core/contract/core'
import { login } from '@/core/session/session'
import { returnTo } from '@/core/session/hooks'
import { ActionButton, Banner, Card, Screen, TextField } from '@/core/ui'
import './index.scss'

export default function LoginPage() {
  const { params } = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [demoCode, setDemoCode] = useState('')

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
      {DEMO_ACCOUNTS ? (
        <Card title="演示账号" className="login__demo">
          <Text className="text-caption">
            演示环境可用登录码切换身份：社区工作人员填 worker:居委会代码（如 worker:310101002001），网点工作人员填 staff:网点编号。
          </Text>
          <TextField
            label="登录码"
            name="demoCode"
            value={demoCode}
            placeholder="worker:310101002001"
            maxLength={TEXT_LIMITS.loginCode}
            onChange={setDemoCode}
          />
          <ActionButton kind="secondary" disabled={!demoCode.trim()} loading={busy} onClick={() => signIn(demoCode.trim())}>
            用登录码登录
          </ActionButton>
        </Card>
      ) : null}
    </Screen>
  )
}
