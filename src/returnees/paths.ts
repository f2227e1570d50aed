/**
 * The returnees subpackage's pages, written once: every link builds on these (src/core/services.ts
 * names the entry pages for home and 我的). A URL carries record ids only, never personal data.
 */
export const STATUS_PAGE = '/returnees/pages/status/index'
export const DECLARE_PAGE = '/returnees/pages/declare/index'
export const CHECKIN_PAGE = '/returnees/pages/checkin/index'
export const CONSOLE_PAGE = '/returnees/pages/console/index'
export const PERSON_PAGE = '/returnees/pages/person/index'
export const REGISTER_PAGE = '/returnees/pages/register/index'

/** One declaration as a worker sees it: its id and nothing about the person. */
export function personPath(declarationId: string): string {
  return `${PERSON_PAGE}?id=${encodeURIComponent(declarationId)}`
}

/** The daily check-in of one declaration (a family member's); without an id it is the person's own. */
export function checkinPath(declarationId: string): string {
  return `${CHECKIN_PAGE}?id=${encodeURIComponent(declarationId)}`
}
