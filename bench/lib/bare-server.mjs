// The backend baseline: a bare Node `http` server that reads the request and answers one fixed JSON
// body (given as a file), with the same headers the mock server sends. No routing, no validation,
// no state: what loopback HTTP costs on this machine by itself.
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'

const [, , port, bodyFile] = process.argv
const body = readFileSync(bodyFile)
const headers = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Cache-Control': 'no-store',
  'Content-Type': 'application/json; charset=utf-8',
}

const server = createServer((req, res) => {
  req.on('data', () => {})
  req.on('end', () => {
    res.writeHead(200, headers)
    res.end(body)
  })
})
server.listen(Number(port), '127.0.0.1', () => console.log(`[bare] ready on ${port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
