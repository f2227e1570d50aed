import { Text } from '@tarojs/components'

/**
 * What became of the last tap on a form's button, said right beside that button (in the bottom
 * bar, or under a button inside a card): a banner at the top of a long form is out of sight of
 * the thumb that just tapped. Nothing when there is nothing to say.
 */
export function SubmitNote({ text, tone = 'danger' }: { text: string | null | undefined; tone?: 'danger' | 'warning' | 'success' }) {
  if (!text) return null
  return <Text className={`submit-note submit-note--${tone}`}>{text}</Text>
}
