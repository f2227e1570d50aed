/**
 * The pass subpackage's pages (src/core/services.ts names them for home and 我的). A page's URL
 * carries at most a family member's id, never a name or a document: links get shared and logged.
 */
export const SHOW_PAGE = '/pass/pages/show/index'
export const SCAN_PAGE = '/pass/pages/scan/index'
export const LOOKUP_PAGE = '/pass/pages/lookup/index'
export const CHECKS_PAGE = '/pass/pages/checks/index'

const forMember = (page: string, memberId: string | undefined) =>
  memberId === undefined ? page : `${page}?memberId=${encodeURIComponent(memberId)}`

/** The pass of a family member (or the person's own, without one), for other pages to link to. */
export const showPage = (memberId?: string) => forMember(SHOW_PAGE, memberId)
export const checksPage = (memberId?: string) => forMember(CHECKS_PAGE, memberId)
