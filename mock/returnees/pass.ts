import { FLAG_REASON_LABELS, observationEndsOn, type DocType } from '@/core/contract'
import type { Account } from '../core/state'
import type { PassStanding } from '../core/module'
import { regionByCode } from '../core/regions'
import type { Ctx } from '../core/router'
import { daysLeft, isOpen } from './state'
import { returneesStore } from './store'

function monthDay(date: string): string {
  const [, month, day] = date.split('-')
  return `${Number(month)}月${Number(day)}日`
}

/**
 * A document's colour from its open declaration, whoever declared it: red while it is flagged,
 * yellow while it is open otherwise, nothing to say (green) once it is released or when there is none.
 */
export async function returneesPassStanding(ctx: Ctx, docType: DocType, docNumber: string): Promise<PassStanding | null> {
  const open = (await returneesStore(ctx).declarationsOfDocument(docType, docNumber)).filter(isOpen)
  if (open.length === 0) return null
  const flagged = open.find((d) => d.status === 'flagged')
  if (flagged) {
    return { color: 'red', reasons: flagged.flagReasons.map((code) => ({ code, text: FLAG_REASON_LABELS[code] })) }
  }
  const d = open[0]!
  if (daysLeft(d, ctx.clock.today()) > 0) {
    return { color: 'yellow', reasons: [{ code: 'observing', text: `居家观察至 ${monthDay(observationEndsOn(d.arrivalDate))}` }] }
  }
  return { color: 'yellow', reasons: [{ code: 'awaiting_release', text: '观察期已满，待社区解除' }] }
}

/** The names declarations give a document's holder: a worker may have registered someone who has no phone. */
export async function returneesNamesOfDocument(ctx: Ctx, docType: DocType, docNumber: string): Promise<string[]> {
  return (await returneesStore(ctx).declarationsOfDocument(docType, docNumber)).map((d) => d.subject.name)
}

/** A community worker checks passes at their community. */
export function workerPlace(_ctx: Ctx, account: Account): string | null {
  if (account.role !== 'worker' || !account.communityId) return null
  return regionByCode(account.communityId)?.name ?? null
}
