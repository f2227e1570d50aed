/** The service's pages (API.md and src/core/services.ts fix the entry paths). */
export const ROUND_PAGE = '/masks/pages/round/index'
export const OUTLETS_PAGE = '/masks/pages/outlets/index'
export const RESERVE_PAGE = '/masks/pages/reserve/index'
export const MINE_PAGE = '/masks/pages/mine/index'
