import { SHANGHAI_OFFSET_MS, toIsoShanghai } from '@/core/time/shanghai'

/** `14:03:27` of an instant in Shanghai: the pass's live clock, to the second. */
export function clockWithSeconds(ms: number): string {
  return toIsoShanghai(ms).slice(11, 19)
}

/** `12月4日 星期五` of an instant in Shanghai, under the live clock. */
export function dayWithWeekday(ms: number): string {
  const local = new Date(ms + SHANGHAI_OFFSET_MS)
  const weekday = '日一二三四五六'[local.getUTCDay()]
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 星期${weekday}`
}

/** Who checked, in the words of the holder's list: never their name, only their role and place. */
export const CHECKER_WORDS = { worker: '社区工作人员', staff: '口罩网点工作人员' } as const
