import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import { readConfig } from '@tarojs/helper'
import { RoutePreloadPlugin } from './routePreload'
import devConfig from './dev'
import prodConfig from './prod'

const MOCK_PORT = process.env.MOCK_PORT || '9527'
const embedded = process.env.TARO_APP_EMBEDDED_MOCK === '1'

/** Every route of the app, the first page first, as the app config lists them. */
function appRoutes(): string[] {
  const app = readConfig(path.resolve(__dirname, '..', 'src/app.config.ts')) as {
    pages: string[]
    subPackages?: { root: string; pages: string[] }[]
  }
  return [...app.pages, ...(app.subPackages ?? []).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`))]
}

/**
 * Where the app finds the API. H5 is served by the mock server itself, so same-origin paths
 * work; WeChat DevTools reaches the mock over loopback ("不校验合法域名" on). An embedded build
 * never leaves the app, so the base is only a label there.
 */
function apiBase(): string {
  if (process.env.TARO_APP_API_BASE) return process.env.TARO_APP_API_BASE
  if (embedded) return 'embedded://app/api/v1'
  if (process.env.TARO_ENV === 'h5') return '/api/v1'
  return `http://127.0.0.1:${MOCK_PORT}/api/v1`
}

export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'citizen-services',
    date: '2026-11-28',
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: process.env.TARO_OUTPUT_ROOT || `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase()),
      EMBEDDED_MOCK: JSON.stringify(embedded),
      // Send Taro.login's code (a real backend) instead of this device's key (the mock).
      LOGIN_WITH_WECHAT: JSON.stringify(process.env.TARO_APP_LOGIN === 'wechat'),
      // Offer demo accounts (worker, staff) on the login page: only while the backend is the mock.
      DEMO_ACCOUNTS: JSON.stringify(process.env.TARO_APP_LOGIN !== 'wechat'),
    },
    alias: {
      '@/core': path.resolve(__dirname, '..', 'src/core'),
      '@/mock': path.resolve(__dirname, '..', 'mock'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    // Taro's weapp minifier writes every Chinese character as a 6-byte \uXXXX escape; WeChat
    // reads its packages as UTF-8, where the same character takes 3. Every page's text is Chinese.
    terser: process.env.TARO_ENV === 'weapp' ? { enable: true, config: { output: { ascii_only: false } } } : undefined,
    mini: {
      webpackChain(chain) {
        // Taro puts every @tarojs/* module into the main package's taro.js. The virtual list
        // (@tarojs/components-advanced) serves only the jobs subpackage: leave it out of that
        // group so Taro's subpackage optimisation moves it into jobs/ (the main package stays small).
        const splitChunks = chain.optimization.get('splitChunks')
        const taroGroup = splitChunks.cacheGroups.taro
        chain.optimization.splitChunks({
          ...splitChunks,
          cacheGroups: {
            ...splitChunks.cacheGroups,
            taro: {
              ...taroGroup,
              test: (module: { context?: string | null }) =>
                /[\\/]node_modules[\\/]@tarojs[\\/]/.test(module.context ?? '') &&
                !/[\\/]@tarojs[\\/]components-advanced[\\/]/.test(module.context ?? ''),
            },
          },
        })
      },
      // The embedded build compiles the mock (outside src/) into the app.
      compile: { include: [path.resolve(__dirname, '..', 'mock')] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      webpackChain(chain) {
        // Every H5 page is a lazily loaded chunk, and Taro's chunk groups split only the chunks
        // loaded at start: whatever two pages shared (the core's UI, the api client, Taro's
        // components) was copied into each. Code that pages share goes into chunks of its own,
        // loaded once: one for a service's pages (`<service>-shared`), one for the rest.
        const splitChunks = chain.optimization.get('splitChunks')
        chain.optimization.splitChunks({
          ...splitChunks,
          cacheGroups: {
            ...splitChunks.cacheGroups,
            shared: {
              chunks: 'async',
              minChunks: 2,
              priority: 0,
              reuseExistingChunk: true,
              // A stylesheet's module (mini-css-extract) has no `resource`; its identifier names the file.
              name: (module: { resource?: string | null; identifier(): string }) => {
                const service = /[\\/]src[\\/]([a-z]+)[\\/]/.exec(module.resource ?? module.identifier())?.[1]
                return service && service !== 'core' && service !== 'pages' ? `${service}-shared` : 'shared'
              },
            },
          },
        })
        chain.plugin('routePreload').use(RoutePreloadPlugin, [{ pages: appRoutes(), publicPath: '/' }])
      },
      compile: { include: [path.resolve(__dirname, '..', 'mock')] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      devServer: {
        host: '127.0.0.1',
        port: 10086,
        open: false,
        proxy: [{ context: ['/api', '/__mock'], target: `http://127.0.0.1:${MOCK_PORT}` }],
      },
    },
  }
  if (mode === 'development' || process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
