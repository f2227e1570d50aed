/** What the core's guard (`useGuardScreen`) says on the jobs pages, under "正在确认你的身份…". */

export const APPLY_CHECKING_TEXT = '投递需要实名认证，马上就好。'
export const MINE_CHECKING_TEXT = '我的求职需要实名认证，马上就好。'
