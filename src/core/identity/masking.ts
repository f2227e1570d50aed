/**
 * Masking rules of API.md: ID numbers keep their first 3 and last 4 characters, phones their
 * first 3 and last 4 digits, names their surname (two characters for compound surnames).
 */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '夏侯',
  '轩辕',
  '令狐',
  '宇文',
  '司徒',
  '端木',
  '南宫',
  '西门',
  '独孤',
  '呼延',
  '澹台',
  '公冶',
  '申屠',
  '太史',
])

export function maskDocNumber(n: string): string {
  if (n.length <= 7) return `${n.slice(0, 1)}${'*'.repeat(Math.max(n.length - 1, 0))}`
  return `${n.slice(0, 3)}${'*'.repeat(n.length - 7)}${n.slice(-4)}`
}

export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length)
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`
}

export function maskName(name: string): string {
  const chars = Array.from(name)
  if (chars.length === 0) return ''
  if (/^[A-Za-z]/.test(name)) return `${chars[0]}***`
  const keep = chars.length >= 3 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1
  return chars.slice(0, keep).join('') + '*'.repeat(Math.max(chars.length - keep, 1))
}
