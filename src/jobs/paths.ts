import type { JobFilters } from '@/core/contract/jobs'

/**
 * The jobs subpackage's pages, written once: every link and share card builds on these
 * (src/core/services.ts names the entry pages for home and 我的). A URL carries record ids and
 * search criteria only, never anything about the person.
 */
export const LIST_PAGE = '/jobs/pages/list/index'
export const DETAIL_PAGE = '/jobs/pages/detail/index'
export const APPLY_PAGE = '/jobs/pages/apply/index'
export const MINE_PAGE = '/jobs/pages/mine/index'

/** The list opened on a saved search's criteria; the list page reads them back from its query. */
export function listPath(criteria: Pick<JobFilters, 'q' | 'district' | 'industry' | 'salaryMin'>): string {
  const query = [
    criteria.q ? `q=${encodeURIComponent(criteria.q)}` : '',
    criteria.district ? `district=${encodeURIComponent(criteria.district)}` : '',
    criteria.industry ? `industry=${encodeURIComponent(criteria.industry)}` : '',
    criteria.salaryMin ? `salaryMin=${criteria.salaryMin}` : '',
  ].filter(Boolean)
  return query.length ? `${LIST_PAGE}?${query.join('&')}` : LIST_PAGE
}

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
