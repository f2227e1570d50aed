/**
 * The services the home page and 我的 link to. The core knows only their entry paths, never
 * their code: each service is a subpackage listed in app.config.ts.
 */
/** A page of a role's work; home lists a role's pages first, in the order of SERVICES. */
export interface WorkEntry {
  roles: ('worker' | 'staff')[]
  title: string
  path: string
}

export interface ServiceEntry {
  key: 'pass' | 'masks' | 'returnees' | 'jobs' | 'family'
  title: string
  summary: string
  /** First page of the service. */
  entry: string
  /** The person's own records in this service, for 我的. */
  mine: { title: string; path: string }
  /** Pages for a role's work, shown first on home to that role. */
  work?: WorkEntry[]
}

export const SERVICES: ServiceEntry[] = [
  {
    key: 'pass',
    title: '通行码',
    summary: '出示你的通行码，看看谁核验过',
    entry: '/pass/pages/show/index',
    mine: { title: '谁看过我的通行码', path: '/pass/pages/checks/index' },
    work: [
      { roles: ['worker', 'staff'], title: '扫码核验通行码', path: '/pass/pages/scan/index' },
      { roles: ['worker', 'staff'], title: '无手机人员查证件', path: '/pass/pages/lookup/index' },
    ],
  },
  {
    key: 'masks',
    title: '口罩预约',
    summary: '查看本轮口罩、就近网点，预约后凭码领取',
    entry: '/masks/pages/round/index',
    mine: { title: '我的口罩预约', path: '/masks/pages/mine/index' },
    work: [{ roles: ['staff'], title: '网点核销领取', path: '/masks/pages/pickup/index' }],
  },
  {
    key: 'returnees',
    title: '返沪人员登记',
    summary: '来沪返沪登记，居家观察期间每日健康打卡',
    entry: '/returnees/pages/status/index',
    mine: { title: '我的返沪登记', path: '/returnees/pages/status/index' },
    work: [{ roles: ['worker'], title: '社区返沪人员管理', path: '/returnees/pages/console/index' }],
  },
  {
    key: 'jobs',
    title: '招聘岗位',
    summary: '搜索本市岗位，用实名身份一键投递',
    entry: '/jobs/pages/list/index',
    mine: { title: '我的求职', path: '/jobs/pages/mine/index' },
  },
  {
    key: 'family',
    title: '家人代办',
    summary: '为家中老人、孩子亮码、预约口罩、登记打卡',
    entry: '/family/pages/members/index',
    mine: { title: '家人', path: '/family/pages/members/index' },
  },
]
