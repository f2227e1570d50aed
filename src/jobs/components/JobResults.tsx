import { Text, View } from '@tarojs/components'
import { VirtualList } from '@tarojs/components-advanced'
import { useCallback, useEffect, useRef } from 'react'
import type { JobSummary } from '@/core/contract/jobs'
import type { PagedPhase } from '@/core/hooks/usePaged'
import { ActionButton, makeKeyboardScrollable } from '@/core/ui'
import { JobRow } from './JobCard'

/** Load the next page when the person is this many rows from the end. */
const PREFETCH_ROWS = 6

export interface JobResultsProps {
  items: JobSummary[]
  total: number
  nextCursor: string | null
  phase: PagedPhase
  message?: string
  /** The list's box in screen px (the virtual list needs numbers). */
  height: number
  width: number
  itemSize: number
  onEndReached: () => void
  onRetry: () => void
}

function Footer({
  phase,
  message,
  total,
  nextCursor,
  onRetry,
}: Pick<JobResultsProps, 'phase' | 'message' | 'total' | 'nextCursor' | 'onRetry'>) {
  let content
  if (phase === 'more') content = <Text>正在加载更多岗位…</Text>
  else if (phase === 'more-error')
    content = (
      <View>
        <Text className="jobs-list__footer-error">更多岗位没有加载出来：{message}</Text>
        <ActionButton kind="secondary" small onClick={onRetry}>
          重试
        </ActionButton>
      </View>
    )
  else if (nextCursor) content = <Text>继续上滑，加载更多岗位</Text>
  else content = <Text>已经到底了，共 {total} 个岗位</Text>
  return <View className="jobs-list__footer">{content}</View>
}

/**
 * The postings as a virtual list: only the rows in view (and two either side) exist, so a
 * person can scroll through thousands on a modest phone. Nearing the end asks for the next page.
 */
export function JobResults({ items, total, nextCursor, phase, message, height, width, itemSize, onEndReached, onRetry }: JobResultsProps) {
  const count = items.length
  const offset = useRef(0)
  const nearEnd = useCallback(() => offset.current + height >= (count - PREFETCH_ROWS) * itemSize, [count, height, itemSize])
  const onScroll = useCallback(
    ({ scrollOffset }: { scrollOffset: number }) => {
      offset.current = scrollOffset
      if (nearEnd()) onEndReached()
    },
    [nearEnd, onEndReached],
  )
  // A scroll that reached the end while a page was still arriving was turned away, and a person
  // already at the end sends no more scroll events: ask again once the list has settled.
  useEffect(() => {
    if (phase === 'ready' && count > 0 && nearEnd()) onEndReached()
  }, [phase, count, nearEnd, onEndReached])
  // The virtual list is its own scroll box; it takes no ref, so find it once it is drawn.
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    for (const box of Array.from(document.querySelectorAll('.jobs-list__scroller'))) makeKeyboardScrollable(box, '岗位列表')
  }, [count])
  return (
    <VirtualList
      className="jobs-list__scroller"
      height={height}
      width={width}
      item={JobRow}
      itemData={items}
      itemCount={count}
      itemSize={itemSize}
      overscanCount={2}
      onScroll={onScroll}
      renderBottom={<Footer phase={phase} message={message} total={total} nextCursor={nextCursor} onRetry={onRetry} />}
    />
  )
}
