// Jobs: search → filter → open a posting → apply (verifying on the way) → see it under my
// applications; then a saved search that new postings arrive for.
export default {
  name: 'jobs',
  async run({ page, open, fill, tap, see, demoSmsCode, shot, expect, mock }) {
    await open('/jobs/pages/list/index')
    await see('全市岗位共')
    await page.locator('.jobs-row').first().waitFor()
    const rendered = await page.locator('.jobs-row').count()
    expect(rendered > 0 && rendered <= 30, `a handful of rows rendered (${rendered})`)
    await shot('list')

    await fill('q', '司机')
    await see('符合条件的岗位共')
    await page.waitForFunction(() => [...document.querySelectorAll('.jobs-card__title')].every((t) => t.textContent.includes('司机')))
    await tap('全市')
    await see('选择区')
    await shot('district-sheet')
    await tap('浦东新区')
    await tap('薪资最高')
    await page.waitForFunction(() => {
      const where = [...document.querySelectorAll('.jobs-card__where')]
      return where.length > 0 && where.every((w) => w.textContent.startsWith('浦东新区'))
    })
    await shot('list-filtered')

    const title = (await page.locator('.jobs-card__title').first().textContent()).trim()
    const employer = (await page.locator('.jobs-card__employer').first().textContent()).trim()
    await page.locator('.jobs-card').first().click()
    await see('岗位信息')
    // Earlier pages stay in the DOM, hidden: look in the detail page only.
    await page.locator('.jobs-detail__employer', { hasText: employer }).waitFor()
    await page.locator('.jobs-detail__status', { hasText: /还剩 \d+ 天截止|今天截止/ }).waitFor()
    await shot('detail')

    // Applying needs a verified identity: the guard sends the person to verify, then back.
    await tap('投递简历')
    await see('只需认证一次')
    await fill('name', '李四')
    await fill('docNumber', '11010519900307873X')
    await fill('phone', '13900009999')
    await fill('smsCode', await demoSmsCode())
    await tap('提交认证')
    await see('投递身份')
    await see('李*')
    await see('110***********873X')
    expect((await page.getByText('李四', { exact: true }).count()) === 0, 'the full name is not shown on the apply page')
    await page.locator('textarea').first().fill('有货车驾驶经验，随时可以到岗')
    await shot('apply')

    await tap('确认投递')
    await see('投递成功')
    await shot('applied')

    await tap('查看我的投递')
    await see('已投递，等待企业查看')
    await page.locator('.jobs-mine__item-title', { hasText: title }).waitFor()
    await shot('mine-applications')

    // A saved search and the postings published after it (a fresh start of the list page).
    await open('/jobs/pages/list/index')
    await page.reload()
    await see('全市岗位共')
    await tap('全部行业')
    await tap('物流运输')
    await see('符合条件的岗位共')
    await tap('保存搜索')
    await see('已保存')
    const published = await mock('/__mock/jobs', { count: 200 })
    const fresh = published.items.filter((j) => j.industry === 'logistics').length
    await tap('我的求职')
    await tap('关注的搜索')
    await see(`${fresh} 个新岗位`)
    await see(`上次查看之后新发布 ${fresh} 个`)
    await shot('mine-saved-search')
  },
}
