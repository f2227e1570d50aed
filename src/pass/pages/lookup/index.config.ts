export default definePageConfig({ navigationBarTitleText: '无手机人员查询' })
