import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ARRIVAL_WINDOW_DAYS, FLAG_REASON_LABELS, OBSERVATION_DAYS, observationDay, type Declaration } from '@/core/contract/returnees'
import type { FamilyMember } from '@/core/contract/family'
import { memberLabel } from '@/core/family/members'
import { useFamilyMembers } from '@/core/family/useFamilyMembers'
import { useRemote } from '@/core/hooks/useRemote'
import { useReshow } from '@/core/hooks/useReshow'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { parseIso, shanghaiDate } from '@/core/time/shanghai'
import { ActionButton, Banner, Card, Notice, Screen, Unbroken } from '@/core/ui'
import { getDeclaration } from '../../api'
import { CheckinTimeline, KV } from '../../components/CheckinTimeline'
import { declarationFacts, FLAGGED_STEPS } from '../../components/facts'
import { StatusBadge } from '../../components/StatusBadge'
import { useMine } from '../../hooks/useMine'
import { CHECKIN_PAGE, DECLARE_PAGE, checkinPath } from '../../paths'
import './index.scss'

function Hero({ d }: { d: Declaration }) {
  if (d.status === 'released') {
    return (
      <Card className="returnees-status__hero">
        <Text className="returnees-status__day returnees-status__day--ok">已解除居家观察</Text>
        <Unbroken
          className="returnees-status__sub"
          text={`${d.releasedAt ? `${shanghaiDate(parseIso(d.releasedAt))} 由社区解除` : ''}，感谢你的配合。`}
        />
      </Card>
    )
  }
  const over = d.daysLeft === 0
  return (
    <Card className="returnees-status__hero">
      <Text className={`returnees-status__day ${d.status === 'flagged' ? 'returnees-status__day--danger' : ''}`}>
        {over ? '观察期已满' : `居家观察第 ${observationDay(d.daysLeft)} 天`}
      </Text>
      <Unbroken
        className="returnees-status__sub"
        text={
          over
            ? `共 ${OBSERVATION_DAYS} 天，已于 ${d.observationEndsOn} 期满，社区工作人员核实后为你解除`
            : `共 ${OBSERVATION_DAYS} 天 · 观察期至 ${d.observationEndsOn}，还有 ${d.daysLeft} 天`
        }
      />
      <View className="returnees-status__tag">
        <StatusBadge status={d.status} />
      </View>
    </Card>
  )
}

/** A member's declaration as the owner reads it: the full name when the family list has it, else the masked one. */
interface ForMember {
  d: Declaration
  name: string
  label: string
}

function forMember(d: Declaration, members: readonly FamilyMember[]): ForMember {
  const m = members.find((x) => x.id === d.memberId)
  return m ? { d, name: m.name, label: memberLabel(m) } : { d, name: d.subjectMasked, label: `家人 ${d.subjectMasked}` }
}

/** The order of the family list (oldest member first); one the list does not name goes last. */
function memberOrder(members: readonly FamilyMember[], d: Declaration): number {
  const i = members.findIndex((m) => m.id === d.memberId)
  return i === -1 ? members.length : i
}

const FACTS_FOR_MEMBER = ['出发地', '出发 / 抵沪', '居住地', '登记方式']

/** One family member's declaration: where it stands, today's check-in and the way to it. */
function MemberCard({ m }: { m: ForMember }) {
  const { d, name } = m
  const open = d.status !== 'released'
  return (
    <View className="returnees-status__member">
      <Text className="returnees-status__whose">{m.label}的登记</Text>
      <Card>
        <View className="returnees-status__member-head">
          <Text className={`returnees-status__member-day ${d.status === 'flagged' ? 'returnees-status__day--danger' : ''}`}>
            {!open ? '已解除居家观察' : d.daysLeft === 0 ? '观察期已满' : `居家观察第 ${observationDay(d.daysLeft)} 天`}
          </Text>
          <StatusBadge status={d.status} />
        </View>
        <Unbroken
          className="returnees-status__sub"
          text={
            !open
              ? `${d.releasedAt ? `${shanghaiDate(parseIso(d.releasedAt))} 由社区解除。` : '已由社区解除。'}`
              : d.daysLeft === 0
                ? `已于 ${d.observationEndsOn} 期满，社区工作人员核实后为${name}解除`
                : `观察期至 ${d.observationEndsOn}，还有 ${d.daysLeft} 天`
          }
        />
        {d.status === 'flagged' ? (
          <Text className="returnees-status__member-flag">需重点关注：{d.flagReasons.map((r) => FLAG_REASON_LABELS[r]).join('、')}</Text>
        ) : null}
        {open ? (
          <Text className={`returnees-status__member-today ${d.checkedInToday ? 'returnees-status__member-today--done' : ''}`}>
            {d.checkedInToday ? `今日已为${name}打卡` : `今日还未为${name}打卡`}
          </Text>
        ) : null}
        {declarationFacts(d)
          .filter(([k]) => FACTS_FOR_MEMBER.includes(k))
          .map(([k, v]) => (
            <KV key={k} k={k} v={v} />
          ))}
        {open && !d.checkedInToday ? (
          <ActionButton className="returnees-status__member-action" onClick={() => void Taro.navigateTo({ url: checkinPath(d.id) })}>
            为 {name} 打卡
          </ActionButton>
        ) : null}
      </Card>
    </View>
  )
}

export default function StatusPage() {
  const guard = useGuardScreen()
  if (!guard.ready) return guard.screen
  return <Status />
}

