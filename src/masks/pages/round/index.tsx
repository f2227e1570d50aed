import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ActionButton, Card, Notice, Screen, StatusTag, Unbroken } from '@/core/ui'
import { ALLOCATION_WORDS, fmtDateTime, fmtWindow, roundStateWords } from '../../format'
import { RoundClock } from '../../components/RoundClock'
import { useCurrentRound } from '../../hooks/useRound'
import { MINE_PAGE, OUTLETS_PAGE } from '../../paths'
import '../../components/masks.scss'
import './index.scss'

export default function RoundPage() {
  const remote = useCurrentRound()

  if (!remote.data) {
    return (
      <Screen>
        {remote.status === 'error' ? (
          <Notice
            title="本轮信息没有加载出来"
            text={`${remote.message}。请检查网络后重试。`}
            actionText="重新加载"
            onAction={() => void remote.reload()}
          />
        ) : (
          <Notice title="正在加载本轮口罩信息…" />
        )}
      </Screen>
    )
  }

  const { round, offsetMs } = remote.data
  const state = roundStateWords(round)
  const allocation = ALLOCATION_WORDS[round.allocation]
  const canChoose = round.state === 'open' || round.state === 'upcoming'

  return (
    <Screen
      footer={
        canChoose ? (
          <ActionButton onClick={() => void Taro.navigateTo({ url: OUTLETS_PAGE })}>
            {round.state === 'open' ? '选择领取网点' : '先看看附近网点'}
          </ActionButton>
        ) : (
          <ActionButton kind="secondary" onClick={() => void Taro.navigateTo({ url: MINE_PAGE })}>
            查看我的预约
          </ActionButton>
        )
      }
    >
      <Card>
        <View className="row">
          <Text className="text-caption">本轮口罩</Text>
          <StatusTag tone={state.tone}>{state.label}</StatusTag>
        </View>
        <Text className="masks-round__product">{round.product}</Text>
        <Text className="masks-round__limit">每人限 {round.perPersonLimit} 个</Text>
        <RoundClock round={round} offsetMs={offsetMs} onReached={() => void remote.reload()} />
        {round.state === 'closed' ? (
          <Text className="masks-round__closed">
            {round.allocation === 'lottery' ? '本轮抽签结果已公布，请到“我的预约”查看是否中签。' : '本轮预约已结束，请留意下一轮。'}
          </Text>
        ) : null}
      </Card>

      <Card title={`怎么分配：${allocation.name}`}>
        <Text className="masks-round__sentence">{allocation.sentence}</Text>
      </Card>

      <Card title="时间安排">
        <View className="masks-round__time">
          <Text className="text-muted">{round.allocation === 'lottery' ? '登记时间' : '预约时间'}</Text>
          <Text>{fmtWindow(round.opensAt, round.closesAt)}</Text>
        </View>
        {round.drawAt ? (
          <View className="masks-round__time">
            <Text className="text-muted">抽签时间</Text>
            <Unbroken text={fmtDateTime(round.drawAt)} />
          </View>
        ) : null}
        <View className="masks-round__time">
          <Text className="text-muted">领取时间</Text>
          <Unbroken text={fmtWindow(round.pickupFrom, round.pickupUntil)} />
        </View>
        <Text className="masks-round__hint">凭取件码到所选网点领取，过期未领的口罩会退回网点。</Text>
      </Card>

      {round.allocation === 'lottery' && round.drawSeedHash ? (
        <Card title="抽签公开可核对">
          <Text className="masks-round__sentence">
            抽签用的种子在开放前就锁定了，这里先公布它的 SHA-256 指纹；抽签后公布种子本身，任何人都能按公布的规则重算中签名单。
          </Text>
          <Text className="masks-round__label">种子指纹</Text>
          <Text className="masks-round__hash">{round.drawSeedHash}</Text>
          {round.drawSeed ? (
            <>
              <Text className="masks-round__label">抽签种子（已公布）</Text>
              <Text className="masks-round__hash">{round.drawSeed}</Text>
            </>
          ) : null}
        </Card>
      ) : null}

      <View className="masks-round__links">
        <ActionButton kind="text" onClick={() => void Taro.navigateTo({ url: MINE_PAGE })}>
          我的预约 ›
        </ActionButton>
        <ActionButton kind="text" onClick={() => void Taro.navigateTo({ url: OUTLETS_PAGE })}>
          全部领取网点 ›
        </ActionButton>
      </View>
    </Screen>
  )
}
