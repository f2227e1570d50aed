// Two layers that need no build: the mock's handlers (node) and the pages over Taro's real H5
// runtime (jsdom). The weapp layer has its own config (jest.weapp.config.js).
const moduleNameMapper = {
  '^@/core/(.*)$': '<rootDir>/src/core/$1',
  '^@/mock/(.*)$': '<rootDir>/mock/$1',
  // Tests reach pages and services by alias too (`@/masks/pages/reserve/index`); keep it last.
  '^@/(.*)$': '<rootDir>/src/$1',
}

const taroGlobals = {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_MUTATION_OBSERVER: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
  __TARO_FRAMEWORK__: 'react',
  API_BASE: 'http://127.0.0.1/api/v1',
  EMBEDDED_MOCK: false,
  LOGIN_WITH_WECHAT: false,
  DEMO_ACCOUNTS: true,
}

module.exports = {
  projects: [
    {
      displayName: 'mock',
      testEnvironment: 'node',
      testMatch: [
        '<rootDir>/__tests__/mock/**/*.test.ts',
        '<rootDir>/__tests__/core/**/*.test.ts',
        '<rootDir>/__tests__/lint/**/*.test.ts',
        '<rootDir>/__tests__/build/**/*.test.ts',
      ],
      moduleNameMapper,
      transform: { '^.+\\.[tj]sx?$': 'babel-jest' },
      globals: taroGlobals,
    },
    {
      // A real PostgreSQL server: `npm run test:postgres` makes a throw-away database for it (CI),
      // one for the whole run, so its files run one after another (--runInBand): each empties it.
      displayName: 'postgres',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/__tests__/postgres/**/*.test.ts'],
      moduleNameMapper,
      transform: { '^.+\\.[tj]sx?$': 'babel-jest' },
      globals: taroGlobals,
    },
    {
      displayName: 'pages',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/__tests__/pages/**/*.test.tsx'],
      setupFiles: ['<rootDir>/__tests__/helpers/taro-h5-setup.ts'],
      moduleNameMapper: {
        ...moduleNameMapper,
        '^@tarojs/taro$': '<rootDir>/__tests__/helpers/taro-h5.ts',
        '^@tarojs/components$': '<rootDir>/__tests__/helpers/taro-components.ts',
        '\\.(css|scss)$': '<rootDir>/__tests__/helpers/style-stub.js',
      },
      transform: { '^.+\\.(mjs|[tj]sx?)$': 'babel-jest' },
      transformIgnorePatterns: [
        'node_modules/(?!(@tarojs|@stencil|swiper|dom7|ssr-window|query-string|decode-uri-component|split-on-first|filter-obj|style-inject|tslib|lodash-es|\\.pnpm)/)',
      ],
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      globals: taroGlobals,
    },
  ],
}
