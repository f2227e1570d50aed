import type { ReactElement } from 'react'
import type { Remote } from '@/core/hooks/useRemote'
import { Notice, Screen } from '@/core/ui'

/**
 * What the declaration form waits for (the server's day, which bounds its dates): a notice while
 * it loads, an error with a retry, then the form. The draft is kept on the phone, so a failure
 * here loses nothing typed.
 */
export function FormGate<T>({ remote, children }: { remote: Remote<T | null>; children: (data: T) => ReactElement }) {
  if (remote.status === 'error') {
    return (
      <Screen>
        <Notice
          title="没能打开登记表"
          text={`${remote.message}。已填写的内容会保留，请重试。`}
          actionText="重试"
          onAction={() => void remote.reload()}
        />
      </Screen>
    )
  }
  if (remote.data === null || remote.data === undefined) {
    return (
      <Screen>
        <Notice title="正在打开登记表…" />
      </Screen>
    )
  }
  return children(remote.data)
}
