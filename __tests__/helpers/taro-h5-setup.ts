// Pages run over Taro's real H5 runtime: storage is localStorage, request is fetch.
process.env.TARO_ENV = 'h5'
// What the H5 build defines: the virtual list's anti-jitter filter for mini programs stays off.
process.env.TARO_PLATFORM = 'web'

// jsdom never runs the Stencil renderer, so Taro's <taro-textarea-core> has no inner <textarea>
// and its value watcher throws on every change. That noise only is dropped: every other error
// still reaches the output, and a test's own spy on console.error still sees everything else.
const consoleError = console.error
console.error = (...args: unknown[]) => {
  if (args[0] instanceof TypeError && String(args[0].stack).includes('taro-textarea-core')) return
  consoleError(...args)
}
