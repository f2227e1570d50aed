/**
 * The masks subpackage's pages, written once: every link builds on these (src/core/services.ts
 * names the entry pages for home and 我的). A URL carries record ids only, never personal data.
 */
export const ROUND_PAGE = '/masks/pages/round/index'
export const OUTLETS_PAGE = '/masks/pages/outlets/index'
export const RESERVE_PAGE = '/masks/pages/reserve/index'
export const MINE_PAGE = '/masks/pages/mine/index'

/** The reserve page for one outlet: it opens with the outlet's id alone. */
export function reservePath(outletId: string): string {
  return `${RESERVE_PAGE}?outletId=${encodeURIComponent(outletId)}`
}
