export default definePageConfig({
  navigationBarTitleText: '岗位详情',
  // useShareAppMessage needs this in WeChat.
  enableShareAppMessage: true,
})
