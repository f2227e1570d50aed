// Login (silent) → real-name verification with a wrong check digit and a wrong SMS code → home.
export default {
  name: 'foundation',
  async run({ page, open, fill, tap, see, demoSmsCode, shot, expect }) {
    await open('/pages/home/index')
    await see('需要你处理')
    await see('完成实名认证')
    await shot('home-unverified')

    await tap('完成实名认证')
    await see('只需认证一次')
    await fill('name', '张三')
    // 11010519491231002X is valid; change its check character.
    await fill('docNumber', '110105194912310021')
    await fill('phone', '13800138000')
    await fill('smsCode', '123456')
    await tap('提交认证')
    await see('身份证号校验位不正确，请逐位核对')
    await shot('wrong-check-digit')

    await fill('docNumber', '11010519491231002x')
    const code = await demoSmsCode()
    expect(code, 'the demo SMS code is shown')
    const wrong = code === '000000' ? '111111' : '000000'
    await fill('smsCode', wrong)
    await tap('提交认证')
    await see('验证码不正确，请核对短信后重新输入')
    // The form is kept after the failure.
    expect((await page.locator('input[name="name"]').inputValue()) === '张三', 'the name survives a failed submit')
    await shot('wrong-sms-code')

    await fill('smsCode', code)
    await tap('提交认证')
    await see('张三，你好')
    await see('口罩预约')
    await shot('home-verified')

    await open('/pages/me/index')
    await see('已实名认证')
    await see('110***********002X')
    await shot('me')

    // 长辈模式: the whole app's type scale and tap targets grow.
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.field__label, .card__title')).fontSize))
    await page.locator('[role="switch"]').first().click()
    await see('改为跟随微信字体设置')
    const after = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.field__label, .card__title')).fontSize))
    expect(after > before, `larger text in 长辈模式 (${before} → ${after})`)
    await shot('me-large-text')
    await open('/pages/home/index')
    await see('张三，你好')
    await shot('home-large-text')

    await open('/pages/login/index')
    await see('演示账号')
    await shot('login')
  },
}
