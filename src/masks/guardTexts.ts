/** What the core's guard (`useGuardScreen`) says on the masks pages. */

/** Under "正在确认你的身份…" on every masks page that needs a verified person. */
export const CHECKING_TEXT = '口罩预约需要实名认证，确认后自动继续。'

/** For someone who is not outlet staff on the pickup counter page: where their own code is. */
export const STAFF_DENIED = {
  title: '这个页面供口罩发放网点的工作人员使用',
  text: '如需领取自己的口罩，请在“我的口罩预约”里出示取件码。',
}
