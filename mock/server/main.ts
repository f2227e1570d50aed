/**
 * `npm run mock`: the mock backend over HTTP on 127.0.0.1:$MOCK_PORT (default 9527).
 * `--static DIR` also serves the H5 build from DIR (what `npm start` does on port 10086).
 * `MOCK_SECRET` pins tokens, SMS and pickup codes for a reproducible run; without it they come
 * from `crypto.getRandomValues`. Read here only: nothing the app bundles sees the environment.
 */
import { createBackend } from '../backend'
import { createMockHttpServer } from './http-server'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

const port = Number(arg('port') ?? process.env.MOCK_PORT ?? 9527)
const staticDir = arg('static')
const seed = Number(arg('seed') ?? 1)
const secret = process.env.MOCK_SECRET || undefined
const backend = createBackend({ seed, controls: true, secret })
const server = createMockHttpServer({ backend, staticDir })

server.listen(port, '127.0.0.1', () => {
  const what = staticDir ? `H5 app and mock API` : 'mock API'
  const pinned = secret ? ', MOCK_SECRET pinned' : ''
  console.log(`[mock] ${what} ready at http://127.0.0.1:${port}${staticDir ? '/' : '/api/v1'} (seed ${seed}${pinned})`)
})

function stop(): void {
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 500).unref()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
