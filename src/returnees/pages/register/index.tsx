import Taro from '@tarojs/taro'
import { useRemote } from '@/core/hooks/useRemote'
import { Notice, Screen } from '@/core/ui'
import { returneesApi } from '../../api'
import { DeclarationForm } from '../../components/DeclarationForm'
import { useGuard } from '../../components/Guard'

/** A worker registers someone without a smartphone: the declaration form with their identity typed in. */
export default function RegisterPage() {
  const guard = useGuard('worker')
  // The summary carries the server's day, which bounds the dates.
  const day = useRemote(async () => (guard.ready ? (await returneesApi.summary()).today : null), [guard.ready])
  if (!guard.ready) return guard.screen
  if (day.status === 'error') {
    return (
      <Screen>
        <Notice title="没能打开登记表" text={`${day.message}。已填写的内容会保留，请重试。`} actionText="重试" onAction={() => void day.reload()} />
      </Screen>
    )
  }
  if (!day.data) return <Screen><Notice title="正在打开登记表…" /></Screen>
  return (
    <DeclarationForm
      variant="worker"
      user={guard.user}
      today={day.data}
      onDone={(d) => void Taro.redirectTo({ url: `/returnees/pages/person/index?id=${encodeURIComponent(d.id)}` })}
    />
  )
}
