import Taro from '@tarojs/taro'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { ActionButton, Notice, Screen } from '@/core/ui'
import { DeclarationForm } from '../../components/DeclarationForm'
import { FormGate } from '../../components/FormGate'
import { useMine } from '../../hooks/useMine'
import { STATUS_PAGE } from '../../paths'

export default function DeclarePage() {
  const guard = useGuardScreen()
  const mine = useMine(guard.ready)
  if (!guard.ready) return guard.screen
  return (
    <FormGate remote={mine}>
      {({ current, today }) => {
        const open = current && current.status !== 'released' ? current : null
        if (open) {
          return (
            <Screen footer={<ActionButton onClick={() => void Taro.redirectTo({ url: STATUS_PAGE })}>查看我的状态</ActionButton>}>
              <Notice title="你已有一条居家观察中的登记" text={`观察期至 ${open.observationEndsOn}，无需重复登记。每天打卡即可。`} />
            </Screen>
          )
        }
        return <DeclarationForm variant="self" user={guard.user} today={today} onDone={() => void Taro.redirectTo({ url: STATUS_PAGE })} />
      }}
    </FormGate>
  )
}
