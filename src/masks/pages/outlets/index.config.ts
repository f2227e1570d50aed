export default definePageConfig({ navigationBarTitleText: '选择领取网点' })
