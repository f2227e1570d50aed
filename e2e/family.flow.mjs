// 家人: a daughter verifies → adds her mother → reserves masks for her → shows her pass →
// declares for her → checks in for her; the mother then verifies an account of her own and sees
// who holds her. Screenshots of each page.
const OUTLET = 'o310101-01'
const MOTHER_DOC = '110105194208080048'

export default {
  name: 'family',
  async run({ page, open, fill, tap, see, pick, fillDeclaration, loginAs, demoSmsCode, shot, expect }) {
    const verify = async (name, docNumber, phone) => {
      await open('/pages/verify/index')
      await fill('name', name)
      await fill('docNumber', docNumber)
      await fill('phone', phone)
      await fill('smsCode', await demoSmsCode())
      await tap('提交认证')
      await see(`${name}，你好`)
    }
    const bodyText = async () => (await page.locator('body').textContent()) ?? ''

    await verify('李建国', '110105197503070014', '13911110001')

    // 我的 → 家人: nobody yet, with what family is for; add the mother.
    await open('/family/pages/members/index')
    await see('还没有添加家人')
    await shot('members-empty')
    await tap('添加家人')
    await see('与你的关系')
    await fill('name', '王秀英')
    await pick('relation') // 父母
    await fill('docNumber', MOTHER_DOC)
    await shot('add')
    await tap('确认添加')
    await page.locator('.family-members__name:visible', { hasText: '王秀英' }).first().waitFor()
    const listed = await bodyText()
    expect(!listed.includes(MOTHER_DOC) && listed.includes('110***********0048'), 'the mother’s document is masked on the list')
    await shot('members')

    // Masks for her: 为谁预约 → 王秀英（父母）.
    await open(`/masks/pages/reserve/index?outletId=${OUTLET}`)
    await see('为谁预约')
    await tap('王秀英（父母）')
    await shot('reserve-for-mother')
    await tap('为 王秀英 提交预约')
    await page.getByText('确认预约', { exact: true }).last().click()
    await see('已预约，待领取')
    await see('为 王秀英（父母） 预约')
    await shot('mine-for-mother')
    // Back on reserve, choosing her again says she already holds a place this round.
    await open(`/masks/pages/reserve/index?outletId=${OUTLET}`)
    await tap('王秀英（父母）')
    await see('王秀英本轮已在')
    await shot('reserve-already')

    // Her pass (代亮码): green until she is declared.
    await open('/pass/pages/show/index')
    await see('出示谁的通行码')
    await tap('王秀英（父母）')
    await see('王秀英（父母）的通行码')
    await page.locator('.passcolor__name:visible', { hasText: '绿码' }).first().waitFor()
    await shot('pass-mother-green')

    // Declare for her, then check in for her.
    await open('/returnees/pages/declare/index')
    await see('为谁登记')
    await tap('王秀英（父母）')
    await fillDeclaration()
    await shot('declare-for-mother')
    await tap('为 王秀英 提交登记')
    await see('王秀英（父母）的登记')
    await shot('status-with-mother')
    await tap('为 王秀英 打卡')
    await see('为 王秀英 提交今日打卡')
    await fill('temperature', '36.6')
    await shot('checkin-for-mother')
    await tap('为 王秀英 提交今日打卡')
    await see('已为 王秀英 打卡')
    await shot('checkin-for-mother-done')

    await open('/pass/pages/show/index')
    await tap('王秀英（父母）')
    await page.locator('.passcolor__name:visible', { hasText: '黄码' }).first().waitFor()
    await shot('pass-mother-yellow')

    // The mother gets a phone: she verifies her own account and sees who holds her.
    await loginAs('family-mother-phone')
    await verify('王秀英', MOTHER_DOC, '13911110002')
    await open('/family/pages/members/index')
    await see('谁把我添加为家人')
    await see('李**')
    await see('对方添加你为：父母')
    const hers = await bodyText()
    expect(!hers.includes('李建国') && !hers.includes('110105197503070014'), 'the member sees only the masked name of who holds her')
    await shot('bindings')
    // Her own pass is the same yellow her daughter declared.
    await open('/pass/pages/show/index')
    await page.locator('.passcolor__name:visible', { hasText: '黄码' }).first().waitFor()
    await shot('pass-mother-own')
  },
}
