// `@tarojs/components` in page tests: the React build of Taro's H5 components. View first:
// the package imports itself in a circle and View must exist before the rest loads.
export { default as View } from '@tarojs/components-react/dist/components/view/index.js'
export * from '@tarojs/components-react'
