export default definePageConfig({ navigationBarTitleText: '代居民登记' })
