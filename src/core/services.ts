/**
 * The services the home page and 我的 link to. The core knows only their entry paths, never
 * their code: each service is a subpackage listed in app.config.ts.
 */
export interface ServiceEntry {
  key: 'masks' | 'returnees' | 'jobs'
  title: string
  summary: string
  /** First page of the service. */
  entry: string
  /** The person's own records in this service, for 我的. */
  mine: { title: string; path: string }
  /** Pages for a role's work, shown on home to that role. */
  work?: { role: 'worker' | 'staff'; title: string; path: string }
}

export const SERVICES: ServiceEntry[] = [
  {
    key: 'masks',
    title: '口罩预约',
    summary: '查看本轮口罩、就近网点，预约后凭码领取',
    entry: '/masks/pages/round/index',
    mine: { title: '我的口罩预约', path: '/masks/pages/mine/index' },
    work: { role: 'staff', title: '网点核销领取', path: '/masks/pages/pickup/index' },
  },
  {
    key: 'returnees',
    title: '返沪人员登记',
    summary: '来沪返沪登记，居家观察期间每日健康打卡',
    entry: '/returnees/pages/status/index',
    mine: { title: '我的返沪登记', path: '/returnees/pages/status/index' },
    work: { role: 'worker', title: '社区返沪人员管理', path: '/returnees/pages/console/index' },
  },
  {
    key: 'jobs',
    title: '招聘岗位',
    summary: '搜索本市岗位，用实名身份一键投递',
    entry: '/jobs/pages/list/index',
    mine: { title: '我的求职', path: '/jobs/pages/mine/index' },
  },
]
