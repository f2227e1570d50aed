/** What the core's guard (`useGuardScreen`) says on the returnees pages. */

/** For someone who is not a community worker on a worker page: where their own registration is. */
export const WORKER_DENIED = {
  title: '这个页面供社区工作人员使用',
  text: '如需登记自己的返沪信息，请回到首页进入“返沪人员登记”。',
}
