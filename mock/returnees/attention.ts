import { observationDay, observationEndsOn, type AttentionItem } from '@/core/contract'
import type { Ctx } from '../core/router'
import type { Account } from '../core/state'
import { communitySummary, sameDocument } from './rules'
import { daysLeft, isOpen } from './state'
import { returneesStore } from './store'

const STATUS_PAGE = '/returnees/pages/status/index'
const CHECKIN_PAGE = '/returnees/pages/checkin/index'
const CONSOLE_PAGE = '/returnees/pages/console/index'

/** The home page's to-dos: a person's check-in and observation; a worker's people due today. */
export async function returneesAttention(ctx: Ctx, account: Account): Promise<AttentionItem[]> {
  const store = returneesStore(ctx)
  const today = ctx.clock.today()
  const items: AttentionItem[] = []
  if (account.verified && account.identity) {
    const open = (await store.declarationsOfDocument(account.identity.docType, account.identity.docNumber)).filter(
      (d) => isOpen(d) && sameDocument(account, d),
    )
    const checkedIn = await store.checkinsOn(
      open.map((d) => d.id),
      today,
    )
    for (const d of open) {
      const left = daysLeft(d, today)
      if (!checkedIn.has(d.id)) {
        items.push({
          id: `returnees:checkin:${d.id}`,
          service: 'returnees',
          title: '今日健康打卡',
          detail: `居家观察第 ${observationDay(left)} 天，请测量体温后打卡`,
          path: CHECKIN_PAGE,
          tone: 'warning',
        })
      }
      if (d.status === 'flagged') {
        items.push({
          id: `returnees:flagged:${d.id}`,
          service: 'returnees',
          title: '请留在家中，等待社区联系',
          detail: '你的登记需要重点关注，如有发热请戴口罩前往发热门诊，不要乘坐公共交通',
          path: STATUS_PAGE,
          tone: 'danger',
        })
      } else {
        items.push({
          id: `returnees:observing:${d.id}`,
          service: 'returnees',
          title: left === 0 ? '居家观察期已满' : '居家观察中',
          detail: left === 0 ? '社区工作人员核实后将为你解除居家观察' : `观察期至 ${observationEndsOn(d.arrivalDate)}，还有 ${left} 天`,
          path: STATUS_PAGE,
          tone: left === 0 ? 'success' : 'info',
        })
      }
    }
  }
  // The open declarations this account made for the members it still holds: their check-ins are its to-dos.
  if (account.verified) {
    for (const member of await ctx.env.familyMembersOf(ctx, account.id)) {
      const made = (await store.declarationsOfDocument(member.docType, member.docNumber)).filter(
        (d) => isOpen(d) && d.memberId === member.id && d.createdByAccount === account.id,
      )
      const checkedIn = await store.checkinsOn(
        made.map((d) => d.id),
        today,
      )
      for (const d of made) {
        if (checkedIn.has(d.id)) continue
        items.push({
          id: `returnees:checkin:${d.id}`,
          service: 'returnees',
          title: `为${member.name}健康打卡`,
          detail: `居家观察第 ${observationDay(daysLeft(d, today))} 天，请为家人测量体温后打卡`,
          path: `${CHECKIN_PAGE}?id=${encodeURIComponent(d.id)}`,
          tone: 'warning',
        })
      }
    }
  }
  if (account.role === 'worker' && account.communityId) {
    // The same count as the console's "今日未打卡" chip, so the to-do and the list it opens agree.
    const due = (await communitySummary(ctx, account.communityId, today)).dueToday
    if (due > 0) {
      items.push({
        id: 'returnees:due',
        service: 'returnees',
        title: `今日还有 ${due} 人未打卡`,
        detail: '请提醒他们测量体温，或上门代为打卡',
        path: `${CONSOLE_PAGE}?status=due_today`,
        tone: 'warning',
      })
    }
  }
  return items
}
