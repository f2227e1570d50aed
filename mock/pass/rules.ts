import * as v from 'valibot'
import {
  PASS_LOOKUPS_PER_WINDOW,
  PASS_LOOKUP_WINDOW_MS,
  PASS_TOKEN_TTL_MS,
  PassVerifyBodySchema,
  issuesToFields,
  passLookupBodySchema,
  type DocType,
  type Pass,
  type PassCheck,
  type PassCheckRecord,
} from '@/core/contract'
import { maskDocNumber, maskName } from '@/core/identity/masking'
import { toIsoShanghai } from '@/core/time/shanghai'
import { HttpError, conflict, forbidden, keepingWrites, notFound, validationFailed } from '../core/http'
import { keyThenId, paginate, type PageRequest } from '../core/paging'
import { parseJsonBody, type Ctx } from '../core/router'
import { documentKey, type Account } from '../core/state'
import type { ListPage } from '@/core/contract/common'
import { requireAccount, requireVerified } from '../session/accounts'
import { actingFor } from '../session/acting'
import { pass } from './state'
import { openPassToken, sealPassToken } from './token'

interface Document {
  docType: DocType
  docNumber: string
}

/** The colour of a document now, from every service's word on it (the worst wins). */
async function standing(ctx: Ctx, doc: Document): Promise<Pick<Pass, 'color' | 'reasons'>> {
  const [worst] = await ctx.env.passStandingsOf(ctx, doc.docType, doc.docNumber)
  return worst ? { color: worst.color, reasons: worst.reasons } : { color: 'green', reasons: [] }
}

/** The names a document's holder goes by: their verified account's, else those a declaration or a family account gives. */
async function holderNames(ctx: Ctx, doc: Document): Promise<string[]> {
  const key = documentKey(doc.docType, doc.docNumber)
  const accountId = await ctx.stores.core.documentHolder(key)
  const account = accountId === undefined ? undefined : await ctx.stores.core.account(accountId)
  if (account?.identity) return [account.identity.name]
  return ctx.env.namesOfDocument(ctx, doc.docType, doc.docNumber)
}

function documentOf(key: string): Document {
  const at = key.indexOf(':')
  return { docType: key.slice(0, at) as DocType, docNumber: key.slice(at + 1) }
}

/** The caller's own pass, or a family member's (代亮码), with a token good for a minute. */
export async function passOf(ctx: Ctx, memberId: string | undefined): Promise<Pass> {
  const subject = await actingFor(ctx, requireVerified(ctx), memberId)
  const doc = { docType: subject.docType, docNumber: subject.docNumber }
  const key = subject.docKey
  const passId = await pass.store(ctx).passIdOf(key, () => ctx.env.random.hex(16))
  const now = ctx.clock.now()
  const expiresAt = now + PASS_TOKEN_TTL_MS
  return {
    ...(await standing(ctx, doc)),
    holder: { nameMasked: maskName(subject.name), docNumberMasked: maskDocNumber(doc.docNumber) },
    token: sealPassToken(ctx.env.secret, passId, expiresAt, ctx.env.random.hex(12)),
    issuedAt: toIsoShanghai(now),
    expiresAt: toIsoShanghai(expiresAt),
  }
}

/** Workers and outlet staff check passes; a citizen may not, whatever they send. */
function requireChecker(ctx: Ctx): Account & { role: 'worker' | 'staff' } {
  const account = requireAccount(ctx)
  if (account.role !== 'worker' && account.role !== 'staff') throw forbidden('只有社区工作人员和网点工作人员可以查验通行码')
  return account as Account & { role: 'worker' | 'staff' }
}

function parseBody<S extends v.GenericSchema>(ctx: Ctx, schema: S): v.InferOutput<S> {
  const parsed = v.safeParse(schema, parseJsonBody(ctx.req))
  if (!parsed.success) throw validationFailed(issuesToFields(parsed.issues))
  return parsed.output
}

/** The check of a document now, recorded for its holder's list. */
async function check(ctx: Ctx, checker: Account & { role: 'worker' | 'staff' }, doc: Document, name: string): Promise<PassCheck> {
  const now = ctx.clock.now()
  await pass.store(ctx).insertCheck({
    docKey: documentKey(doc.docType, doc.docNumber),
    at: now,
    by: checker.role,
    place: ctx.env.placeOf(ctx, checker) ?? '',
  })
  return {
    ...(await standing(ctx, doc)),
    holder: { nameMasked: maskName(name), docNumberMasked: maskDocNumber(doc.docNumber) },
    checkedAt: toIsoShanghai(now),
  }
}

const notAPass = () => validationFailed({ token: '不是有效的通行码' }, '不是有效的通行码')

export async function verifyPass(ctx: Ctx): Promise<PassCheck> {
  const checker = requireChecker(ctx)
  const { token } = parseBody(ctx, PassVerifyBodySchema)
  const opened = openPassToken(ctx.env.secret, token)
  if (!opened) throw notAPass()
  const key = await pass.store(ctx).documentOfPass(opened.passId)
  if (key === undefined) throw notAPass()
  if (ctx.clock.now() >= opened.expiresAt) throw conflict('PASS_EXPIRED', '码已过期，请对方刷新后再扫')
  const doc = documentOf(key)
  return check(ctx, checker, doc, (await holderNames(ctx, doc))[0] ?? '')
}

export async function lookupPass(ctx: Ctx): Promise<PassCheck> {
  const checker = requireChecker(ctx)
  const body = parseBody(ctx, passLookupBodySchema(ctx.clock.today()))
  const now = ctx.clock.now()
  const store = pass.store(ctx)
  const made = await store.lookupsSince(checker.id, now - PASS_LOOKUP_WINDOW_MS)
  if (made.length >= PASS_LOOKUPS_PER_WINDOW) {
    const wait = Math.max(1, Math.ceil((made[0]! + PASS_LOOKUP_WINDOW_MS - now) / 1000))
    throw new HttpError(
      429,
      'RATE_LIMITED',
      `每小时最多查询 ${PASS_LOOKUPS_PER_WINDOW} 次，请 ${Math.ceil(wait / 60)} 分钟后再查，或请对方出示通行码`,
      undefined,
      { 'Retry-After': String(wait) },
    )
  }
  // Counted found or not: the limit is what stops someone trying names against a number.
  await store.recordLookup(checker.id, now)
  const doc = { docType: body.docType, docNumber: body.docNumber }
  if (!(await holderNames(ctx, doc)).includes(body.name)) {
    throw keepingWrites(notFound('没有找到与姓名和证件号码相符的人，请核对证件后重新输入'))
  }
  return check(ctx, checker, doc, body.name)
}

export async function checksOf(ctx: Ctx, query: PageRequest & { memberId?: string }): Promise<ListPage<PassCheckRecord>> {
  const subject = await actingFor(ctx, requireVerified(ctx), query.memberId)
  const checks = await pass.store(ctx).checksOf(subject.docKey)
  const page = paginate(ctx, checks, {
    list: 'pass-checks',
    filters: { memberId: subject.memberId },
    page: query,
    keyOf: (c) => c.at,
    idOf: (c) => c.id,
    compare: keyThenId('desc'),
  })
  return { ...page, items: page.items.map((c) => ({ at: toIsoShanghai(c.at), by: c.by, place: c.place })) }
}
