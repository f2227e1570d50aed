export default definePageConfig({
  navigationBarTitleText: '招聘岗位',
  enablePullDownRefresh: true,
  // The list scrolls inside its own virtual scroller; the page itself never does.
  disableScroll: true,
})
