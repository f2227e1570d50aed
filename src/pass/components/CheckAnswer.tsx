import { Text, View } from '@tarojs/components'
import type { PassCheck } from '@/core/contract/passChecks'
import { parseIso, shanghaiDateTime } from '@/core/time/shanghai'
import { ActionButton, PassColorField } from '@/core/ui'

/** What a check answered: the pass as it is now, or why the code shown is no pass. */
export type CheckOutcome = { kind: 'checked'; check: PassCheck } | { kind: 'expired' } | { kind: 'forged' }

export const EXPIRED_TEXT = '码已过期，请对方刷新后再扫'
export const FORGED_TEXT = '不是有效的通行码'

/**
 * The answer over the whole screen, so the person at the door and the one checking read it from
 * an arm's length: the colour with its words, whose pass (masked), and when it was checked.
 */
export function CheckAnswer({ outcome, onDone, doneText = '继续核验' }: { outcome: CheckOutcome; onDone: () => void; doneText?: string }) {
  // Inside the page's Screen, so 长辈模式's sizes reach it as they reach the rest of the page.
  return (
    <View className="pass-answer" role="dialog" aria-label="核验结果">
      {outcome.kind === 'checked' ? (
        <>
          <PassColorField color={outcome.check.color} reasons={outcome.check.reasons} />
          <View className="card">
            <Text className="pass-answer__holder">
              {outcome.check.holder.nameMasked} {outcome.check.holder.docNumberMasked}
            </Text>
            <Text className="pass-answer__line">核验时间 {shanghaiDateTime(parseIso(outcome.check.checkedAt))}</Text>
            <Text className="pass-answer__line">颜色以核验这一刻为准。请核对证件上的姓名与号码。</Text>
          </View>
        </>
      ) : (
        <PassColorField color="unknown" unknownTitle={outcome.kind === 'expired' ? EXPIRED_TEXT : FORGED_TEXT}>
          <Text className="pass-answer__line pass-answer__line--on-field">
            {outcome.kind === 'expired'
              ? '对方打开通行码页面后会自动换新码，截图和照片都会过期。'
              : '这不是本系统发出的通行码，可能是伪造或被改动过。没有手机的人可以出示证件查询。'}
          </Text>
        </PassColorField>
      )}
      <ActionButton onClick={onDone}>{doneText}</ActionButton>
    </View>
  )
}
