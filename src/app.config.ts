export default defineAppConfig({
  pages: ['pages/home/index', 'pages/me/index', 'pages/login/index', 'pages/verify/index'],
  // One line per service: its folder under src/ and its pages (see README "Adding a service").
  subPackages: [
    { root: 'pass', pages: ['pages/show/index', 'pages/scan/index', 'pages/lookup/index', 'pages/checks/index'] },
    { root: 'masks', pages: ['pages/round/index', 'pages/outlets/index', 'pages/reserve/index', 'pages/mine/index', 'pages/pickup/index'] },
    {
      root: 'returnees',
      pages: [
        'pages/status/index',
        'pages/declare/index',
        'pages/checkin/index',
        'pages/console/index',
        'pages/person/index',
        'pages/register/index',
      ],
    },
    { root: 'jobs', pages: ['pages/list/index', 'pages/detail/index', 'pages/apply/index', 'pages/mine/index'] },
    { root: 'family', pages: ['pages/members/index', 'pages/add/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '市民服务',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f3f5f8',
  },
  tabBar: {
    color: '#5c6470',
    selectedColor: '#1560d4',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  permission: {
    'scope.userLocation': { desc: '用于按距离为你排列附近的口罩发放点' },
  },
  requiredPrivateInfos: ['getLocation'],
})
