// 口罩预约: verify → the round → the nearest outlets → reserve 3 → the pickup code and its QR →
// cancel → the stock is back.
export default {
  name: 'masks',
  async run({ page, open, fill, tap, see, demoSmsCode, decodeQr, shot, expect }) {
    await open('/pages/verify/index')
    await fill('name', '李四')
    await fill('docNumber', '11010519491231002x')
    await fill('phone', '13900139000')
    await fill('smsCode', await demoSmsCode())
    await tap('提交认证')
    await see('李四，你好')

    await open('/masks/pages/round/index')
    await see('一次性使用医用口罩')
    await see('每人限 5 个')
    await see('距预约截止还有')
    await shot('round')

    // The person allows location: outlets come nearest first (People's Square).
    await page.context().grantPermissions(['geolocation'])
    await page.context().setGeolocation({ latitude: 31.2304, longitude: 121.4737 })
    await tap('选择领取网点')
    await see('已按离你最近排列')
    await page.locator('.masks-outlet').first().waitFor()
    await shot('outlets-nearest')

    const outletName = (await page.locator('.masks-outlet__name').first().textContent()) ?? ''
    const before = await page.locator('.masks-stock__count').first().textContent()
    await page.locator('.masks-outlet').first().click()
    // Earlier pages stay in the DOM (hidden): look for what only this page shows.
    await page.locator('.masks-reserve__outlet', { hasText: outletName }).waitFor()
    await page.getByLabel('增加').click()
    await page.getByLabel('增加').click()
    expect((await page.locator('.masks-stepper__value').textContent())?.trim() === '3 个', 'the stepper says 3')
    await shot('reserve')

    await tap('提交预约')
    await see(`在「${outletName}」预约 3 个口罩`)
    await shot('confirm')
    await page.getByText('确认预约', { exact: true }).last().click()

    await see('已预约，待领取')
    const codeText = (await page.locator('.masks-mine__code').first().textContent()) ?? ''
    const code = codeText.replace(/\s/g, '')
    expect(/^\d{8}$/.test(code), `an 8-digit pickup code (${codeText})`)
    await page.locator('.masks-qr img').first().waitFor()
    await shot('mine-code')
    const read = decodeQr(await page.locator('.masks-qr').first().screenshot())
    expect(read === code, `the QR reads as the code (${read || 'nothing'} vs ${code})`)

    await tap('取消预约')
    await see('取消后口罩退回网点')
    await page.getByText('确定取消', { exact: true }).last().click()
    await see('已取消')
    expect((await page.locator('.masks-mine__code').count()) === 0, 'no pickup code after cancelling')
    await shot('cancelled')

    const outletId = await page.evaluate(async () => {
      const res = await fetch('/api/v1/masks/outlets?lat=31.2304&lng=121.4737&limit=1')
      return (await res.json()).items[0]
    })
    expect(`剩余 ${outletId.remaining} 个` === before, `the stock is back after cancelling (${before})`)
  },
}
