export default definePageConfig({
  navigationBarTitleText: '招聘岗位',
  // The list scrolls inside its own virtual scroller; the page is one screen tall, and pulling it
  // down refreshes the list.
  enablePullDownRefresh: true,
})
