/** What `npm run server` (./production.ts) reads from its environment. */
export interface ServerSettings {
  url: string
  secret: string
  port: number
  host: string
  poolSize: number
}

/** The settings, or the reasons they are refused (every one at once, so one restart fixes them all). */
export function serverSettings(env: NodeJS.ProcessEnv): ServerSettings | string[] {
  const problems: string[] = []
  const url = env.DATABASE_URL ?? ''
  if (!url) problems.push('DATABASE_URL is not set (postgres://… or pglite:<folder>)')
  const secret = env.SERVER_SECRET ?? ''
  if (secret.length < 32) problems.push('SERVER_SECRET must be set, 32 characters or more (e.g. `openssl rand -hex 32`)')
  const port = Number(env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('PORT must be a port number')
  const poolSize = Number(env.DATABASE_POOL_SIZE ?? 10)
  if (!Number.isInteger(poolSize) || poolSize < 1) problems.push('DATABASE_POOL_SIZE must be a whole number of connections')
  if (problems.length > 0) return problems
  return { url, secret, port, host: env.HOST || '127.0.0.1', poolSize }
}
