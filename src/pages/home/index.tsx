import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { api, messageOf } from '@/core/api'
import { AttentionResponseSchema, type AttentionItem } from '@/core/contract/core'
import { ensureSession } from '@/core/session/session'
import { usePageShow } from '@/core/hooks/usePageShow'
import { LOGIN_PAGE, useSession } from '@/core/session/hooks'
import { SERVICES } from '@/core/services'
import { ActionButton, Banner, Card, Notice, Screen, StatusTag, Unbroken } from '@/core/ui'
import './index.scss'

const TONE_WORDS: Record<AttentionItem['tone'], string> = { info: '提醒', warning: '待办', danger: '紧急', success: '已完成' }

function go(path: string) {
  void Taro.navigateTo({ url: path })
}

export default function HomePage() {
  const session = useSession()
  const [attention, setAttention] = useState<AttentionItem[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    try {
      const user = await ensureSession()
      if (!user) {
        setAttention([])
        return
      }
      const res = await api.call({ path: '/me/attention', schema: AttentionResponseSchema })
      setAttention(res.items)
    } catch (e) {
      setError(messageOf(e))
    }
  }, [])

  usePageShow(() => {
    void load()
  })

  const user = session.user
  const work = SERVICES.filter((s) => s.work && user?.role === s.work.role)

  return (
    <Screen>
      <View className="home__greeting">
        <Text className="text-headline">{user?.identity ? `${user.identity.name}，你好` : '你好'}</Text>
        <Text className="home__sub">市民服务 · 一网通办</Text>
      </View>

      {session.status === 'signed-out' ? (
        <Banner tone="info">
          <Text>你已退出登录。登录后可以预约口罩、登记返沪和投递简历。</Text>
          <ActionButton small kind="secondary" onClick={() => go(LOGIN_PAGE)}>
            登录
          </ActionButton>
        </Banner>
      ) : null}

      {error ? <Notice title="待办没有加载出来" text={`${error}。服务入口仍可使用。`} actionText="重新加载" onAction={load} /> : null}

      {attention && attention.length > 0 ? (
        <Card title="需要你处理">
          {attention.map((item) => (
            <View key={item.id} className="list-item home__todo" onClick={() => go(item.path)}>
              <View className="home__todo-main">
                <View className="row home__todo-head">
                  <Unbroken className="text-title" text={item.title} />
                  <StatusTag tone={item.tone}>{TONE_WORDS[item.tone]}</StatusTag>
                </View>
                <Unbroken className="text-muted" text={item.detail} />
              </View>
              <Text className="chevron">›</Text>
            </View>
          ))}
        </Card>
      ) : null}

      {work.map((s) => (
        <Card key={s.key} title="我的工作">
          <ActionButton onClick={() => go(s.work!.path)}>{s.work!.title}</ActionButton>
        </Card>
      ))}

      <Text className="home__section">办事服务</Text>
      {SERVICES.map((s) => (
        <View key={s.key} className="card home__service" onClick={() => go(s.entry)}>
          <View>
            <Text className="text-title">{s.title}</Text>
            <Text className="home__service-summary">{s.summary}</Text>
          </View>
          <Text className="chevron">›</Text>
        </View>
      ))}
    </Screen>
  )
}
