import { residentIdCheckChar } from '@/core/identity/documents'
import { intBetween, pick } from './random'

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '高',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '欧阳',
  '诸葛',
]
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '华',
  '慧',
  '建国',
  '桂英',
  '志强',
  '海燕',
  '晓东',
  '雪梅',
  '国庆',
  '玉兰',
  '子涵',
  '浩然',
]

export function fakeName(rng: () => number): string {
  return pick(rng, SURNAMES) + pick(rng, GIVEN)
}

/** A valid 18-digit resident ID number for the region, birth date and a sequence. */
export function residentId(region: string, birthDate: string, seq: number): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(seq % 1000).padStart(3, '0')}`
  return first17 + residentIdCheckChar(first17)
}

export function fakeResidentId(rng: () => number, region: string): string {
  const year = intBetween(rng, 1945, 2000)
  const month = String(intBetween(rng, 1, 12)).padStart(2, '0')
  const day = String(intBetween(rng, 1, 28)).padStart(2, '0')
  return residentId(region, `${year}-${month}-${day}`, intBetween(rng, 0, 999))
}

export function fakePhone(rng: () => number): string {
  return `1${pick(rng, ['3', '5', '7', '8', '9'])}${String(intBetween(rng, 0, 999999999)).padStart(9, '0')}`
}
