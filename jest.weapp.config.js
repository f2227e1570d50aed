// The weapp layer: the real weapp build output (dist/weapp-test) driven in miniprogram-simulate.
module.exports = {
  displayName: 'weapp',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/__tests__/weapp/**/*.test.ts'],
  moduleNameMapper: {
    '^@/core/(.*)$': '<rootDir>/src/core/$1',
    '^@/mock/(.*)$': '<rootDir>/mock/$1',
    // Tests reach pages and services by alias too; keep it last.
    '^@/(.*)$': '<rootDir>/src/$1',
  },
  transform: { '^.+\\.[tj]sx?$': 'babel-jest' },
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
  globals: { API_BASE: 'http://127.0.0.1:9527/api/v1', EMBEDDED_MOCK: false, LOGIN_WITH_WECHAT: false, DEMO_ACCOUNTS: true },
}
