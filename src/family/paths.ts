/** The family subpackage's pages. No URL carries anything about a person: only member ids, never names or documents. */
export const MEMBERS_PAGE = '/family/pages/members/index'
export const ADD_PAGE = '/family/pages/add/index'
