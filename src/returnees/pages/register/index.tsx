import Taro from '@tarojs/taro'
import { useRemote } from '@/core/hooks/useRemote'
import { returneesApi } from '../../api'
import { DeclarationForm } from '../../components/DeclarationForm'
import { FormGate } from '../../components/FormGate'
import { useGuard } from '../../components/Guard'

/** A worker registers someone without a smartphone: the declaration form with their identity typed in. */
export default function RegisterPage() {
  const guard = useGuard('worker')
  // The summary carries the server's day, which bounds the dates.
  const day = useRemote(async () => (guard.ready ? (await returneesApi.summary()).today : null), [guard.ready])
  if (!guard.ready) return guard.screen
  return (
    <FormGate remote={day}>
      {(today) => (
        <DeclarationForm
          variant="worker"
          user={guard.user}
          today={today}
          onDone={(d) => void Taro.redirectTo({ url: `/returnees/pages/person/index?id=${encodeURIComponent(d.id)}` })}
        />
      )}
    </FormGate>
  )
}
