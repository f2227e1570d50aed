import { render } from '@testing-library/react'
import { Unbroken, unbrokenParts } from '@/core/ui/Unbroken'

const whole = (text: string) =>
  unbrokenParts(text)
    .filter((p) => p.whole)
    .map((p) => p.text)

describe('what a line keeps whole', () => {
  it('finds dates with their time, times, numbers with their unit and masked numbers', () => {
    expect(whole('领取时间 2月11日 09:00 至 2月13日 20:00')).toEqual(['2月11日 09:00', '2月13日 20:00'])
    expect(whole('共 14 天 · 观察期至 2020-02-21，还有 11 天')).toEqual(['14 天', '2020-02-21', '11 天'])
    expect(whole('体温应在 35.0–42.0 ℃ 之间')).toEqual(['35.0–42.0 ℃'])
    expect(whole('4500–5500 元/月，招聘 1 人')).toEqual(['4500–5500 元/月', '1 人'])
    expect(whole('登记人 110***********002X')).toEqual(['110***********002X'])
    expect(whole('预约于 2020-02-10 10:00')).toEqual(['2020-02-10 10:00'])
  })

  it('loses no character and leaves text without such things as one ordinary run', () => {
    for (const text of ['有 3 人需要重点关注，点此查看', '你的登记需要重点关注', '', '36.5℃ 正常']) {
      expect(
        unbrokenParts(text)
          .map((p) => p.text)
          .join(''),
      ).toBe(text)
    }
    expect(unbrokenParts('你的登记需要重点关注')).toEqual([{ text: '你的登记需要重点关注', whole: false }])
    expect(unbrokenParts('')).toEqual([])
  })
})

describe('Unbroken', () => {
  it('writes each thing kept whole as a nowrap span, the rest as plain text', () => {
    const { container } = render(<Unbroken className="line" text="请在 2月11日 09:00 到网点领取 4 个口罩" />)
    const line = container.querySelector('.line')!
    expect(line.textContent).toBe('请在 2月11日 09:00 到网点领取 4 个口罩')
    expect(Array.from(line.querySelectorAll('.nowrap')).map((n) => n.textContent)).toEqual(['2月11日 09:00', '4 个'])
  })
})
