// Jest for Stryker: the `mock` project of jest.config.js alone (node environment, the same
// moduleNameMapper, babel-jest and globals). The pages (jsdom) and weapp layers stay out: the
// mutated code (mock/, src/core/{identity,contract,api}) is covered by the node tests, and the
// jsdom ones would multiply the time of every mutant.
//
// STRYKER_TESTS narrows the tests to folders or files under __tests__ (comma-separated), e.g.
// `STRYKER_TESTS=core,mock/masks/control.test.ts`. scripts/mutation.mjs sets it per group: the
// identity rules, for one, are imported by every mock handler, so without it each identity mutant
// would rerun the whole mock suite (~1,000 tests) instead of the unit tests written for it.
const base = require('./jest.config.js')

const mock = base.projects.find((p) => p.displayName === 'mock')
if (!mock) throw new Error('jest.config.js has no `mock` project')

const { displayName: _displayName, ...project } = mock

const only = (process.env.STRYKER_TESTS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)

module.exports = {
  ...project,
  rootDir: __dirname,
  ...(only.length
    ? {
        testMatch: only.map((entry) =>
          entry.endsWith('.ts') ? `<rootDir>/__tests__/${entry}` : `<rootDir>/__tests__/${entry}/**/*.test.ts`,
        ),
      }
    : {}),
}
