import { Text } from '@tarojs/components'

/**
 * What a person reads as one thing: a date (2020-02-10, 2月11日) with its time, a time or time
 * range, a number with its unit (14 天, 1 人, 36.5℃, 6000-8000 元/月), a masked number. A line
 * may break around them, never inside.
 */
const ONE_THING = new RegExp(
  [
    String.raw`\d{4}-\d{2}-\d{2}(?: \d{1,2}:\d{2})?`,
    String.raw`\d{1,2}月\d{1,2}日(?: ?\d{1,2}:\d{2})?`,
    String.raw`\d{1,2}:\d{2}(?:[–-]\d{1,2}:\d{2})?`,
    String.raw`\d+(?:\.\d+)?(?:[–-]\d+(?:\.\d+)?)? ?(?:天|人|个|元(?:\/月)?|份|只|次|岁|℃|°C|米|公里|km|分钟|小时|K)`,
    String.raw`\d{3}\*+\d{3}[\dX]`,
  ].join('|'),
  'g',
)

export interface TextPart {
  text: string
  whole: boolean
}

/** `text` cut into runs, each one thing to keep on a line (`whole`) or ordinary text between. */
export function unbrokenParts(text: string): TextPart[] {
  const parts: TextPart[] = []
  let at = 0
  for (const m of text.matchAll(ONE_THING)) {
    const start = m.index ?? 0
    if (start > at) parts.push({ text: text.slice(at, start), whole: false })
    parts.push({ text: m[0], whole: true })
    at = start + m[0].length
  }
  if (at < text.length) parts.push({ text: text.slice(at), whole: false })
  return parts
}

/** A text whose dates, times and numbers with units never break across lines. */
export function Unbroken({ text, className }: { text: string; className?: string }) {
  return (
    <Text className={className}>
      {unbrokenParts(text).map((p, i) =>
        p.whole ? (
          <Text key={i} className="nowrap">
            {p.text}
          </Text>
        ) : (
          p.text
        ),
      )}
    </Text>
  )
}
