import { APPLICATION_STATUS_LABELS, type AttentionItem } from '@/core/contract'
import type { Ctx } from '../core/router'
import type { Account } from '../core/state'
import { decidedBy, newPostingsCount } from './rules'
import { jobsStore } from './store'

const MINE_SUBSCRIPTIONS_PAGE = '/jobs/pages/mine/index?tab=subscriptions'
const MINE_APPLICATIONS_PAGE = '/jobs/pages/mine/index?tab=applications'

/** The home page's jobs items: new postings for saved searches, interview invitations. */
export async function jobsAttention(ctx: Ctx, account: Account): Promise<AttentionItem[]> {
  const items: AttentionItem[] = []
  const store = jobsStore(ctx)
  let fresh = 0
  for (const sub of await store.subscriptionsOf(account.id)) fresh += await newPostingsCount(ctx, sub)
  if (fresh > 0) {
    items.push({
      id: 'jobs:new-postings',
      service: 'jobs',
      title: `你关注的搜索有 ${fresh} 个新岗位`,
      detail: '点开看看最近发布、符合你条件的岗位',
      path: MINE_SUBSCRIPTIONS_PAGE,
      tone: 'info',
    })
  }
  const interviews = await store.countApplications(account.id, { outcome: 'interview', until: decidedBy(ctx.clock.now()) })
  if (interviews > 0) {
    items.push({
      id: 'jobs:interviews',
      service: 'jobs',
      title: `${interviews} 个岗位${APPLICATION_STATUS_LABELS.interview}`,
      detail: '企业会打电话和你约面试时间，请留意来电',
      path: MINE_APPLICATIONS_PAGE,
      tone: 'success',
    })
  }
  return items
}
