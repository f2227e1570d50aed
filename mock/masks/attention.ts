import { LIVE_STATES, type AttentionItem } from '@/core/contract'
import { shanghaiDateTime } from '@/core/time/shanghai'
import type { Ctx } from '../core/router'
import type { Account } from '../core/state'
import { reservationsOf, settle } from './rules'
import { roundState } from './state'
import { heldRound, masksStore } from './store'

const MINE_PAGE = '/masks/pages/mine/index'
const ROUND_PAGE = '/masks/pages/round/index'

/** The home page's masks items: masks to pick up, a lottery entered or drawn, a round to join. */
export async function masksAttention(ctx: Ctx, account: Account): Promise<AttentionItem[]> {
  await settle(ctx)
  const store = masksStore(ctx)
  const roundOf = (id: string) => heldRound(store, id)
  const now = ctx.clock.now()
  const items: AttentionItem[] = []
  const mine = await reservationsOf(ctx, account)
  const waiting = mine.filter((r) => r.state === 'reserved')
  if (waiting.length) {
    const total = waiting.reduce((n, r) => n + r.quantity, 0)
    const first = await roundOf(waiting[0].roundId)
    items.push({
      id: 'masks:pickup',
      service: 'masks',
      title: `你有 ${total} 个口罩待领取`,
      detail: `取件码在「我的预约」，${shanghaiDateTime(first.pickupFrom)} 至 ${shanghaiDateTime(first.pickupUntil)} 到预约网点领取`,
      path: MINE_PAGE,
      tone: 'warning',
    })
  }
  for (const r of mine) {
    const round = await roundOf(r.roundId)
    if (r.state === 'entered') {
      items.push({
        id: `masks:entered:${r.id}`,
        service: 'masks',
        title: r.memberId === undefined ? '已参加口罩抽签' : '已为家人参加口罩抽签',
        detail: `${shanghaiDateTime(round.drawAt ?? round.closesAt)} 公布抽签结果`,
        path: MINE_PAGE,
        tone: 'info',
      })
    } else if (r.state === 'lost' && now < round.pickupUntil) {
      items.push({
        id: `masks:drawn:${r.id}`,
        service: 'masks',
        title: '抽签结果已公布',
        detail: '这一轮没有抽中，请留意下一轮预约',
        path: MINE_PAGE,
        tone: 'info',
      })
    }
  }
  const current = await roundOf(await store.currentRoundId())
  const phase = roundState(current, now)
  // The person's own place: one held for a family member leaves theirs still to take.
  const inCurrent = mine.some((r) => r.memberId === undefined && r.roundId === current.id && LIVE_STATES.includes(r.state))
  if (account.role === 'citizen' && !inCurrent && (phase === 'open' || phase === 'upcoming')) {
    items.push({
      id: `masks:round:${current.id}`,
      service: 'masks',
      title: phase === 'open' ? '口罩预约进行中' : '口罩预约即将开始',
      detail:
        phase === 'open'
          ? `${shanghaiDateTime(current.closesAt)} 截止，每人限 ${current.perPersonLimit} 个`
          : `${shanghaiDateTime(current.opensAt)} 开放，每人限 ${current.perPersonLimit} 个`,
      path: ROUND_PAGE,
      tone: 'info',
    })
  }
  return items
}
