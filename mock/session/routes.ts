import * as v from 'valibot'
import { LoginRequestSchema, PhoneSchema, SmsRequestSchema, issuesToFields, verifyRequestSchema, type AttentionItem } from '@/core/contract'
import { residentIdFacts } from '@/core/identity/documents'
import { API_PREFIX, parseJsonBody, route, type Ctx } from '../core/router'
import { HttpError, keepingWrites, validationFailed } from '../core/http'
import { freshDraw } from '../core/secrets'
import { documentKey } from '../core/state'
import { accountForLoginCode, requireAccount, toUser } from './accounts'

export const TOKEN_TTL_MS = 24 * 3600 * 1000
export const SMS_INTERVAL_MS = 60 * 1000
export const SMS_VALID_MS = 10 * 60 * 1000
export const SMS_MAX_WRONG = 5
export const SMS_LOCK_MS = 10 * 60 * 1000

/** The order of `/me/attention`: what cannot wait comes first. */
const ATTENTION_URGENCY: Record<AttentionItem['tone'], number> = { danger: 0, warning: 1, info: 2, success: 3 }

function rateLimited(message: string, retryAfterMs: number): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
  return new HttpError(429, 'RATE_LIMITED', message, undefined, { 'Retry-After': String(seconds) })
}

function lockedMessage(ms: number): string {
  return `验证码错误次数过多，请 ${Math.ceil(ms / 60000)} 分钟后再试`
}

/**
 * A session under 32 random bytes from the backend's random source: nothing about the seed, the
 * account or how many came before tells what the next one is. A repeat would hand over someone's
 * session, so the store refuses it (a unique key) and another is drawn.
 */
function openSession(ctx: Ctx, accountId: string, expiresAt: number): Promise<string> {
  return freshDraw(
    () => ctx.env.random.hex(32),
    (token) => ctx.stores.core.insertSession(token, { accountId, expiresAt, revoked: false }),
    8,
  )
}

/** A 6-digit SMS code from the random source (an account's code must not follow from another's). */
function newSmsCode(ctx: Ctx): string {
  return String(ctx.env.random.below(1_000_000)).padStart(6, '0')
}

