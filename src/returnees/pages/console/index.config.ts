export default definePageConfig({ navigationBarTitleText: '社区返沪人员管理' })
