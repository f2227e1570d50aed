import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { ApiError } from '@/core/api'
import type { PassCheckRecord } from '@/core/contract/passChecks'
import { useFamilyMembers } from '@/core/family/useFamilyMembers'
import { decodeParam } from '@/core/hooks/params'
import { usePaged, type Paged } from '@/core/hooks/usePaged'
import { useReshow } from '@/core/hooks/useReshow'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { parseIso, shanghaiDateTime } from '@/core/time/shanghai'
import { ActionButton, Card, Notice, Screen } from '@/core/ui'
import { listChecks } from '../../api'
import { CHECKER_WORDS } from '../../format'
import { CHECKS_CHECKING_TEXT } from '../../guardTexts'
import './index.scss'

function CheckRow({ check }: { check: PassCheckRecord }) {
  return (
    <View className="list-item pass-checks__row">
      <View>
        <Text className="text-title">{check.place}</Text>
        <Text className="pass-checks__who">{CHECKER_WORDS[check.by]}核验</Text>
      </View>
      <Text className="pass-checks__at">{shanghaiDateTime(parseIso(check.at))}</Text>
    </View>
  )
}

export default function PassChecksPage() {
  const guard = useGuardScreen({ checkingText: CHECKS_CHECKING_TEXT })
  const { params } = useRouter()
  const memberId = decodeParam(params.memberId)
  // A member removed meanwhile (404) is said plainly, not as a network failure to retry.
  const [gone, setGone] = useState(false)
  const fetchPage = useCallback(
    (cursor: string | null) =>
      listChecks(cursor, memberId).catch((e: unknown) => {
        if (memberId !== undefined && e instanceof ApiError && e.status === 404) setGone(true)
        throw e
      }),
    [memberId],
  )
  const checks = usePaged<PassCheckRecord>(guard.ready ? `checks:${memberId ?? ''}` : null, fetchPage)
  useReshow(() => {
    if (guard.ready) void checks.reload()
  })
  if (!guard.ready) return guard.screen
  return <ChecksScreen checks={checks} memberId={memberId} gone={gone} />
}

/** The list, under whose checks they are: the member's name comes from the family list, never the URL. */
function ChecksScreen({ checks, memberId, gone }: { checks: Paged<PassCheckRecord>; memberId: string | undefined; gone: boolean }) {
  const family = useFamilyMembers()
  const own = memberId === undefined
  const whose = own ? '你' : (family.members.find((m) => m.id === memberId)?.name ?? '家人')
  const title = own ? '谁看过我的通行码' : `谁看过${whose}的通行码`

  useEffect(() => {
    if (!own) void Taro.setNavigationBarTitle({ title }).catch(() => undefined)
  }, [own, title])

  let content
  if (gone) {
    content = <Notice title="这位家人已被移除" text="不能再查看其通行码的核验记录。" />
  } else if (checks.items.length === 0) {
    if (checks.error) {
      content = <Notice title="没有加载出来" text={`${checks.error}。请检查网络后重试。`} actionText="重新加载" onAction={checks.retry} />
    } else if (checks.loading || checks.total === null) {
      content = <Notice title="正在加载…" text="稍等片刻，马上就好。" />
    } else {
      content = (
        <Notice
          title={`还没有人核验过${whose}的通行码`}
          text={`社区或网点工作人员每扫一次${own ? '你' : '其'}的码、每查一次${own ? '你' : '其'}的证件，都会记在这里。`}
        />
      )
    }
  } else {
    content = (
      <Card title={`共 ${checks.total ?? checks.items.length} 次核验`}>
        {checks.items.map((c, i) => (
          <CheckRow key={`${c.at}-${i}`} check={c} />
        ))}
        {checks.error ? (
          <Notice title="没有加载出来" text={`${checks.error}。请检查网络后重试。`} actionText="重新加载" onAction={checks.retry} />
        ) : checks.hasMore ? (
          <ActionButton kind="secondary" loading={checks.loadingMore} onClick={checks.loadMore}>
            加载更多
          </ActionButton>
        ) : null}
      </Card>
    )
  }

  return (
    <Screen>
      {own ? null : <Text className="pass-checks__title">{title}</Text>}
      <Text className="pass-checks__intro">
        每一次核验都会留下记录：什么时候、在哪里、由社区还是网点工作人员核验。不会显示工作人员的姓名。
      </Text>
      {content}
    </Screen>
  )
}
