/**
 * The longest value each text field of the contract takes (API.md, "Field limits"). The schemas
 * refuse one character more with a 400 that names the field, and the pages give their boxes the
 * same number as `maxLength`, so nothing is ever cut without a word: the box stops and says so,
 * and a request built by hand hears it from the server.
 *
 * Lengths count UTF-16 code units, as an input box's own `maxlength` and valibot's `maxLength` do:
 * every Chinese character of everyday use is one, a character outside the BMP (most emoji, rare
 * CJK extension characters) is two. One way of counting everywhere means the page's counter, the
 * box's stop and the server's answer never disagree.
 */
export const TEXT_LIMITS = {
  /** `POST /auth/login` `code`, trimmed: WeChat's codes are short; the rest is room for demo codes. */
  loginCode: 128,
  /** `name` after trimming and collapsing spaces: the Latin form (passport names run long). */
  name: 60,
  /** A `name` in Chinese characters: minority names with `·` stay well within it. */
  nameChinese: 20,
  /** `docNumber` as sent, before spaces are dropped. */
  docNumber: 32,
  /** `phone` as sent: room for `+86 138 0013 8000` typed with spaces or hyphens. */
  phone: 20,
  /** `smsCode`: exactly this many digits. */
  smsCode: 6,
  /** `transport.number`, trimmed, as sent (spaces inside count): a plate, a coach, a note. */
  transportNumber: 20,
  /** `residence.address`, the part below the picked committee: 弄, 号, 室 and a landmark. */
  address: 100,
  /** Escalation `note`: what the worker saw and did, in a few sentences. */
  escalationNote: 200,
  /** `q` of the community list. */
  communityQuery: 30,
  /** `q` of `GET /jobs` and of a saved search. */
  jobQuery: 30,
  /** `district` of a query or saved search: a code or a name, both far shorter. */
  district: 20,
  /** An application's `message` to the employer. */
  applicationMessage: 300,
  /** `pickupCode` as sent: 8 digits, with room for the spaces and hyphens staff may type. */
  pickupCode: 20,
  /** `parent` of `GET /regions`: a region code. */
  regionCode: 12,
  /** Ids sent in a body (`roundId`, `outletId`), never typed by a person. */
  id: 64,
} as const
