import type { DeclarationBody } from '@/core/contract'
import { addDays } from '@/core/time/shanghai'
import type { Backend } from '@/mock/backend'
import { call, login, newResidentId, verifiedCitizen } from './backend'

export const COMMUNITY = '310101002001'
export const OTHER_COMMUNITY = '310104003001'
/** A community with no seeded returnees: counts there start at zero. */
export const EMPTY_COMMUNITY = '310101002003'

/** Sets the mock clock to a Shanghai wall time, `2020-02-24T00:00:00`. */
export function setShanghai(backend: Backend, local: string): void {
  backend.clock.set(Date.parse(`${local}+08:00`))
}

export function today(backend: Backend): string {
  return backend.clock.today()
}

/** A valid declaration body (arrival today unless told), for `communityId`. */
export function declarationBody(backend: Backend, overrides: Partial<DeclarationBody> & { arrivalAgo?: number } = {}): DeclarationBody {
  return declarationBodyOn(today(backend), overrides)
}

/** The same body for a given Shanghai `today`, without a backend (the contract's own tests). */
export function declarationBodyOn(today: string, overrides: Partial<DeclarationBody> & { arrivalAgo?: number } = {}): DeclarationBody {
  const { arrivalAgo = 0, ...rest } = overrides
  const arrival = addDays(today, -arrivalAgo)
  return {
    originRegion: '330100',
    transport: { mode: 'train', number: 'G7501' },
    departureDate: arrival,
    arrivalDate: arrival,
    residence: { communityId: COMMUNITY, address: '云南中路 18 弄 3 号 201 室' },
    health: { temperature: 36.5, symptoms: [], contactWithCases: false },
    ...rest,
  }
}

export async function declare(backend: Backend, token: string, body: unknown, key?: string) {
  return await call(backend, 'POST', '/returnees/declarations', { token, body, headers: key ? { 'Idempotency-Key': key } : {} })
}

let citizenCounter = 0
/** A verified citizen with a fresh document and a distinctive full name. */
export async function citizen(backend: Backend, name = '欧阳娜娜') {
  citizenCounter += 1
  const code = `rt-citizen-${citizenCounter}`
  return { ...(await verifiedCitizen(backend, code, { name })), code }
}

/** A citizen with one declaration; returns its id too. */
export async function declaredCitizen(backend: Backend, overrides: Parameters<typeof declarationBody>[1] = {}, name?: string) {
  const person = await citizen(backend, name)
  const res = await declare(backend, person.token, declarationBody(backend, overrides))
  if (res.status !== 201) throw new Error(`declare failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { ...person, id: res.body.id as string, declaration: res.body }
}

/** Tokens live 24 h: a test that moves the clock by days logs in again. */
export async function relogin(backend: Backend, code: string): Promise<string> {
  return (await login(backend, code)).token
}

export async function worker(backend: Backend, communityId = COMMUNITY): Promise<string> {
  return (await login(backend, `worker:${communityId}`)).token
}

let docCounter = 0
/** A fresh resident ID that no seed person holds, nor `verifiedCitizen`'s (their sequences stay below 500). */
export function freshDoc(): string {
  docCounter += 1
  return newResidentId(500000 + docCounter)
}

export async function checkin(backend: Backend, token: string, id: string, temperature = 36.6, symptoms: string[] = [], key?: string) {
  return await call(backend, 'POST', `/returnees/declarations/${id}/checkins`, {
    token,
    body: { temperature, symptoms },
    headers: key ? { 'Idempotency-Key': key } : {},
  })
}
