export default definePageConfig({ navigationBarTitleText: '添加家人' })
