import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { api } from '@/core/api'
import { loadSession } from '@/core/session/session'
import './app.scss'

// Embedded builds carry the mock backend inside the app (a phone cannot reach a laptop's
// localhost). The constant is false in every other build, so webpack drops this branch and the
// mock with it.
if (EMBEDDED_MOCK) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a require inside the constant's branch is what lets webpack drop the mock from other builds
  const { createEmbeddedTransport } = require('../mock/embedded/transport') as typeof import('../mock/embedded/transport')
  api.setTransport(createEmbeddedTransport())
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    loadSession()
  })
  return children
}

export default App
