import * as v from 'valibot'
import { FAMILY_ACCOUNTS_PER_DOCUMENT, FAMILY_MEMBERS_PER_ACCOUNT, addMemberBodySchema, issuesToFields } from '@/core/contract'
import { conflict, validationFailed } from '../core/http'
import { parseJsonBody, type Ctx } from '../core/router'
import { documentKey } from '../core/state'
import { requireVerified } from '../session/accounts'
import { noSuchMember } from '../session/acting'
import { family } from './state'
import { isActive, memberDocKey, type StoredMember } from './store'

/** A new member, in the order docs/API.md tests: the document, not oneself, the name; then the 409s. */
export async function addMember(ctx: Ctx): Promise<StoredMember> {
  const owner = requireVerified(ctx)
  const parsed = v.safeParse(addMemberBodySchema(ctx.clock.today()), parseJsonBody(ctx.req))
  if (!parsed.success) throw validationFailed(issuesToFields(parsed.issues))
  const body = parsed.output
  const docKey = documentKey(body.docType, body.docNumber)
  if (docKey === documentKey(owner.identity.docType, owner.identity.docNumber)) {
    throw validationFailed({ docNumber: '这是你本人的证件，不能添加为家人' })
  }
  const holderId = await ctx.stores.core.documentHolder(docKey)
  const holder = holderId === undefined ? undefined : await ctx.stores.core.account(holderId)
  if (holder?.identity && holder.identity.name !== body.name) {
    throw validationFailed({ name: '姓名与该证件的实名信息不一致，请核对' })
  }

  const store = family.store(ctx)
  await store.lockForAdd(owner.id, docKey)
  const made = await store.membersOfAccount(owner.id)
  const mine = made.filter((m) => memberDocKey(m) === docKey)
  if (mine.some(isActive)) throw conflict('ALREADY_MEMBER', '这位家人已经在你的家人列表里了')
  if (mine.some((m) => m.endedBy === 'member')) {
    throw conflict('BINDING_REFUSED', '对方已自行解除与你的家人关系，不能再次添加')
  }
  if (made.filter(isActive).length >= FAMILY_MEMBERS_PER_ACCOUNT) {
    throw conflict('TOO_MANY_MEMBERS', `每个账号最多添加 ${FAMILY_MEMBERS_PER_ACCOUNT} 位家人，请先移除一位`)
  }
  const held = (await store.membershipsOfDocument(docKey)).filter(isActive)
  if (held.length >= FAMILY_ACCOUNTS_PER_DOCUMENT) {
    throw conflict('MEMBER_LIMIT', `这位家人已被 ${FAMILY_ACCOUNTS_PER_DOCUMENT} 个账号添加，不能再添加`)
  }
  const member: StoredMember = {
    id: await ctx.stores.core.nextId('fm'),
    ownerId: owner.id,
    name: body.name,
    docType: body.docType,
    docNumber: body.docNumber,
    relation: body.relation,
    createdAt: ctx.clock.now(),
  }
  await store.insertMember(member)
  return member
}

/** The caller's members still held, oldest first. */
export async function membersOf(ctx: Ctx): Promise<StoredMember[]> {
  const owner = requireVerified(ctx)
  return (await family.store(ctx).membersOfAccount(owner.id)).filter(isActive)
}

/** The owner removes a member: what was made for them stays, acting for them ends. */
export async function removeMember(ctx: Ctx, id: string): Promise<void> {
  const owner = requireVerified(ctx)
  const store = family.store(ctx)
  const member = await store.member(id)
  if (!member || member.ownerId !== owner.id || !isActive(member)) throw noSuchMember()
  await store.saveMember({ ...member, endedAt: ctx.clock.now(), endedBy: 'owner' })
}

/** The accounts that hold the caller's own document, oldest first. */
export async function bindingsOf(ctx: Ctx): Promise<StoredMember[]> {
  const me = requireVerified(ctx)
  const docKey = documentKey(me.identity.docType, me.identity.docNumber)
  return (await family.store(ctx).membershipsOfDocument(docKey)).filter(isActive)
}

/** The member leaves an account that holds them; that account may not add them again. */
export async function leaveBinding(ctx: Ctx, id: string): Promise<void> {
  const me = requireVerified(ctx)
  const store = family.store(ctx)
  const member = await store.member(id)
  const mine = member && memberDocKey(member) === documentKey(me.identity.docType, me.identity.docNumber)
  if (!member || !mine || !isActive(member)) throw noSuchMember()
  await store.saveMember({ ...member, endedAt: ctx.clock.now(), endedBy: 'member' })
}

/** How a lookup by name finds a document added as a family member and never verified. */
export async function namesAddedAs(ctx: Ctx, docKey: string): Promise<string[]> {
  return (await family.store(ctx).membershipsOfDocument(docKey)).map((m) => m.name)
}