/** Mounted once the session is verified: the records and the family list need it. */
function Status() {
  const mine = useMine(true)
  const family = useFamilyMembers()
  // useRemote keeps the last data while it reloads, so a re-show neither flashes the empty screen nor refetches the detail
  const current = mine.data?.current ?? null
  const detail = useRemote(
    async () => (current ? getDeclaration(current.id) : null),
    [current?.id, current?.checkedInToday, current?.status],
  )
  useReshow(() => void mine.reload())

  if (mine.status === 'loading' && !mine.data) {
    return (
      <Screen>
        <Notice title="正在加载你的登记…" />
      </Screen>
    )
  }
  if (mine.status === 'error') {
    return (
      <Screen>
        <Notice
          title="登记信息没有加载出来"
          text={`${mine.message}。请检查网络后重试。`}
          actionText="重新加载"
          onAction={() => void mine.reload()}
        />
      </Screen>
    )
  }

  const forMembers = (mine.data?.forMembers ?? [])
    .slice()
    .sort((a, b) => memberOrder(family.members, a) - memberOrder(family.members, b))
    .map((d) => forMember(d, family.members))
  // A member with no open declaration yet: the status page is the way to the form (which has 为谁登记).
  const memberToDeclare = family.members.some((m) => !forMembers.some((x) => x.d.memberId === m.id && x.d.status !== 'released'))
  const declareForFamily =
    memberToDeclare && current ? (
      <ActionButton kind="text" className="returnees-status__declare-family" onClick={() => void Taro.navigateTo({ url: DECLARE_PAGE })}>
        为家人填写返沪登记 ›
      </ActionButton>
    ) : null
  const reloadFailed =
    mine.status === 'ready' && mine.reloadError ? (
      // The reload on coming back failed: what was loaded before stays, with a word and a retry.
      <Banner tone="warning">
        <Text>{`刷新失败：${mine.reloadError}。下面是之前加载的登记。`}</Text>
        <ActionButton kind="text" small onClick={() => void mine.reload()}>
          重新加载
        </ActionButton>
      </Banner>
    ) : null

  if (!current && forMembers.length > 0) {
    // Only family members' declarations: theirs, and a word that the person has none of their own.
    return (
      <Screen
        footer={
          <ActionButton kind="secondary" onClick={() => void Taro.navigateTo({ url: DECLARE_PAGE })}>
            填写返沪登记
          </ActionButton>
        }
      >
        {reloadFailed}
        <Text className="returnees-status__whose">本人的登记</Text>
        <Card>
          <Text className="text-caption">你本人没有返沪登记。{ARRIVAL_WINDOW_DAYS} 天内从外省市来沪或返沪的，请如实登记。</Text>
        </Card>
        {forMembers.map((m) => (
          <MemberCard key={m.d.id} m={m} />
        ))}
      </Screen>
    )
  }

  if (!current) {
    return (
      <Screen footer={<ActionButton onClick={() => void Taro.navigateTo({ url: DECLARE_PAGE })}>填写返沪登记</ActionButton>}>
        <Notice
          title="你还没有返沪登记"
          text={`${ARRIVAL_WINDOW_DAYS} 天内从外省市来沪或返沪的，请如实登记，并在 ${OBSERVATION_DAYS} 天居家观察期间每天健康打卡。`}
        />
      </Screen>
    )
  }

  const open = current.status !== 'released'
  const footer = open ? (
    current.checkedInToday ? null : (
      <ActionButton onClick={() => void Taro.navigateTo({ url: CHECKIN_PAGE })}>今日健康打卡</ActionButton>
    )
  ) : (
    <ActionButton kind="secondary" onClick={() => void Taro.navigateTo({ url: DECLARE_PAGE })}>
      再次返沪，重新登记
    </ActionButton>
  )

  return (
    <Screen footer={footer}>
      {reloadFailed}
      {/* Said only beside members' records: alone, the page is plainly the person's own. */}
      {forMembers.length > 0 ? <Text className="returnees-status__whose">本人的登记</Text> : null}
      <Hero d={current} />
      {current.status === 'flagged' ? (
        <Banner tone="danger">
          <Text className="text-title">你的登记需要重点关注</Text>
          <Text className="returnees-status__steps">原因：{current.flagReasons.map((r) => FLAG_REASON_LABELS[r]).join('、')}</Text>
          {FLAGGED_STEPS.map((s, i) => (
            <Text key={s} className="returnees-status__step">
              {i + 1}. {s}
            </Text>
          ))}
        </Banner>
      ) : null}
      {open ? (
        current.checkedInToday ? (
          <Banner tone="success">
            <Text>今日已打卡，明天记得再来。</Text>
          </Banner>
        ) : (
          <Banner tone="warning">
            <Text>今日还未打卡：请测量体温后点下方按钮打卡。</Text>
          </Banner>
        )
      ) : null}
      <Card title="登记信息">
        {declarationFacts(current).map(([k, v]) => (
          <KV key={k} k={k} v={v} />
        ))}
      </Card>
      <Card title="打卡记录">
        {detail.status === 'error' ? (
          <Notice title="打卡记录没有加载出来" text={detail.message} actionText="重试" onAction={() => void detail.reload()} />
        ) : detail.status === 'ready' && detail.data ? (
          <CheckinTimeline checkins={detail.data.checkins} emptyText="每天测量体温后打卡，记录会显示在这里。" />
        ) : (
          <Text className="text-caption">正在加载…</Text>
        )}
      </Card>
      {forMembers.map((m) => (
        <MemberCard key={m.d.id} m={m} />
      ))}
      {declareForFamily}
    </Screen>
  )
}
