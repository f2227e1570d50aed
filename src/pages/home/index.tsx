import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { api, messageOf } from '@/core/api'
import { AttentionResponseSchema, PassSchema, type AttentionItem, type Pass, type User } from '@/core/contract/core'
import { ensureSession } from '@/core/session/session'
import { usePageShow } from '@/core/hooks/usePageShow'
import { LOGIN_PAGE, useSession } from '@/core/session/hooks'
import { SERVICES, type ServiceEntry } from '@/core/services'
import { ActionButton, Banner, Card, Notice, PassColorField, Screen, StatusTag, Unbroken } from '@/core/ui'
import './index.scss'

const TONE_WORDS: Record<AttentionItem['tone'], string> = { info: '提醒', warning: '待办', danger: '紧急', success: '已完成' }

const PASS_SERVICE = SERVICES.find((s) => s.key === 'pass') as ServiceEntry

function go(path: string) {
  void Taro.navigateTo({ url: path })
}

/** The pass as home shows it: its colour, or why there is none to show now. */
type PassView = { status: 'none' } | { status: 'shown'; pass: Pass } | { status: 'failed'; message: string }

async function loadPass(user: User): Promise<PassView> {
  if (!user.verified) return { status: 'none' }
  try {
    return { status: 'shown', pass: await api.call({ path: '/pass', schema: PassSchema }) }
  } catch (e) {
    // No old colour kept: a colour on this page is always the one the server gave just now.
    return { status: 'failed', message: messageOf(e) }
  }
}

function PassSummary({ view }: { view: PassView }) {
  if (view.status === 'none') return null
  return (
    <View className="home__pass" onClick={() => go(PASS_SERVICE.entry)} role="button">
      {view.status === 'shown' ? (
        <PassColorField compact color={view.pass.color} reasons={view.pass.reasons}>
          <Text className="home__pass-open">出示通行码 ›</Text>
        </PassColorField>
      ) : (
        <PassColorField compact color="unknown" unknownTitle="通行码暂时无法显示">
          <Text className="home__pass-open">{view.message}。点这里打开通行码重试 ›</Text>
        </PassColorField>
      )}
    </View>
  )
}

export default function HomePage() {
  const session = useSession()
  const [attention, setAttention] = useState<AttentionItem[] | null>(null)
  const [pass, setPass] = useState<PassView>({ status: 'none' })
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    try {
      const user = await ensureSession()
      if (!user) {
        setAttention([])
        setPass({ status: 'none' })
        return
      }
      const [passView, res] = await Promise.all([
        loadPass(user),
        api.call({ path: '/me/attention', schema: AttentionResponseSchema }).catch((e: unknown) => {
          setError(messageOf(e))
          return null
        }),
      ])
      setPass(passView)
      if (res) setAttention(res.items)
    } catch (e) {
      setError(messageOf(e))
    }
  }, [])

  usePageShow(() => {
    void load()
  })

  const user = session.user
  const role = user?.role
  const work = SERVICES.flatMap((s) => s.work ?? []).filter((w) => (role === 'worker' || role === 'staff' ? w.roles.includes(role) : false))

  const workCard =
    work.length > 0 ? (
      <Card title="我的工作">
        {work.map((w, i) => (
          <ActionButton key={w.path} kind={i === 0 ? 'primary' : 'secondary'} onClick={() => go(w.path)}>
            {w.title}
          </ActionButton>
        ))}
      </Card>
    ) : null

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

      {/* A worker's or staff member's day starts with their work; everyone else's with their pass. */}
      {workCard ?? <PassSummary view={pass} />}

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

      {workCard ? <PassSummary view={pass} /> : null}

      <Text className="home__section">办事服务</Text>
      {SERVICES.filter((s) => s.key !== 'pass' || pass.status === 'none').map((s) => (
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
