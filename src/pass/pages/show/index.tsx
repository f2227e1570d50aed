import { Text, View } from '@tarojs/components'
import { Card, LinkCard, Notice, PassColorField, Screen } from '@/core/ui'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { getPass } from '../../api'
import { PassQr } from '../../components/PassQr'
import { LiveClock } from '../../components/LiveClock'
import { useKeepScreenOn } from '../../hooks/useKeepScreenOn'
import { useLivePass } from '../../hooks/useLivePass'
import { clockWithSeconds } from '../../format'
import { SHOW_CHECKING_TEXT } from '../../guardTexts'
import { CHECKS_PAGE } from '../../paths'
import '../../components/pass.scss'
import './index.scss'

export default function PassShowPage() {
  const guard = useGuardScreen({ checkingText: SHOW_CHECKING_TEXT })
  if (!guard.ready) return guard.screen
  return <LivePassScreen />
}

function LivePassScreen() {
  useKeepScreenOn()
  const { live, now, refresh } = useLivePass(getPass)

  return (
    <Screen>
      {live.phase === 'loading' ? <Notice title="正在获取通行码…" text="通行码每分钟更新一次，截图或照片不能当作通行码。" /> : null}

      {live.phase === 'stale' ? (
        <>
          <PassColorField color="unknown" unknownTitle="通行码暂时无法刷新">
            <Text className="pass-show__stale">
              自 {clockWithSeconds(live.failingSince)} 起无法刷新，现在不能显示你的通行码颜色。恢复后会自动刷新。
            </Text>
          </PassColorField>
          <Notice
            title="暂时不能出示通行码"
            text={`${live.message}。也可以出示身份证件，由工作人员查询。`}
            actionText="立即重试"
            onAction={refresh}
          />
        </>
      ) : null}

      {live.phase === 'live' ? (
        <>
          <Card className="pass-show__holder">
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

      <LinkCard title="谁看过我的通行码" text="每一次扫码或查证件都会记在这里" url={CHECKS_PAGE} />
    </Screen>
  )
}
