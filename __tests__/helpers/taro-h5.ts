// `@tarojs/taro` in page tests: Taro's real H5 implementation plus the React hooks
// (useLoad, useDidShow, …) that the framework plugin adds at build time.
import * as taroH5 from '@tarojs/taro-h5'
import * as hooks from '@tarojs/plugin-framework-react/dist/runtime'

const base = (taroH5 as unknown as { default: Record<string, unknown> }).default
const Taro = Object.assign(base, taroH5, hooks)

export * from '@tarojs/taro-h5'
export * from '@tarojs/plugin-framework-react/dist/runtime'
export default Taro
