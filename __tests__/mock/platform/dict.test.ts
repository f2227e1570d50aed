import {
  dictDelete,
  dictEnsure,
  dictEntries,
  dictFromEntries,
  dictGet,
  dictHas,
  dictKeys,
  dictOf,
  dictSet,
  dictValues,
  type Dict,
} from '@/mock/core/dict'

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__']

/** Object.prototype as it stands, name by name, to check that nothing was written onto it. */
function prototypeNow(): [string, unknown][] {
  return Object.getOwnPropertyNames(Object.prototype).map((name) => [name, Object.getOwnPropertyDescriptor(Object.prototype, name)])
}
const pristine = prototypeNow()
afterEach(() => expect(prototypeNow()).toEqual(pristine))

describe('Dict: a store keyed by what a client sent', () => {
  it.each(PROTOTYPE_KEYS)('knows nothing of %s until it is set, and then it is an ordinary key', (key) => {
    const d = dictOf<number>()
    expect(dictGet(d, key)).toBeUndefined()
    expect(dictHas(d, key)).toBe(false)
    expect(dictKeys(d)).toEqual([])

    dictSet(d, key, 7)
    expect(dictGet(d, key)).toBe(7)
    expect(dictHas(d, key)).toBe(true)
    expect(dictKeys(d)).toEqual([key])
    expect(dictValues(d)).toEqual([7])
    expect(dictEntries(d)).toEqual([[key, 7]])
    // The prototype is untouched (and `afterEach` checks Object.prototype itself).
    expect(Object.getPrototypeOf(d)).toBe(Object.prototype)

    expect(dictDelete(d, key)).toBe(true)
    expect(dictHas(d, key)).toBe(false)
    expect(dictDelete(d, key)).toBe(false)
  })

  it('keeps an object value under __proto__ as a value, not as the prototype', () => {
    const d = dictOf<{ revoked: boolean }>()
    dictSet(d, '__proto__', { revoked: true })
    expect(dictGet(d, '__proto__')).toEqual({ revoked: true })
    expect(Object.getPrototypeOf(d)).toBe(Object.prototype)
    expect(({} as { revoked?: boolean }).revoked).toBeUndefined()
  })

  it('makes a value on first use with dictEnsure, and hands back the same one after', () => {
    const d = dictOf<string[]>()
    dictEnsure(d, 'constructor', () => []).push('a')
    dictEnsure(d, 'constructor', () => []).push('b')
    expect(dictGet(d, 'constructor')).toEqual(['a', 'b'])
  })

  it('serialises as the plain JSON object it is, and reads back the same, prototype keys included', () => {
    const d: Dict<Dict<number>> = dictFromEntries([
      ['__proto__', dictFromEntries([['constructor', 1]])],
      ['plain', dictFromEntries([['toString', 2]])],
    ])
    const text = JSON.stringify({ d })
    expect(text).toBe('{"d":{"__proto__":{"constructor":1},"plain":{"toString":2}}}')
    const back = (JSON.parse(text) as { d: Dict<Dict<number>> }).d
    expect(dictKeys(back)).toEqual(['__proto__', 'plain'])
    expect(dictGet(dictGet(back, '__proto__')!, 'constructor')).toBe(1)
    expect(dictGet(dictGet(back, 'plain')!, 'toString')).toBe(2)
    expect(dictGet(dictGet(back, 'plain')!, 'valueOf')).toBeUndefined()
  })
})
