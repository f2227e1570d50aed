import Taro from '@tarojs/taro'
import { LoginResponseSchema, UserSchema, type LoginResponse, type User } from '../contract/core'
import { api, ApiError } from '../api'
import { readJson, removeKey, removePersonalData, writeJson } from '../storage/storage'
import { parseIso } from '../time/shanghai'

export type SessionStatus = 'unknown' | 'signing-in' | 'signed-in' | 'signed-out'

export interface SessionState {
  status: SessionStatus
  user: User | null
}

interface StoredSession {
  token: string
  /** Local-clock expiry, derived from the server's lifetime so a wrong phone clock does no harm. */
  expiresAtLocal: number
  user: User
}

const SESSION_KEY = 'p:session'
/** Not personal: a flag that the person chose to log out, so no silent log-in happens. */
const SIGNED_OUT_KEY = 'app:signed-out'
const DEVICE_KEY = 'app:device-key'
/** Renew a minute early rather than send a token about to die. */
const EXPIRY_MARGIN_MS = 60_000

let token: string | null = null
let expiresAtLocal = 0
let state: SessionState = { status: 'unknown', user: null }
let loaded = false
let inflightLogin: Promise<string | null> | null = null
const listeners = new Set<() => void>()

function setState(next: SessionState): void {
  state = next
  for (const l of listeners) l()
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function getSessionState(): SessionState {
  return state
}

/** Reads the stored session once, at launch (or on first use). */
export function loadSession(): void {
  if (loaded) return
  loaded = true
  const stored = readJson<StoredSession>(SESSION_KEY)
  if (stored && stored.expiresAtLocal - EXPIRY_MARGIN_MS > Date.now()) {
    token = stored.token
    expiresAtLocal = stored.expiresAtLocal
    setState({ status: 'signed-in', user: stored.user })
  } else {
    if (stored) removeKey(SESSION_KEY)
    setState({ status: readJson<boolean>(SIGNED_OUT_KEY) ? 'signed-out' : 'unknown', user: null })
  }
}

function persist(user: User): void {
  if (token) writeJson(SESSION_KEY, { token, expiresAtLocal, user } satisfies StoredSession)
}

/**
 * The login code. Against the mock, a key kept on this device stands for the WeChat account
 * (the mock maps one code to one account, and `Taro.login` returns a fresh code every time);
 * a build for the real backend sets LOGIN_WITH_WECHAT and sends `Taro.login`'s code.
 */
async function obtainLoginCode(): Promise<string> {
  if (process.env.TARO_ENV === 'weapp' && LOGIN_WITH_WECHAT) {
    const { code } = await Taro.login()
    return code
  }
  let key = readJson<string>(DEVICE_KEY)
  if (!key) {
    key = `device:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
    writeJson(DEVICE_KEY, key)
  }
  return key
}

function adopt(res: LoginResponse): void {
  const lifetime = parseIso(res.expiresAt) - (res.serverTime ? parseIso(res.serverTime) : Date.now())
  token = res.token
  expiresAtLocal = Date.now() + Math.max(lifetime, 0)
  removeKey(SIGNED_OUT_KEY)
  persist(res.user)
  setState({ status: 'signed-in', user: res.user })
}

/**
 * Sends a log-in and takes its session. A silent one (nobody asked for it, a call needs a token)
 * keeps a session that appeared while it was on its way (the person logged in with an account, or
 * another renewal finished): a late silent answer must not swap the person for this device's own
 * account.
 */
async function signIn(code: string | undefined, silent: boolean): Promise<User> {
  setState({ status: 'signing-in', user: state.user })
  try {
    const res = await api.call({
      method: 'POST',
      path: '/auth/login',
      body: { code: code ?? (await obtainLoginCode()) },
      auth: 'none',
      schema: LoginResponseSchema,
    })
    if (silent && tokenValid()) setState({ status: 'signed-in', user: state.user })
    else adopt(res)
    return res.user
  } catch (e) {
    setState({ status: token ? 'signed-in' : 'unknown', user: state.user })
    throw e
  }
}

/** Logs in with `code` (a demo account) or this device's own code. */
export function login(code?: string): Promise<User> {
  return signIn(code, false)
}

function silentLogin(): Promise<string | null> {
  if (!inflightLogin) {
    inflightLogin = signIn(undefined, true)
      .then(() => token)
      .finally(() => {
        inflightLogin = null
      })
  }
  return inflightLogin
}

function tokenValid(): boolean {
  return Boolean(token) && expiresAtLocal - EXPIRY_MARGIN_MS > Date.now()
}

/** The token for a call: the stored one, or a silent log-in unless the person logged out. */
export async function getToken(): Promise<string | null> {
  loadSession()
  if (tokenValid()) return token
  if (state.status === 'signed-out') return null
  return silentLogin()
}

/** Makes sure someone is signed in (silently when possible) and returns the user. */
export async function ensureSession(): Promise<User | null> {
  const t = await getToken()
  return t ? state.user : null
}

export function setUser(user: User): void {
  setState({ status: 'signed-in', user })
  persist(user)
}

/** Reads the account back from the server (`GET /me`) and keeps it as the session's user. */
export async function refreshUser(): Promise<User> {
  const user = await api.call({ path: '/me', schema: UserSchema })
  setUser(user)
  return user
}

/** Logs out on the server (best effort) and removes every local trace of the person. */
export async function logout(): Promise<void> {
  const current = token
  token = null
  expiresAtLocal = 0
  if (current) {
    try {
      await api.call({ method: 'POST', path: '/auth/logout', bearer: current, timeoutMs: 5000 })
    } catch {
      // The token dies on the server within 24 h anyway; the local wipe is what matters here.
    }
  }
  removePersonalData()
  writeJson(SIGNED_OUT_KEY, true)
  setState({ status: 'signed-out', user: null })
}

api.setAuth({
  getToken,
  peekToken: () => (tokenValid() ? token : null),
  async renew(rejected) {
    if (token === rejected) {
      token = null
      expiresAtLocal = 0
      removeKey(SESSION_KEY)
    } else if (tokenValid()) {
      // Renewed already while this call was on its way: send it again with the new token.
      return token
    }
    if (state.status === 'signed-out') return null
    try {
      return await silentLogin()
    } catch (e) {
      if (e instanceof ApiError) return null
      throw e
    }
  },
})

/** For tests: forget everything held in memory, as a fresh launch would. */
export function resetSessionForTests(): void {
  token = null
  expiresAtLocal = 0
  loaded = false
  inflightLogin = null
  state = { status: 'unknown', user: null }
}
