import { hasHiddenCharacter, textCharacterError } from '@/core/contract/characters'

/**
 * U+200D is taken only inside an emoji sequence: a pictograph (or VS16, or a skin tone) before
 * it and a pictograph after it. The pictograph blocks are U+1F000–1FAFF, U+2300–23FF,
 * U+2600–27BF and U+2B00–2BFF; each edge is tried just inside and just outside.
 */
const ZWJ = '\u200d'
const ch = (cp: number) => String.fromCodePoint(cp)
const joined = (before: number, after: number) => `${ch(before)}${ZWJ}${ch(after)}`
const HEART = 0x2764

const BLOCKS: [number, number][] = [
  [0x1f000, 0x1faff],
  [0x2300, 0x23ff],
  [0x2600, 0x27bf],
  [0x2b00, 0x2bff],
]

describe('a zero-width joiner between two characters', () => {
  it.each(BLOCKS.flatMap(([lo, hi]) => [lo, hi]))('is taken between U+%s and a pictograph, both ways round', (cp) => {
    expect(hasHiddenCharacter(joined(cp, HEART))).toBe(false)
    expect(hasHiddenCharacter(joined(HEART, cp))).toBe(false)
  })

  it.each(BLOCKS.flatMap(([lo, hi]) => [lo - 1, hi + 1]))('is refused after U+%s, just outside a block', (cp) => {
    expect(hasHiddenCharacter(joined(cp, HEART))).toBe(true)
    expect(hasHiddenCharacter(joined(HEART, cp))).toBe(true)
  })

  it('is taken after VS16 and after each skin tone, U+1F3FB–1F3FF, but not after a letter', () => {
    expect(hasHiddenCharacter(`${ch(HEART)}\ufe0f${ZWJ}${ch(0x1f525)}`)).toBe(false)
    for (const tone of [0x1f3fb, 0x1f3ff]) expect(hasHiddenCharacter(`${ch(0x1f469)}${ch(tone)}${ZWJ}${ch(0x1f4bb)}`)).toBe(false)
    expect(hasHiddenCharacter(`a${ZWJ}${ch(HEART)}`)).toBe(true)
    expect(hasHiddenCharacter(`\ufe0e${ZWJ}${ch(HEART)}`)).toBe(true)
  })

  it('is refused at the very start or end, and after a letter before an emoji', () => {
    expect(hasHiddenCharacter(`${ZWJ}${ch(HEART)}`)).toBe(true)
    expect(hasHiddenCharacter(`${ch(HEART)}${ZWJ}`)).toBe(true)
    expect(hasHiddenCharacter(`云南${ZWJ}中路`)).toBe(true)
    expect(hasHiddenCharacter(`${ch(HEART)}${ZWJ}${ch(HEART)}${ZWJ}中`)).toBe(true)
  })

  it('leaves text without a joiner to the other rules', () => {
    expect(hasHiddenCharacter('云南中路 ❤')).toBe(false)
    expect(textCharacterError('地址', `云南${ZWJ}中路`)).toBe('地址含有看不见的特殊字符（常见于复制粘贴的文字），请重新输入')
    expect(textCharacterError('地址', '云南\u0007中路')).toBe('地址含有无法识别的字符')
    expect(textCharacterError('地址', '云南中路')).toBeNull()
  })
})
