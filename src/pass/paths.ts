/**
 * The pass subpackage's pages (src/core/services.ts names them for home and 我的). No page takes
 * anything about the person in its URL: a pass is always the signed-in account's own.
 */
export const SHOW_PAGE = '/pass/pages/show/index'
export const SCAN_PAGE = '/pass/pages/scan/index'
export const LOOKUP_PAGE = '/pass/pages/lookup/index'
export const CHECKS_PAGE = '/pass/pages/checks/index'
