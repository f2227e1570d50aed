import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import { Card, LinkCard, Notice, PassColorField, Screen } from '@/core/ui'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { decodeParam } from '@/core/hooks/params'
import { MemberSwitch } from '@/core/family/MemberSwitch'
import { memberLabel } from '@/core/family/members'
import { useFamilyMembers } from '@/core/family/useFamilyMembers'
import { getPass } from '../../api'
import { PassQr } from '../../components/PassQr'
import { LiveClock } from '../../components/LiveClock'
import { useKeepScreenOn } from '../../hooks/useKeepScreenOn'
import { useLivePass } from '../../hooks/useLivePass'
import { clockWithSeconds } from '../../format'
import { SHOW_CHECKING_TEXT } from '../../guardTexts'
import { checksPage } from '../../paths'
import '../../components/pass.scss'
import './index.scss'

export default function PassShowPage() {
  const guard = useGuardScreen({ checkingText: SHOW_CHECKING_TEXT })
  if (!guard.ready) return guard.screen
  return <LivePassScreen />
}

function LivePassScreen() {
  useKeepScreenOn()
  const { params } = useRouter()
  const family = useFamilyMembers()
  // Another page may link straight to a member's pass; from then on the switch decides.
  const [memberId, setMemberId] = useState(() => decodeParam(params.memberId))
  const [removed, setRemoved] = useState(false)
  const reloadFamily = family.reload
  const onGone = useCallback(() => {
    setRemoved(true)
    setMemberId(undefined)
    void reloadFamily()
  }, [reloadFamily])
  const { live, now, refresh } = useLivePass(getPass, { memberId, onGone })

  const own = memberId === undefined
  const member = own ? undefined : family.members.find((m) => m.id === memberId)
  // Until the list answers, a member linked to by id is only "家人": the server still says whose pass it is.
  const whose = own ? '我' : member ? memberLabel(member) : '家人'
  const whoseName = own ? '我' : (member?.name ?? '家人')

  // The bar says 我的通行码 from the page's config; a member's pass must not sit under it. Left
  // alone until a member is chosen: most people have none, and their bar is already right.
  const retitled = useRef(false)
  useEffect(() => {
    if (own && !retitled.current) return
    retitled.current = true
    void Taro.setNavigationBarTitle({ title: own ? '我的通行码' : '家人的通行码' }).catch(() => undefined)
  }, [own])

  const choose = (id: string | undefined) => {
    setRemoved(false)
    setMemberId(id)
  }
  const retry = () => {
    refresh()
    if (family.failed) void family.reload()
  }

  return (
    <Screen>
      <MemberSwitch label="出示谁的通行码" selfLabel="我" members={family.members} value={memberId} onChange={choose} />
      {removed ? <Notice title="这位家人已被移除，不能再为其亮码" text="现在显示的是你自己的通行码。" /> : null}

      {live.phase === 'loading' ? (
        <Notice title={own ? '正在获取通行码…' : `正在获取${whose}的通行码…`} text="通行码每分钟更新一次，截图或照片不能当作通行码。" />
      ) : null}

      {live.phase === 'stale' ? (
        <>
          <PassColorField color="unknown" unknownTitle="通行码暂时无法刷新">
            <Text className="pass-show__stale">
              自 {clockWithSeconds(live.failingSince)} 起无法刷新，现在不能显示{own ? '你' : whoseName}的通行码颜色。恢复后会自动刷新。
            </Text>
          </PassColorField>
          <Notice
            title="暂时不能出示通行码"
            text={`${live.message}。也可以出示身份证件，由工作人员查询。`}
            actionText="立即重试"
            onAction={retry}
          />
        </>
      ) : null}

      {live.phase === 'live' ? (
        <>
          <Card className="pass-show__holder">
            <Text className="pass-show__whose">{whose}的通行码</Text>
            <Text className="text-caption">持码人</Text>
            <Text className="pass-show__name">{live.pass.holder.nameMasked}</Text>
            <Text className="pass-show__doc">{live.pass.holder.docNumberMasked}</Text>
          </Card>
          <PassColorField color={live.pass.color} reasons={live.pass.reasons}>
            <LiveClock now={now} />
          </PassColorField>
          <View className="card pass-show__code">
            <PassQr token={live.pass.token} />
            <Text className="pass-show__renew">
              {live.failingSince !== null
                ? `网络不畅，正在重试；这个码 ${Math.max(0, Math.ceil((live.validUntil - now) / 1000))} 秒内有效`
                : '二维码每分钟自动更新，截图无效'}
            </Text>
          </View>
        </>
      ) : null}

      <LinkCard title={`谁看过${whoseName}的通行码`} text="每一次扫码或查证件都会记在这里" url={checksPage(memberId)} />
    </Screen>
  )
}
