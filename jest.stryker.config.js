// Jest for Stryker: one project of jest.config.js, by default `mock` (node environment, the same
// moduleNameMapper, babel-jest and globals). The pages (jsdom) would multiply the time of every
// mutant, so only the api client's group, which nothing else drives, runs them.
//
// STRYKER_TESTS narrows the tests to folders or files under __tests__ (comma-separated), e.g.
// `STRYKER_TESTS=core,mock/masks/control.test.ts`. scripts/mutation.mjs sets it per group: the
// identity rules, for one, are imported by every mock handler, so without it each identity mutant
// would rerun the whole mock suite (~1,000 tests) instead of the unit tests written for it.
const base = require('./jest.config.js')

// STRYKER_PROJECT picks another project of jest.config.js: the api client is driven only by the
// page tests (jsdom), so its group runs the `pages` project.
const projectName = process.env.STRYKER_PROJECT || 'mock'
const chosen = base.projects.find((p) => p.displayName === projectName)
if (!chosen) throw new Error(`jest.config.js has no \`${projectName}\` project`)

const { displayName: _displayName, ...project } = chosen

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
          /\.tsx?$/.test(entry) ? `<rootDir>/__tests__/${entry}` : `<rootDir>/__tests__/${entry}/**/*.test.{ts,tsx}`,
        ),
      }
    : {}),
}
