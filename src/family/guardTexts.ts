/** What the core guard (`useGuardScreen`) says on the family pages, under "正在确认你的身份…". */
export const FAMILY_CHECKING_TEXT = '为家人代办需要先完成你本人的实名认证。'
