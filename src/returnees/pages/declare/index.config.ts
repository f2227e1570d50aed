export default definePageConfig({ navigationBarTitleText: '返沪登记' })
