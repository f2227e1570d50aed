import { ActionButton, Notice } from '@/core/ui'
import type { Paged } from '@/core/hooks/usePaged'

interface Props<T> {
  list: Paged<T>
  loadingTitle: string
  /** Show the loading line only while nothing is on screen yet (a reload keeps the old rows). */
  loadingOnlyWhenEmpty?: boolean
  errorTitle: string
  empty: { title: string; text: string; actionText: string; onAction: () => void }
}

/** What follows a paged list: loading, the error with a retry, the empty state, 加载更多. */
export function PagedFooter<T>({ list, loadingTitle, loadingOnlyWhenEmpty, errorTitle, empty }: Props<T>) {
  const showLoading = list.loading && (!loadingOnlyWhenEmpty || list.items.length === 0)
  return (
    <>
      {showLoading ? <Notice title={loadingTitle} /> : null}
      {!list.loading && list.error ? (
        <Notice title={errorTitle} text={`${list.error}。请检查网络后重试。`} actionText="重试" onAction={list.retry} />
      ) : null}
      {!list.loading && !list.error && list.total === 0 ? <Notice {...empty} /> : null}
      {list.hasMore && !list.loading ? (
        <ActionButton kind="secondary" loading={list.loadingMore} onClick={list.loadMore}>
          加载更多
        </ActionButton>
      ) : null}
    </>
  )
}
