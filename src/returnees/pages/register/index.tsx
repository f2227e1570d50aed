import Taro from '@tarojs/taro'
import { useRemote } from '@/core/hooks/useRemote'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { getCommunitySummary } from '../../api'
import { DeclarationForm } from '../../components/DeclarationForm'
import { FormGate } from '../../components/FormGate'
import { WORKER_DENIED } from '../../guardTexts'
import { personPath } from '../../paths'

/** A worker registers someone without a smartphone: the declaration form with their identity typed in. */
export default function RegisterPage() {
  const guard = useGuardScreen({ role: 'worker', denied: WORKER_DENIED })
  // The summary carries the server's day, which bounds the dates.
  const day = useRemote(async () => (guard.ready ? (await getCommunitySummary()).today : null), [guard.ready])
  if (!guard.ready) return guard.screen
  return (
    <FormGate remote={day}>
      {(today) => (
        <DeclarationForm variant="worker" user={guard.user} today={today} onDone={(d) => void Taro.redirectTo({ url: personPath(d.id) })} />
      )}
    </FormGate>
  )
}
