/**
 * A store keyed by strings a client may send: ids, tokens, login and pickup codes. A plain object
 * read with `store[key]` answers `__proto__`, `constructor` or `toString` from Object.prototype,
 * and written with `store[key] = …` under `__proto__` it changes the prototype instead of
 * keeping a value. So every keyed store of the mock's state is a `Dict`, and these functions are
 * the only way in: they read own properties only and write with `Object.defineProperty`, which
 * keeps `__proto__` an ordinary own key.
 *
 * At run time a Dict is the plain object it always was, so the state stays plain JSON (the
 * embedded build persists it): `JSON.stringify` writes a `__proto__` key like any other, and
 * `JSON.parse` reads it back as an own property.
 */
declare const DICT: unique symbol

/** No index signature on purpose: `dict[key]` does not compile, so a read cannot skip `dictGet`. */
export interface Dict<T> {
  /** Type-only: never present at run time. */
  readonly [DICT]: T
}

// Not `Object.hasOwn`: it is ES2022, missing from the older JavaScript engines WeChat still runs on.
const hasOwn = Object.prototype.hasOwnProperty

/** The object underneath, for the functions below only. */
function own<T>(dict: Dict<T>): Record<string, T> {
  return dict as unknown as Record<string, T>
}

export function dictOf<T>(): Dict<T> {
  return {} as Dict<T>
}

export function dictFromEntries<T>(entries: Iterable<readonly [string, T]>): Dict<T> {
  const dict = dictOf<T>()
  for (const [key, value] of entries) dictSet(dict, key, value)
  return dict
}

export function dictHas<T>(dict: Dict<T>, key: string): boolean {
  return hasOwn.call(dict, key)
}

export function dictGet<T>(dict: Dict<T>, key: string): T | undefined {
  return hasOwn.call(dict, key) ? own(dict)[key] : undefined
}

export function dictSet<T>(dict: Dict<T>, key: string, value: T): T {
  Object.defineProperty(dict, key, { value, writable: true, enumerable: true, configurable: true })
  return value
}

/** The value under `key`, made with `make` and kept on first use. */
export function dictEnsure<T>(dict: Dict<T>, key: string, make: () => T): T {
  return hasOwn.call(dict, key) ? own(dict)[key] : dictSet(dict, key, make())
}

/** Forgets `key`; true when it was there. */
export function dictDelete<T>(dict: Dict<T>, key: string): boolean {
  if (!hasOwn.call(dict, key)) return false
  delete own(dict)[key]
  return true
}

export function dictKeys<T>(dict: Dict<T>): string[] {
  return Object.keys(dict)
}

export function dictValues<T>(dict: Dict<T>): T[] {
  const values = own(dict)
  return Object.keys(values).map((key) => values[key])
}

export function dictEntries<T>(dict: Dict<T>): [string, T][] {
  const values = own(dict)
  return Object.keys(values).map((key) => [key, values[key]])
}

export function dictSize<T>(dict: Dict<T>): number {
  return Object.keys(dict).length
}
