// `npm run bench` step 3: the setData figures of the weapp build's first render of every page.
// Same layer as jest.weapp.config.js (the real weapp output in miniprogram-simulate), but only
// the bench file, which no test config picks up.
const weapp = require('../jest.weapp.config.js')

module.exports = {
  ...weapp,
  rootDir: '..',
  displayName: 'bench-setdata',
  testMatch: ['<rootDir>/bench/setdata.bench.ts'],
}
