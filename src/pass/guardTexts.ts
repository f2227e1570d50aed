/** What the core guard (`useGuardScreen`) says on the pass pages, under "正在确认你的身份…". */

export const SHOW_CHECKING_TEXT = '通行码跟随实名身份，马上就好。'
export const CHECKS_CHECKING_TEXT = '核验记录只给本人看，马上就好。'
export const CHECKER_CHECKING_TEXT = '核验通行码需要社区工作人员或网点工作人员账号。'
export const CHECKER_DENIED = {
  title: '核验通行码仅对工作人员开放',
  text: '社区工作人员和口罩网点工作人员可以在这里扫码或查询证件；市民请在首页出示自己的通行码。',
}
