export default definePageConfig({ navigationBarTitleText: '核验通行码' })
