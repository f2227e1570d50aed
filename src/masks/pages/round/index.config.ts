export default definePageConfig({ navigationBarTitleText: '口罩预约' })
