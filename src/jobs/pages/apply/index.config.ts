export default definePageConfig({ navigationBarTitleText: '投递简历' })
