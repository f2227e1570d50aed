import type { User } from '@/core/contract'
import { residentIdFacts } from '@/core/identity/documents'
import { maskDocNumber, maskPhone } from '@/core/identity/masking'
import { HttpError } from '../core/http'
import { fakeName, fakePhone, fakeResidentId } from '../core/people'
import { rngFor } from '../core/random'
import { isCommunity } from '../core/regions'
import type { Ctx } from '../core/router'
import { documentKey, type Account } from '../core/state'

/** The contract's `user`: the owner sees their own name; document and phone stay masked. */
export function toUser(account: Account): User {
  const user: User = { id: account.id, verified: account.verified, role: account.role }
  if (account.communityId) user.communityId = account.communityId
  if (account.outletId) user.outletId = account.outletId
  if (account.identity) {
    const { name, docType, docNumber, phone, birthDate, gender } = account.identity
    user.identity = { name, docType, docNumberMasked: maskDocNumber(docNumber), phoneMasked: maskPhone(phone) }
    if (birthDate) user.identity.birthDate = birthDate
    if (gender) user.identity.gender = gender
  }
  return user
}

/** A worker or staff account arrives verified, with a made-up but valid identity. */
function seededIdentity(ctx: Ctx, code: string): NonNullable<Account['identity']> {
  const rng = rngFor(ctx.env.seed, `identity:${code}`)
  // 310230 (the former 崇明县) keeps seeded people apart from the IDs tests make up.
  const docNumber = fakeResidentId(rng, '310230')
  return { name: fakeName(rng), docType: 'resident_id', docNumber, phone: fakePhone(rng), ...residentIdFacts(docNumber) }
}

/** The account of a login code: made on its first login (two first logins at once make one). */
export async function accountForLoginCode(ctx: Ctx, code: string): Promise<Account> {
  const store = ctx.stores.core
  const known = await store.accountByLoginCode(code)
  if (known) return known

  // Anything not a worker's or a service's staff code is a citizen's login.
  const worker = /^worker:(\d{12})$/.exec(code)
  const profile: Partial<Account> =
    worker && isCommunity(worker[1]) ? { role: 'worker', communityId: worker[1] } : (ctx.env.resolveLoginCode(code, ctx) ?? {})

  const account: Account = {
    id: await store.nextId('u'),
    loginCode: code,
    role: profile.role ?? 'citizen',
    verified: false,
    createdAt: ctx.clock.now(),
  }
  if (profile.communityId) account.communityId = profile.communityId
  if (profile.outletId) account.outletId = profile.outletId
  if (account.role !== 'citizen') {
    account.identity = seededIdentity(ctx, code)
    account.verified = true
  }
  if (!(await store.insertAccount(account))) {
    // Another request made it in between (a database's unique login code): that one is the account.
    const made = await store.accountByLoginCode(code)
    if (!made) throw new Error('an account refused for its login code is not there')
    return made
  }
  if (account.identity) await store.claimDocument(documentKey('resident_id', account.identity.docNumber), account.id)
  return account
}

export function requireAccount(ctx: Ctx): Account {
  if (!ctx.account) throw new HttpError(401, 'UNAUTHENTICATED', '请先登录')
  return ctx.account
}

/** The caller, who must have passed real-name verification. */
export function requireVerified(ctx: Ctx): Account & { identity: NonNullable<Account['identity']> } {
  const account = requireAccount(ctx)
  if (!account.verified || !account.identity) {
    throw new HttpError(403, 'IDENTITY_REQUIRED', '请先完成实名认证')
  }
  return account as Account & { identity: NonNullable<Account['identity']> }
}

export function requireRole(ctx: Ctx, role: Account['role']): Account {
  const account = requireAccount(ctx)
  if (account.role !== role) throw new HttpError(403, 'FORBIDDEN', '你的账号没有这项权限')
  return account
}
