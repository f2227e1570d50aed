import { render, type RenderResult } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import React, { type ReactElement } from 'react'
import ReactDOM from 'react-dom'
import { createH5NativeComponentConfig } from '@tarojs/plugin-framework-react/dist/runtime'
import { api } from '@/core/api'
import { TransportFailure, type Transport } from '@/core/api/transport'
import { login, resetSessionForTests } from '@/core/session/session'
import type { Backend } from '@/mock/backend'
import { testBackend, verifiedCitizen } from './backend'
import { backendTransport } from '@/mock/embedded/backendTransport'

// Taro's hooks find React through the app it created: give them one, as the build does.
createH5NativeComponentConfig(() => null, React, ReactDOM)

/** Bumped by `freshApp`: the transports made before belong to an app that is gone. */
let appGeneration = 0

/** The API client talking to a backend in this process, as the embedded build does. */
export function inProcessTransport(backend: Backend, spy?: (req: Parameters<Transport>[0]) => void): Transport {
  const answer = backendTransport(backend)
  const generation = appGeneration
  return (req) => {
    // A call an earlier test left running (a retry, a reload behind a refusal) stays in that test's
    // world: it fails as a dropped request instead of reaching this test's backend and session.
    if (generation !== appGeneration) return Promise.reject(new TransportFailure('request:fail', false))
    spy?.(req)
    return answer(req)
  }
}

/** A fresh app state (no storage, no session) over `backend`, and fast retries. */
export function freshApp(backend: Backend = testBackend()): Backend {
  appGeneration += 1
  localStorage.clear()
  resetSessionForTests()
  api.setTransport(inProcessTransport(backend))
  ;(api as unknown as { config: { backoffMs: number } }).config.backoffMs = 1
  return backend
}

/** Renders a page as Taro would route to it, with `params` in its router. */
export function renderPage(page: ReactElement, opts: { path?: string; params?: Record<string, string> } = {}): RenderResult {
  const path = opts.path ?? '/pages/home/index'
  Current.router = {
    path,
    params: opts.params ?? {},
    onReady: '',
    onHide: '',
    onShow: '',
    shareTimelineUpdateData: undefined,
  } as unknown as typeof Current.router
  return render(page)
}

/**
 * A verified person, logged in on this device (after `freshApp`: it resets the session); returns
 * a fresh token for direct calls.
 */
export async function asVerified(backend: Backend, code: string, name = '王小明'): Promise<ReturnType<typeof verifiedCitizen>> {
  const person = await verifiedCitizen(backend, code, { name })
  await login(code)
  return person
}
