import Taro from '@tarojs/taro'
import type { User } from '@/core/contract/returnees'
import { useFamilyMembers } from '@/core/family/useFamilyMembers'
import { useGuardScreen } from '@/core/session/useGuardScreen'
import { DeclarationForm } from '../../components/DeclarationForm'
import { FormGate } from '../../components/FormGate'
import { pickCurrent, useMine } from '../../hooks/useMine'
import { STATUS_PAGE } from '../../paths'

export default function DeclarePage() {
  const guard = useGuardScreen()
  if (!guard.ready) return guard.screen
  return <Declare user={guard.user} />
}

/** Mounted once the session is verified: the family list and the person's records need it. */
function Declare({ user }: { user: User }) {
  const mine = useMine(true)
  const family = useFamilyMembers()
  const toStatus = () => void Taro.redirectTo({ url: STATUS_PAGE })
  return (
    <FormGate remote={mine}>
      {({ all, today }) => (
        <DeclarationForm
          variant="self"
          user={user}
          today={today}
          onDone={toStatus}
          whom={{
            members: family.members,
            loaded: family.loaded,
            failed: family.failed,
            reload: () => void family.reload(),
            openOf: (memberId) => {
              const d = pickCurrent(all, memberId)
              return d && d.status !== 'released' ? d : null
            },
            onSeeOpen: toStatus,
          }}
        />
      )}
    </FormGate>
  )
}
