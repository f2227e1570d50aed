import { lengthNote } from '@/core/ui/lengthNote'

describe('the counter and limit note of a text field', () => {
  it('says nothing far from the limit, counts near it', () => {
    expect(lengthNote('', 50)).toEqual({ count: null, limit: null, over: false })
    expect(lengthNote('字'.repeat(34), 50)).toEqual({ count: null, limit: null, over: false })
    expect(lengthNote('字'.repeat(35), 50)).toEqual({ count: '35/50', limit: null, over: false })
    expect(lengthNote('字'.repeat(38), 50)).toEqual({ count: '38/50', limit: null, over: false })
  })

  it('counts from the first character when asked to (a text area)', () => {
    expect(lengthNote('', 300, 'always')).toEqual({ count: '0/300', limit: null, over: false })
    expect(lengthNote('有经验', 300, 'always').count).toBe('3/300')
  })

  it('says the maximum once it is reached', () => {
    expect(lengthNote('字'.repeat(50), 50)).toEqual({ count: '50/50', limit: '最多 50 个字', over: false })
  })

  it('says by how much a longer value (a draft, a link) is over, and never cuts it', () => {
    const value = '字'.repeat(53)
    expect(lengthNote(value, 50)).toEqual({ count: '53/50', limit: '最多 50 个字，已超出 3 个字', over: true })
    expect(value).toHaveLength(53)
  })

  it('counts as the input box and the server do: a character outside the BMP is two', () => {
    expect(lengthNote('😀'.repeat(25), 50)).toEqual({ count: '50/50', limit: '最多 50 个字', over: false })
  })

  it('stays silent when asked not to count (a fixed-length code)', () => {
    expect(lengthNote('123456', 6, 'never')).toEqual({ count: null, limit: null, over: false })
    expect(lengthNote('1234567', 6, 'never')).toEqual({ count: null, limit: null, over: false })
  })
})
