export default definePageConfig({ navigationBarTitleText: '我的返沪登记' })
