/** The jobs subpackage's pages, written once: every link and share card builds on these. */
export const LIST_PAGE = '/jobs/pages/list/index'
export const DETAIL_PAGE = '/jobs/pages/detail/index'
export const APPLY_PAGE = '/jobs/pages/apply/index'
export const MINE_PAGE = '/jobs/pages/mine/index'

/** A posting's detail page: its id and nothing about the person (a share card uses it too). */
export function detailPath(id: string): string {
  return `${DETAIL_PAGE}?id=${encodeURIComponent(id)}`
}

export function applyPath(id: string): string {
  return `${APPLY_PAGE}?id=${encodeURIComponent(id)}`
}

/** The tabs of 我的求职, which a link may open directly. */
export type MineTab = 'applications' | 'favorites' | 'subscriptions'

export function minePath(tab: MineTab): string {
  return `${MINE_PAGE}?tab=${tab}`
}
