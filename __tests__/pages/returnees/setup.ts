/**
 * The returnees pages' shared setup: who is signed in on this device. Each starts a fresh app
 * (`freshApp`) over `backend`, so call it before writing any draft the page should find.
 */
import { login } from '@/core/session/session'
import type { Backend } from '@/mock/backend'
import { freshApp } from '../../helpers/pages'
import { COMMUNITY, citizen } from '../../helpers/returnees'

/** A verified citizen with a fresh document, signed in on this device. */
export async function asCitizen(backend: Backend, name = '欧阳娜娜'): Promise<ReturnType<typeof citizen>> {
  const person = await citizen(backend, name)
  freshApp(backend)
  await login(person.code)
  return person
}

/** The community worker of `communityId`, signed in on this device. */
export async function asWorker(backend: Backend, communityId = COMMUNITY): Promise<void> {
  freshApp(backend)
  await login(`worker:${communityId}`)
}
