export default definePageConfig({ navigationBarTitleText: '网点核销领取' })
