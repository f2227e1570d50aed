// 一码: a citizen verifies (green) → declares (yellow) → a worker reads the QR off the citizen's
// screen (decoded with zbarimg, typed as a scanner types it) → the worker escalates → the same
// person's pass is red → their checks list names the worker's community. Each colour in normal
// mode and in 长辈模式; the scanner's answers; the home page of a citizen, a worker and staff.
const COMMUNITY = '310101002001'
const OUTLET = 'o310101-01'

export default {
  name: 'pass',
  async run({ page, open, fill, tap, see, fillDeclaration, loginAs, demoSmsCode, decodeQr, shot, expect }) {
    const largeText = async (on) => {
      await open('/pages/me/index')
      const row = page.getByRole('switch', { name: '长辈模式' })
      if ((await row.getAttribute('aria-checked')) !== String(on)) await row.click()
    }
    /** The pass page, with the token its QR was drawn from (the answer of GET /pass). */
    const showPass = async (colour) => {
      const answered = page.waitForResponse((r) => r.url().includes('/api/v1/pass') && !r.url().includes('/pass/'))
      await open('/pass/pages/show/index')
      const pass = await (await answered).json()
      await page.locator('.pass-qr:visible img').first().waitFor()
      await page.locator('.passcolor__name:visible', { hasText: colour }).first().waitFor()
      return pass
    }
    const passShots = async (colour, label) => {
      const pass = await showPass(colour)
      await shot(`pass-${label}`)
      await largeText(true)
      await showPass(colour)
      await shot(`pass-${label}-large`)
      await largeText(false)
      return pass
    }

    // A citizen verifies: their pass is green, first on their home page.
    await open('/pages/verify/index')
    await fill('name', '欧阳娜娜')
    await fill('docNumber', '110105198506151236')
    await fill('phone', '13912345678')
    const code = await demoSmsCode()
    await fill('smsCode', code)
    await tap('提交认证')
    await see('欧阳娜娜，你好')
    await see('出示通行码 ›')
    await see('绿码')
    await shot('home-citizen-green')
    const green = await passShots('绿码', 'green')
    expect(green.color === 'green', 'a new person is green')
    const body = await page.locator('body').textContent()
    expect(!body.includes('110105198506151236') && body.includes('110***********1236'), 'the holder is masked on their pass')

    // They declare their return: yellow, with the day observation ends.
    await open('/returnees/pages/declare/index')
    await see('登记人')
    await fillDeclaration('mu5101')
    await tap('提交登记')
    await see('居家观察第 1 天')
    const yellow = await passShots('黄码', 'yellow')
    const pass = await showPass('黄码')
    await see('居家观察至 2月24日')
    // The picture as the screen shows it, once the page has stopped sliding in.
    await shot('pass-yellow-scanned')
    const box = await page.locator('.pass-qr-box:visible').first().boundingBox()
    const read = decodeQr(await page.screenshot({ clip: box }))
    expect(read === pass.token, `the QR reads as the token the server gave (${read || 'nothing'})`)
    expect(yellow.token !== pass.token, 'each showing of the pass gets a new token')

    // The community's worker: their home starts with scanning; they type what the scanner read.
    await loginAs(`worker:${COMMUNITY}`)
    await see('扫码核验通行码')
    await shot('home-worker')
    await open('/pass/pages/scan/index')
    await see('扫描对方的通行码')
    await fill('token', read)
    await tap('核验')
    await page.locator('.pass-answer:visible .passcolor__name', { hasText: '黄码' }).waitFor()
    await see('欧阳** 110***********1236')
    await shot('scan-yellow')
    await tap('继续核验')
    // A token someone altered is no pass.
    await fill('token', `${read.slice(0, -3)}${read.endsWith('AAA') ? 'BBB' : 'AAA'}`)
    await tap('核验')
    await page.locator('.pass-answer:visible', { hasText: '不是有效的通行码' }).waitFor()
    await shot('scan-forged')
    await tap('继续核验')

    // The worker escalates the person from the console.
    await open('/returnees/pages/console/index')
    await fill('q', '欧阳')
    await tap('搜索')
    await see('全部：共 1 人')
    await tap('欧阳**')
    await see('上报异常情况')
    await fill('note', '上门测温 37.8 ℃')
    await page
      .locator('.btn', { hasText: /^上报$/ })
      .first()
      .click()
    await see('确定上报吗', 4000)
    await page.getByText('上报', { exact: true }).last().click()
    await see('此人需要重点关注')

    // The person, back on this device: red, and the check shows who looked and where.
    await loginAs(null)
    await see('红码')
    await shot('home-citizen-red')
    await passShots('红码', 'red')
    await showPass('红码')
    await see('社区工作人员上报')
    await open('/pass/pages/checks/index')
    await see('社区工作人员核验')
    await see('云南中路居委会')
    await shot('checks')

    // Outlet staff: their home starts with scanning and pickups; the no-phone lookup explains its limit.
    await loginAs(`staff:${OUTLET}`)
    await see('扫码核验通行码')
    await see('网点核销领取')
    await shot('home-staff')
    await open('/pass/pages/lookup/index')
    await see('每人每小时最多查询 30 次')
    await fill('name', '欧阳娜娜')
    await fill('docNumber', '110105198506151236')
    await tap('查询')
    await page.locator('.pass-answer:visible .passcolor__name', { hasText: '红码' }).waitFor()
    await shot('lookup-red')
  },
}
