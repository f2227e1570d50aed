/**
 * What the community list's search may send. `q` travels in the query string, which servers and
 * proxies write to their logs, and it matches only what the worker already sees (the masked name,
 * the visible ends of the document and phone, the address, the origin, the transport number): a
 * full document or mobile number can find no one, it could only leak. So it is refused here,
 * before anything is sent.
 */

export const FULL_NUMBER_REFUSAL = '请只输入证件号或手机号的后四位'

/** Under the box, in plain words: what a search can find. */
export const SEARCH_HINT = '只能搜打码后看得到的内容：姓氏、证件号或手机号的后四位、地址、出发地、车次或航班号'

export const SEARCH_PLACEHOLDER = '姓氏、证件号或手机号后四位、地址、车次'

/** Full-width digits and letters (what a Chinese keyboard may type) as ASCII. */
function halfWidth(text: string): string {
  return text.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

/**
 * Whether `text` holds a whole document or phone number. Spaces, hyphens and dots inside numbers
 * are dropped first ("138 0013 8000", "+86-138…"). A run of letters and digits is refused when it
 * has 8 digits or more (a mobile, a landline, a resident ID of 15 or 18, the permits of 8 or 10
 * digits, most passports: no visible end is longer than 4, no train or flight number has more
 * than 4 digits), when it is 15 characters or more with a digit in it (the documents with
 * letters), or when it is a passport's one or two letters and 7 digits or more.
 */
export function holdsFullNumber(text: string): boolean {
  const compact = halfWidth(text)
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015.·_]/g, '')
  const runs = compact.match(/[0-9A-Z]+/g) ?? []
  return runs.some((run) => {
    const digits = run.replace(/\D/g, '').length
    return digits >= 8 || (run.length >= 15 && digits > 0) || /^[A-Z]{1,2}\d{7,}$/.test(run)
  })
}
