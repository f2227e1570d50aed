// Untyped entry points used only by the page-test shims in __tests__/helpers.
declare module '@tarojs/components-react/dist/components/view/index.js' {
  const View: import('react').ComponentType<Record<string, unknown>>
  export default View
}
declare module '@tarojs/plugin-framework-react/dist/runtime' {
  export const useLoad: unknown
  export function createH5NativeComponentConfig(component: unknown, react: unknown, dom: unknown): unknown
}
