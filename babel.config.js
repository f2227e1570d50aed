// Taro's preset for builds; a plain Node preset for jest, which runs TS/TSX directly.
module.exports = function (api) {
  if (api.env('test')) {
    return {
      presets: [
        ['@babel/preset-env', { targets: { node: 'current' } }],
        ['@babel/preset-react', { runtime: 'automatic' }],
        '@babel/preset-typescript',
      ],
    }
  }
  const isH5 = process.env.TARO_ENV === 'h5'
  return {
    presets: [
      [
        'taro',
        {
          framework: 'react',
          ts: true,
          compiler: 'webpack5',
          // The newest @babel/runtime has helpers @babel/runtime-corejs3 lacks (SETUP-NOTES).
          ...(isH5 ? { version: require('@babel/runtime-corejs3/package.json').version } : {}),
        },
      ],
    ],
  }
}
