/**
 * Characters the contract's text fields refuse, shared by the schemas and the identity checks (a
 * name is checked by `nameError`, which the pages call too). No imports: both sides can use it.
 */

/** C0 controls but tab, line feed and carriage return; DEL; the C1 controls. */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/

/**
 * Format characters that draw nothing yet change how the text around them reads, refused so that
 * what is stored is what a worker or an employer sees:
 * - bidi controls: the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069 and the
 *   marks U+200E, U+200F, U+061C. An override makes `张三\u202E路中南云` show as `张三云南中路`
 *   in a worker's list, and a name or address read backwards in every list and report after it;
 * - zero-width characters: U+200B (space), U+200C (non-joiner), U+2060–U+2064 (word joiner,
 *   invisible operators), U+206A–U+206F (deprecated format controls) and U+FEFF inside the text
 *   (at either end it is trimmed like a space). Two texts that look the same then differ, so a
 *   search, a duplicate check or a person comparing two records is misled.
 */
const HIDDEN = /[\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/

const ZWJ = 0x200d

/** The blocks emoji are drawn from: enough to tell an emoji sequence from letters. */
function isPictograph(cp: number): boolean {
  return (
    (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2300 && cp <= 0x23ff) || (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0x2b00 && cp <= 0x2bff)
  )
}

/** What may stand before a joiner inside an emoji sequence: a pictograph, VS16, a skin tone. */
function joinsEmoji(cp: number): boolean {
  return isPictograph(cp) || cp === 0xfe0f || (cp >= 0x1f3fb && cp <= 0x1f3ff)
}

/**
 * U+200D (zero-width joiner) is how a phone keyboard writes 👨‍👩‍👧 or 👩🏽‍💻, so it is taken
 * between emoji; anywhere else (`云南\u200D中路`) it only hides, and is refused like the others.
 */
function hasStrayJoiner(s: string): boolean {
  if (!s.includes('\u200d')) return false
  const cps = Array.from(s, (c) => c.codePointAt(0) ?? 0)
  return cps.some((cp, i) => cp === ZWJ && !(i > 0 && joinsEmoji(cps[i - 1]) && i + 1 < cps.length && isPictograph(cps[i + 1])))
}

export function hasControlCharacter(s: string): boolean {
  return CONTROL.test(s)
}

export function hasHiddenCharacter(s: string): boolean {
  return HIDDEN.test(s) || hasStrayJoiner(s)
}

export const controlCharacterMessage = (label: string) => `${label}含有无法识别的字符`
export const hiddenCharacterMessage = (label: string) => `${label}含有看不见的特殊字符（常见于复制粘贴的文字），请重新输入`

/** Why `s` cannot be stored as the text of `label`, or null. */
export function textCharacterError(label: string, s: string): string | null {
  if (hasControlCharacter(s)) return controlCharacterMessage(label)
  if (hasHiddenCharacter(s)) return hiddenCharacterMessage(label)
  return null
}
