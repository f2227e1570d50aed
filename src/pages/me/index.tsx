import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { DOC_TYPE_LABELS } from '@/core/contract/core'
import { logout } from '@/core/session/session'
import { LOGIN_PAGE, VERIFY_PAGE, useSession } from '@/core/session/hooks'
import { SERVICES } from '@/core/services'
import { ActionButton, Card, Screen, StatusTag, confirm, setLargeTextPreference, systemFontSize, toast, useLargeText } from '@/core/ui'
import './index.scss'

const ROLE_WORDS = { citizen: '市民', worker: '社区工作人员', staff: '网点工作人员' } as const

function go(url: string) {
  void Taro.navigateTo({ url })
}

export default function MePage() {
  const session = useSession()
  const large = useLargeText()
  const user = session.user
  const systemPx = systemFontSize()

  const onLogout = async () => {
    if (!(await confirm('退出登录', '退出后，这台设备上你的登录信息和未提交的草稿都会被清除。'))) return
    await logout()
    toast('已退出登录')
  }

  return (
    <Screen>
      <Card title="我的身份">
        {!user ? (
          <View>
            <Text className="text-muted">你还没有登录。</Text>
            <ActionButton onClick={() => go(LOGIN_PAGE)}>登录</ActionButton>
          </View>
        ) : user.identity ? (
          <View className="me__identity">
            <View className="row">
              <Text className="text-headline">{user.identity.name}</Text>
              <StatusTag tone="success">已实名认证</StatusTag>
            </View>
            <View className="row">
              <Text className="text-muted">{DOC_TYPE_LABELS[user.identity.docType]}</Text>
              <Text>{user.identity.docNumberMasked}</Text>
            </View>
            <View className="row">
              <Text className="text-muted">手机号</Text>
              <Text>{user.identity.phoneMasked}</Text>
            </View>
            <View className="row">
              <Text className="text-muted">身份</Text>
              <Text>{ROLE_WORDS[user.role]}</Text>
            </View>
          </View>
        ) : (
          <View>
            <View className="row">
              <Text>尚未实名认证</Text>
              <StatusTag tone="warning">待认证</StatusTag>
            </View>
            <Text className="text-caption">认证一次后，各项服务都能直接使用。</Text>
            <ActionButton onClick={() => go(VERIFY_PAGE)}>去实名认证</ActionButton>
          </View>
        )}
      </Card>

      {user ? (
        <Card title="我的记录">
          {SERVICES.map((s) => (
            <View key={s.key} className="list-item" onClick={() => go(s.mine.path)}>
              <Text>{s.mine.title}</Text>
              <Text className="chevron">›</Text>
            </View>
          ))}
        </Card>
      ) : null}

      <Card title="设置">
        {/* The whole row is the switch: its label is the row's words, its target the row's height. */}
        <View
          className="list-item me__switch-row"
          role="switch"
          aria-checked={large.enabled}
          aria-label="长辈模式"
          onClick={() => setLargeTextPreference(large.enabled ? 'off' : 'on')}
        >
          <View className="me__switch-words">
            <Text>长辈模式</Text>
            <Text className="me__hint">
              {large.preference === 'auto' ? `跟随微信字体设置${systemPx ? `（当前 ${systemPx}px）` : ''}` : '字更大、按钮更大'}
            </Text>
          </View>
          <View className={`me__switch ${large.enabled ? 'me__switch--on' : ''}`} aria-hidden>
            <Text className="me__switch-state">{large.enabled ? '开' : '关'}</Text>
            <View className="me__switch-knob" />
          </View>
        </View>
        {large.preference !== 'auto' ? (
          <ActionButton kind="text" onClick={() => setLargeTextPreference('auto')}>
            改为跟随微信字体设置
          </ActionButton>
        ) : null}
      </Card>

      {user ? (
        <ActionButton kind="danger" onClick={onLogout}>
          退出登录
        </ActionButton>
      ) : null}
    </Screen>
  )
}
