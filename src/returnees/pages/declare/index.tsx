import Taro from '@tarojs/taro'
import { ActionButton, Notice, Screen } from '@/core/ui'
import { DeclarationForm } from '../../components/DeclarationForm'
import { useGuard } from '../../components/Guard'
import { useMine } from '../../hooks/useMine'

const STATUS = '/returnees/pages/status/index'

export default function DeclarePage() {
  const guard = useGuard()
  const mine = useMine(guard.ready)
  if (!guard.ready) return guard.screen
  if (mine.status === 'error') {
    return (
      <Screen>
        <Notice title="没能打开登记表" text={`${mine.message}。已填写的内容会保留，请重试。`} actionText="重试" onAction={() => void mine.reload()} />
      </Screen>
    )
  }
  if (mine.status !== 'ready' || !mine.data) {
    return (
      <Screen>
        <Notice title="正在打开登记表…" />
      </Screen>
    )
  }
  const open = mine.data.current && mine.data.current.status !== 'released' ? mine.data.current : null
  if (open) {
    return (
      <Screen footer={<ActionButton onClick={() => void Taro.redirectTo({ url: STATUS })}>查看我的状态</ActionButton>}>
        <Notice title="你已有一条居家观察中的登记" text={`观察期至 ${open.observationEndsOn}，无需重复登记。每天打卡即可。`} />
      </Screen>
    )
  }
  return <DeclarationForm variant="self" user={guard.user} today={mine.data.today} onDone={() => void Taro.redirectTo({ url: STATUS })} />
}
