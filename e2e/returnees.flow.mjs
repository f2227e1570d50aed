// 返沪登记: a citizen verifies, declares (origin, transport, dates, residence from the real
// pickers) and checks in; the community's worker finds them in the console by what is shown
// (the masked surname); the mock clock moves 14 days; the worker releases them; the citizen sees it.
const COMMUNITY = '310101002001'

export default {
  name: 'returnees',
  async run({ page, open, fill, tap, see, pick, loginAs, demoSmsCode, shot, expect, mock }) {
    // The citizen: the guard sends an unverified person to verification and back.
    await open('/returnees/pages/status/index')
    await see('只需认证一次')
    await fill('name', '欧阳娜娜')
    await fill('docNumber', '110105198506151236')
    await fill('phone', '13912345678')
    const code = await demoSmsCode()
    await fill('smsCode', code)
    await tap('提交认证')
    await see('你还没有返沪登记')
    await shot('status-empty')

    await tap('填写返沪登记')
    await see('登记人')
    await see('欧阳娜娜 · 110***********1236')
    // An empty submit: every missing answer is named beside its field, and nothing is sent.
    await tap('提交登记')
    await see('请按红色提示修改后再提交')
    await see('请选择出发的省份')
    await shot('declare-errors')
    await pick('originProvince') // 北京市
    await see('出发城市')
    await pick('originCity') // 东城区
    await pick('transport-mode') // 飞机
    await fill('transport-number', 'mu5101')
    await pick('arrivalDate') // the server's today
    await pick('departureDate')
    await shot('declare-top')
    await pick('district') // 黄浦区
    await see('街道（镇）')
    await pick('street') // 南京东路街道
    await see('居委会（村）')
    await pick('residence-communityId') // 云南中路居委会
    await see('云南中路居委会')
    await fill('residence-address', '云南中路 18 弄 3 号 201 室')
    await fill('temperature', '36.5')
    await tap('没有接触')
    await page.getByText('这些信息用来做什么').scrollIntoViewIfNeeded()
    await shot('declare-bottom')
    await tap('提交登记')
    await see('居家观察第 1 天')
    await see('今日还未打卡：请测量体温后点下方按钮打卡。')
    await shot('status-observing')

    await tap('今日健康打卡')
    await see('提交今日打卡')
    await fill('temperature', '36.4')
    await shot('checkin')
    await tap('提交今日打卡')
    await see('打卡成功')
    await shot('checkin-done')

    // The community's worker finds them by the masked surname, the only part they see.
    await loginAs(`worker:${COMMUNITY}`)
    await open('/returnees/pages/console/index')
    await see('今日还未打卡')
    await see(/全部：共 \d+ 人/)
    await shot('console')
    await fill('q', '欧阳')
    await tap('搜索')
    await see('全部：共 1 人')
    await page.getByText('全部：共 1 人').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    const text = await page.locator('body').textContent()
    expect(!text.includes('欧阳娜娜') && !text.includes('110105198506151236'), 'the worker sees only masked data')
    await shot('console-search')
    await tap('欧阳**')
    await see('基本信息')
    await see('观察期至 2020-02-24，还有 14 天，期满当天起可以解除。')
    await shot('person')

    // Fourteen days pass on the server's clock; a new working day, a fresh login.
    await mock('/__mock/clock', { now: '2020-02-24T09:00:00+08:00' })
    await loginAs(`worker:${COMMUNITY}`)
    await open('/returnees/pages/console/index?status=ending_today')
    await see(/今日期满：共 \d+ 人/)
    await tap('欧阳**')
    await see('基本信息')
    await shot('person-ending')
    await page.locator('.screen__footer').getByText('解除居家观察').click()
    await see('确认已核实健康情况并解除吗', 4000)
    await tap('解除')
    await see('已于 2020-02-24 解除居家观察')
    await shot('person-released')

    // The citizen, back on this device, sees it.
    await loginAs(null)
    await open('/returnees/pages/status/index')
    await see('已解除居家观察')
    await shot('status-released')
  },
}
