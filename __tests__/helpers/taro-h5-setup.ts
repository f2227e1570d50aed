// Pages run over Taro's real H5 runtime: storage is localStorage, request is fetch.
process.env.TARO_ENV = 'h5'
