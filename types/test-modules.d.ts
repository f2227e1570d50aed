// Untyped entry points used only by the page-test shims in __tests__/helpers.
declare module '@tarojs/components-react/dist/components/view/index.js' {
  export const View: import('react').ComponentType<Record<string, unknown>>
}
declare module '@tarojs/plugin-framework-react/dist/runtime' {
  export const useLoad: unknown
}