export const coreRoutes = [
  route({
    method: 'POST',
    path: `${API_PREFIX}/auth/login`,
    // The header is never read here: a dead token is why one logs in.
    auth: 'ignore',
    body: LoginRequestSchema,
    async handle(ctx, { body }) {
      const account = await accountForLoginCode(ctx, body.code)
      const now = ctx.clock.now()
      const expiresAt = now + TOKEN_TTL_MS
      const token = await openSession(ctx, account.id, expiresAt)
      return {
        status: 200,
        body: { token, expiresAt: ctx.clock.iso(expiresAt), serverTime: ctx.clock.iso(now), user: toUser(account) },
      }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/me`,
    auth: 'required',
    handle(ctx) {
      return { status: 200, body: toUser(requireAccount(ctx)) }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/auth/logout`,
    auth: 'required',
    async handle(ctx) {
      // The session the token check found: logout takes the same check as every call.
      if (!ctx.session || ctx.token === undefined) throw new HttpError(401, 'UNAUTHENTICATED', '请先登录')
      await ctx.stores.core.revokeSession(ctx.token)
      return { status: 204 }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/identity/sms`,
    auth: 'required',
    body: SmsRequestSchema,
    async handle(ctx, { body }) {
      const account = requireAccount(ctx)
      const store = ctx.stores.core
      const now = ctx.clock.now()
      const guard = await store.phoneGuard(body.phone)
      if (guard && guard.lockedUntil > now) throw rateLimited(lockedMessage(guard.lockedUntil - now), guard.lockedUntil - now)
      const last = await store.sms(body.phone)
      if (last && now - last.sentAt < SMS_INTERVAL_MS) {
        const wait = SMS_INTERVAL_MS - (now - last.sentAt)
        throw rateLimited(`验证码已发送，请 ${Math.ceil(wait / 1000)} 秒后再获取`, wait)
      }
      const code = newSmsCode(ctx)
      await store.saveSms(body.phone, { accountId: account.id, code, sentAt: now, expiresAt: now + SMS_VALID_MS, used: false })
      // Only the mock shows the code (docs/API.md); a server leaves it in core_sms, the outbox an SMS gateway reads.
      const devCode = ctx.env.devCodes ? { devCode: code } : {}
      return { status: 200, body: { sent: true, retryAfterSec: SMS_INTERVAL_MS / 1000, ...devCode } }
    },
  }),

  route({
    method: 'POST',
    path: `${API_PREFIX}/identity/verify`,
    auth: 'required',
    async handle(ctx) {
      const account = requireAccount(ctx)
      const store = ctx.stores.core
      const now = ctx.clock.now()
      const raw = parseJsonBody(ctx.req) as Record<string, unknown>
      // The lock is per phone: look at it before anything else about the request.
      const phone = v.safeParse(PhoneSchema, raw.phone)
      if (phone.success) {
        const guard = await store.phoneGuard(phone.output)
        if (guard && guard.lockedUntil > now) throw rateLimited(lockedMessage(guard.lockedUntil - now), guard.lockedUntil - now)
      }
      const parsed = v.safeParse(verifyRequestSchema(ctx.clock.today()), raw)
      if (!parsed.success) throw validationFailed(issuesToFields(parsed.issues))
      const body = parsed.output
      if (account.verified) throw new HttpError(409, 'ALREADY_VERIFIED', '你的账号已完成实名认证')

      const sms = await store.sms(body.phone)
      const codeOk = sms && !sms.used && sms.accountId === account.id && sms.expiresAt > now && sms.code === body.smsCode
      if (!codeOk) {
        // Kept although the request is refused: the count is what stops guessing.
        const guard = (await store.phoneGuard(body.phone)) ?? { wrong: 0, lockedUntil: 0 }
        guard.wrong += 1
        if (guard.wrong >= SMS_MAX_WRONG) {
          guard.wrong = 0
          guard.lockedUntil = now + SMS_LOCK_MS
        }
        await store.savePhoneGuard(body.phone, guard)
        const expired = sms && sms.code === body.smsCode && sms.expiresAt <= now
        throw keepingWrites(validationFailed({ smsCode: expired ? '验证码已过期，请重新获取' : '验证码不正确，请核对短信后重新输入' }))
      }

      const docKey = documentKey(body.docType, body.docNumber)
      // A unique binding, so two accounts verifying one document at once cannot both have it.
      if (!(await store.claimDocument(docKey, account.id))) {
        throw new HttpError(409, 'DOCUMENT_IN_USE', '该证件已用于另一个账号的实名认证，如有疑问请联系客服')
      }
      await store.saveSms(body.phone, { ...sms, used: true })
      await store.savePhoneGuard(body.phone, undefined)
      account.identity = {
        name: body.name,
        docType: body.docType,
        docNumber: body.docNumber,
        phone: body.phone,
        ...(body.docType === 'resident_id' ? residentIdFacts(body.docNumber) : {}),
      }
      account.verified = true
      await store.saveAccount(account)
      return { status: 200, body: toUser(account) }
    },
  }),

  route({
    method: 'GET',
    path: `${API_PREFIX}/me/attention`,
    auth: 'required',
    async handle(ctx) {
      const account = requireAccount(ctx)
      const items: AttentionItem[] = []
      if (!account.verified) {
        items.push({
          id: 'identity:verify',
          service: 'identity',
          title: '完成实名认证',
          detail: '预约口罩、返沪登记、投递简历前，需要先核验一次身份',
          path: '/pages/verify/index',
          tone: 'warning',
        })
      }
      items.push(...(await ctx.env.attentionFor(ctx, account)))
      // Most urgent first; within a tone, the order the services gave (a stable sort keeps it).
      items.sort((a, b) => ATTENTION_URGENCY[a.tone] - ATTENTION_URGENCY[b.tone])
      return { status: 200, body: { items } }
    },
  }),
]
