export default definePageConfig({ navigationBarTitleText: '返沪人员详情' })
