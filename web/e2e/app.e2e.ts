// End-to-end: the real server, the built front end, a real browser.
// The tests run in order and share one server and one browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { fileURLToPath } from 'node:url'
import { launchBrowser, screenshot, startServer, type RunningBrowser, type RunningServer } from './harness'

/** A sheet under e2e/fixtures. */
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

const NEW_PASSWORD = 'Tuijin-e2e-2025!'

let server: RunningServer
let browser: RunningBrowser
let page: Page
const pageErrors: string[] = []

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  page = browser.page
  page.setDefaultTimeout(10_000)
  page.on('pageerror', (err) => pageErrors.push(String(err)))
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The visible dialog whose title is title. */
const dialog = (title: string): Locator => page.locator('.el-dialog:visible', { hasText: title })

/** pick chooses text in the open (teleported) dropdown of an el-select. */
async function pick(select: Locator, text: string): Promise<void> {
  await select.click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

async function expectText(text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible' })
}

describe('Tuijin in a browser', () => {
  it('logs in as the first admin, changes the password and shows the layout', async () => {
    await page.goto(`${server.url}/login`)
    await expectText('推进 · 重点项目管理系统')
    await expectText('用户登录')
    await screenshot(page, 'login')

    await page.locator('input[name=username]').fill(server.username)
    await page.locator('input[name=password]').fill('not-the-password')
    await page.getByRole('button', { name: '登 录' }).click()
    await page.locator('.el-alert--error').waitFor()
    await screenshot(page, 'login-wrong-password')

    await page.locator('input[name=password]').fill(server.password)
    await page.getByRole('button', { name: '登 录' }).click()
    await page.waitForURL('**/password')
    await expectText('请先设置新密码')
    await screenshot(page, 'must-change-password')

    // The client checks length and match before asking the server.
    await page.locator('input[name=current_password]').fill(server.password)
    await page.locator('input[name=new_password]').fill('short')
    await page.locator('input[name=confirm_password]').fill('other')
    await page.getByRole('button', { name: '确认修改' }).click()
    await expectText('新密码至少需要 10 个字符')
    await expectText('两次输入的新密码不一致')

    await page.locator('input[name=new_password]').fill(NEW_PASSWORD)
    await page.locator('input[name=confirm_password]').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: '确认修改' }).click()
    await page.waitForURL('**/projects')

    const sidebar = page.locator('.layout__aside')
    for (const item of ['项目库', '挂图作战', '调度填报', '三色预警', '问题督办', '会议与现场', '驾驶舱', '系统管理', '部门管理', '用户管理', 'API令牌', '审计日志']) {
      await sidebar.getByText(item, { exact: true }).waitFor()
    }
    // Home is the ledger, empty on a fresh database.
    await expectText('重点项目台账')
    await expectText('没有符合条件的项目')
    expect(await page.locator('.header__title').textContent()).toContain('推进 · 重点项目管理系统')
    await screenshot(page, 'home-ledger-empty')

    // The session survives a reload and the password change stuck.
    await page.reload()
    await sidebar.getByText('项目库', { exact: true }).waitFor()
    expect(page.url()).toContain('/projects')
  })

  it('switches the interface to English and keeps the choice', async () => {
    await page.locator('[data-test=language-switch]').getByText('English').click()
    const sidebar = page.locator('.layout__aside')
    for (const item of ['Projects', 'Battle Map', 'Reports', 'Warning Lights', 'Problems', 'Cockpit', 'Administration', 'Users', 'Audit Log']) {
      await sidebar.getByText(item, { exact: true }).waitFor()
    }
    await expectText('Tuijin · Key Project Management')
    await expectText('Key Project Ledger')
    await screenshot(page, 'english-layout')

    await page.reload()
    await sidebar.getByText('Departments', { exact: true }).waitFor()

    // Server messages follow the language too (Accept-Language).
    await sidebar.getByText('Audit Log', { exact: true }).click()
    await page.waitForURL('**/admin/audit')
    await page.locator('[data-test=audit-table] .el-table__row').first().waitFor()
    await screenshot(page, 'english-audit')

    await page.locator('[data-test=language-switch]').getByText('中文').click()
    await sidebar.getByText('项目库', { exact: true }).waitFor()
  })

  it('creates a department and a user through the admin pages', async () => {
    const sidebar = page.locator('.layout__aside')
    await sidebar.getByText('部门管理', { exact: true }).click()
    await page.waitForURL('**/admin/departments')

    await page.getByRole('button', { name: '新增部门' }).click()
    const d = dialog('新增部门')
    await d.waitFor()
    // Saving an empty form shows the field message.
    await d.getByRole('button', { name: '保存' }).click()
    await expectText('请输入单位名称')
    await d.locator('input[name=name]').fill('县住房和城乡建设局')
    await d.locator('input[name=code]').fill('ZJJ')
    await d.getByText('局办', { exact: true }).click()
    await d.locator('input[name=head]').fill('王建国')
    await d.locator('input[name=phone]').fill('0951-1234567')
    await screenshot(page, 'department-dialog')
    await d.getByRole('button', { name: '保存' }).click()
    await d.waitFor({ state: 'hidden' })

    const deptRow = page.locator('[data-test=departments-table] .el-table__row', { hasText: '县住房和城乡建设局' })
    await deptRow.waitFor()
    expect(await deptRow.textContent()).toContain('王建国')
    await screenshot(page, 'departments-table')

    await sidebar.getByText('用户管理', { exact: true }).click()
    await page.waitForURL('**/admin/users')
    await page.getByRole('button', { name: '新增用户' }).click()
    const u = dialog('新增用户')
    await u.waitFor()
    await u.locator('input[name=username]').fill('zhangwei')
    await u.locator('input[name=display_name]').fill('张伟')
    await pick(u.locator('[data-test=role-select]'), '责任单位')
    await pick(u.locator('[data-test=department-select]'), '县住房和城乡建设局')
    await u.locator('input[name=phone]').fill('13800000001')
    await u.locator('input[name=password]').fill('Initial-Pass-01')
    await screenshot(page, 'user-dialog')
    await u.getByRole('button', { name: '保存' }).click()
    await u.waitFor({ state: 'hidden' })

    const userRow = page.locator('[data-test=users-table] .el-table__row', { hasText: 'zhangwei' })
    await userRow.waitFor()
    const text = await userRow.textContent()
    expect(text).toContain('张伟')
    expect(text).toContain('县住房和城乡建设局')
    expect(text).toContain('需改密')
    await screenshot(page, 'users-table')

    // The audit log shows both creations.
    await sidebar.getByText('审计日志', { exact: true }).click()
    await page.waitForURL('**/admin/audit')
    await page.locator('[data-test=audit-table] .el-table__row', { hasText: 'zhangwei' }).first().waitFor()
    await screenshot(page, 'audit-log')

    expect(pageErrors).toEqual([])
  })

  // The ledger, end to end: the fixtures are two small office sheets (see
  // e2e/fixtures/README.md): a title row, 单位：万元, a header, a 合计 row
  // that adds up, a section row 一、工业项目 and three projects of 2026.

  it('imports a ledger sheet through the wizard: preview, 合计 check, confirm', async () => {
    const sidebar = page.locator('.layout__aside')
    await sidebar.getByText('项目库', { exact: true }).click()
    await page.waitForURL('**/projects**')
    await page.locator('[data-test=import-ledger]').click()
    await page.waitForURL('**/projects/import**')
    await pick(page.locator('[data-test=import-year]'), '2026年')
    await screenshot(page, 'import-choose-file')

    await page.locator('[data-test=import-drop] input[type=file]').setInputFiles(fixture('ledger-2026.xlsx'))
    const preview = page.locator('[data-test=import-step-preview]')
    await preview.waitFor()
    expect(await page.locator('[data-test=summary-rows] .import__stat-n').textContent()).toBe('3')
    expect(await page.locator('[data-test=summary-create] .import__stat-n').textContent()).toBe('3')
    expect(await page.locator('[data-test=summary-errors] .import__stat-n').textContent()).toBe('0')
    const totals = page.locator('[data-test=import-totals]')
    expect(await totals.textContent()).toContain('相符')
    expect(await totals.textContent()).toContain('1,388,284.56')
    const actions = await page.locator('[data-test=import-rows] [data-test=row-action]').allTextContents()
    expect(actions.map((a) => a.trim())).toEqual(['新增', '新增', '新增'])
    const rows = await page.locator('[data-test=import-rows] .el-table__body').textContent()
    expect(rows).toContain('1,378,400.00')
    expect(rows).toContain('工业项目')
    // 县住房和城乡建设局 exists (created above); the other two will be created.
    const newDepts = await page.locator('[data-test=import-new-departments]').textContent()
    expect(newDepts).toContain('县工业和信息化局')
    expect(newDepts).toContain('县交通运输局')
    expect(newDepts).not.toContain('县住房和城乡建设局')
    await page.locator('[data-test=import-columns] .el-collapse-item__header').click()
    await page.locator('[data-test=import-columns]').getByText('2026年计划', { exact: true }).waitFor()
    await screenshot(page, 'import-preview', { tall: true })

    const confirmButton = page.locator('[data-test=import-confirm]')
    expect(await confirmButton.isDisabled()).toBe(false)
    await confirmButton.click()
    await page.locator('[data-test=import-step-result]').waitFor()
    expect(await page.locator('[data-test=import-result-text]').textContent()).toContain('新增 3 个')
    await screenshot(page, 'import-result')

    // The result links to the ledger of that year, with the amounts in 万元.
    await page.locator('[data-test=import-to-ledger]').click()
    await page.waitForURL('**/projects?year=2026')
    const table = page.locator('[data-test=ledger-table]')
    const row = (name: string) => table.locator('.el-table__body tr', { hasText: name })
    await row('城关镇至高铁站快速通道').waitFor()
    expect(await table.locator('.el-table__body tr').count()).toBe(3)
    const expected: [string, string, string][] = [
      ['城关镇智能制造产业园', '1,234.56', '300.50'],
      ['城关镇污水处理厂提标改造工程', '8,650.00', '2,000.00'],
      ['城关镇至高铁站快速通道', '1,378,400.00', '45,000.00'],
    ]
    for (const [name, total, plan] of expected) {
      const text = await row(name).textContent()
      expect(text, name).toContain(total)
      expect(text, name).toContain(plan)
      expect(text, name).toContain('前期')
    }
    const sums = await table.locator('.el-table__footer').textContent()
    expect(sums).toContain('合计（3 个项目）')
    expect(sums).toContain('1,388,284.56')
    expect(sums).toContain('138.83 亿元')
    expect(sums).toContain('47,300.50')
    await screenshot(page, 'ledger-imported')

    // Export: the office's own layout, named after the year.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=export-xlsx]').click()])
    expect(download.suggestedFilename()).toBe('2026年重点项目台账.xlsx')

    // Pinyin initials find a project; sorting by total puts the biggest first.
    await page.locator('input[data-test=ledger-search]').fill('kstd')
    await page.locator('input[data-test=ledger-search]').press('Enter')
    await page.waitForURL('**q=kstd**')
    await table.locator('.el-table__body tr', { hasText: '城关镇污水处理厂' }).waitFor({ state: 'detached' })
    expect(await table.locator('.el-table__body tr').count()).toBe(1)
    await page.locator('input[data-test=ledger-search]').fill('')
    await page.locator('input[data-test=ledger-search]').press('Enter')
    await row('城关镇污水处理厂提标改造工程').waitFor()
    await table.locator('th', { hasText: '总投资（万元）' }).locator('.caret-wrapper .descending').click()
    await page.waitForURL('**sort=-total_investment_yuan**')
    await page.waitForTimeout(300)
    expect(await table.locator('.el-table__body tr').first().textContent()).toContain('城关镇至高铁站快速通道')

    // Carry over: the unfinished projects go on next year's list as continued, plan 0.
    await page.locator('[data-test=carry-over]').click()
    const box = page.locator('.el-message-box')
    await box.waitFor()
    expect(await box.textContent()).toContain('作为续建项目加入 2027 年清单')
    await screenshot(page, 'carry-over-confirm')
    await box.getByRole('button', { name: '确定结转' }).click()
    await expectText('已将 3 个项目结转到 2027 年清单')
    await pick(page.locator('[data-test=year-select]'), '2027年')
    await page.waitForURL('**year=2027**')
    await row('城关镇智能制造产业园').waitFor()
    const next = await table.locator('.el-table__body tr').allTextContents()
    expect(next).toHaveLength(3)
    for (const r of next) {
      expect(r).toContain('续建')
      expect(r).toContain('0.00')
    }

    expect(pageErrors).toEqual([])
  })

  it('shows the cell errors of a bad sheet and refuses to import it', async () => {
    await page.locator('[data-test=import-ledger]').click()
    await page.waitForURL('**/projects/import?year=2027')
    // The ledger was on 2027 after the carry-over; a 2026 sheet on the 2027 list gets a warning.
    await page.locator('[data-test=import-drop] input[type=file]').setInputFiles(fixture('ledger-bad.xlsx'))
    await page.locator('[data-test=import-year-mismatch]', { hasText: '表中计划投资列为 2026 年' }).waitFor()
    await page.locator('[data-test=import-restart]').click()
    await pick(page.locator('[data-test=import-year]'), '2026年')
    await page.locator('[data-test=import-drop] input[type=file]').setInputFiles(fixture('ledger-bad.xlsx'))
    await page.locator('[data-test=import-step-preview]').waitFor()
    expect(await page.locator('[data-test=summary-errors] .import__stat-n').textContent()).toBe('1')
    expect(await page.locator('[data-test=import-year-mismatch]').count()).toBe(0)
    const alert = await page.locator('[data-test=import-errors-alert]').textContent()
    expect(alert).toContain('表格中有 1 处错误')
    const error = page.locator('[data-test=import-rows] [data-test=row-error]')
    expect(await error.textContent()).toContain("第7行 总投资: '约5亿' 不是金额")
    expect(await page.locator('[data-test=import-rows] [data-test=bad-cell]').textContent()).toBe('约5亿')
    expect(await page.locator('[data-test=import-rows] tr.import__row--error').count()).toBe(1)
    // The 合计 no longer adds up: a warning with the stated figure and the sum.
    const totals = await page.locator('[data-test=import-totals]').textContent()
    expect(totals).toContain('不符')
    expect(await page.locator('[data-test=import-confirm]').isDisabled()).toBe(true)
    await expectText('表格有错误，修改后重新上传')
    await screenshot(page, 'import-errors', { tall: true })
  })

  it('opens a project, changes its stage and edits its investment', async () => {
    await page.goto(`${server.url}/projects?year=2026`)
    await page.locator('[data-test=ledger-table] [data-test=project-link]', { hasText: '城关镇智能制造产业园' }).click()
    await page.waitForURL(/\/projects\/\d+$/)
    await page.locator('[data-test=project-title]', { hasText: '城关镇智能制造产业园' }).waitFor()
    const chain = await page.locator('[data-test=project-chain]').textContent()
    expect(chain).toContain('包抓领导')
    expect(chain).toContain('县工业和信息化局')
    expect(await page.locator('[data-test=project-total]').textContent()).toBe('1,234.56')
    expect(await page.locator('[data-test=project-years]').textContent()).toContain('300.50')
    await screenshot(page, 'project-page', { tall: true })

    // 前期 → 新开工 needs the actual start date.
    await page.locator('[data-test=change-stage]').click()
    const d = dialog('变更阶段')
    await d.waitFor()
    await d.locator('[data-test=stage-to]').getByText('新开工', { exact: true }).click()
    await expectText('进入“新开工/在建”须填写实际开工日期')
    // The server checks the rules and answers under the field, in Chinese.
    await d.locator('[data-test=stage-save]').click()
    await d.locator('.el-form-item__error', { hasText: '请填写实际开工日期' }).waitFor()
    await d.locator('.el-date-editor input').fill('2026-03-18')
    await d.locator('.el-date-editor input').press('Enter')
    await screenshot(page, 'stage-dialog')
    await d.locator('[data-test=stage-save]').click()
    await d.waitFor({ state: 'hidden' })
    await page.locator('[data-test=project-stage]', { hasText: '新开工' }).waitFor()
    expect(await page.locator('[data-test=project-actual-start]').textContent()).toBe('2026-03-18')
    const history = await page.locator('[data-test=stage-history]').textContent()
    expect(history).toContain('前期')
    expect(history).toContain('新开工')
    expect(history).toContain('2026-03-18')
    await screenshot(page, 'project-stage-changed', { tall: true })

    // Going back without a reason is refused by the server, under the reason.
    await page.locator('[data-test=change-stage]').click()
    await d.waitFor()
    await d.locator('[data-test=stage-to]').getByText('谋划储备', { exact: true }).click()
    await expectText('这是阶段回退，须填写原因')
    await d.locator('textarea[data-test=stage-reason]').fill('   ')
    await d.locator('[data-test=stage-save]').click()
    await d.locator('.el-form-item__error', { hasText: '阶段回退须填写原因' }).waitFor()
    await d.getByRole('button', { name: '取消' }).click()
    await d.waitFor({ state: 'hidden' })

    // Edit: 万元 typed, integer yuan sent, only the changed field.
    await page.locator('[data-test=edit-project]').click()
    await page.waitForURL(/\/projects\/\d+\/edit$/)
    const total = page.locator('input[name=total_wan]')
    await total.waitFor()
    await expect.poll(() => total.inputValue()).toBe('1234.56')
    const patches: unknown[] = []
    page.on('request', (r) => {
      if (r.method() === 'PATCH' && r.url().includes('/api/v1/projects/')) patches.push(r.postDataJSON())
    })
    await total.fill('约2000')
    await page.locator('[data-test=save-project]').click()
    await expectText('请输入以万元为单位的金额')
    await total.fill('2000.05')
    await screenshot(page, 'project-form')
    await page.locator('[data-test=save-project]').click()
    await page.waitForURL(/\/projects\/\d+$/)
    await page.locator('[data-test=project-total]', { hasText: '2,000.05' }).waitFor()
    expect(patches).toHaveLength(1)
    expect(patches[0]).toMatchObject({ total_investment_yuan: 20000500 })
    expect(Object.keys(patches[0] as object).sort()).toEqual(['total_investment_yuan', 'version'])

    expect(pageErrors).toEqual([])
  })

  it('creates a project from the form, archives it and restores it', async () => {
    await page.goto(`${server.url}/projects?year=2026`)
    await page.locator('[data-test=new-project]').click()
    await page.waitForURL('**/projects/new?year=2026')
    await page.locator('input[name=name]').fill('城关镇老旧小区改造')
    await page.locator('input[name=total_wan]').fill('0.01')
    await pick(page.locator('[data-test=department-select]'), '县住房和城乡建设局')
    await page.locator('input[name=year_wan_0]').fill('1378400') // this year's plan, 万元
    await screenshot(page, 'project-new', { tall: true })
    const [req] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/projects')),
      page.locator('[data-test=save-project]').click(),
    ])
    const body = req.postDataJSON()
    expect(body.total_investment_yuan).toBe(100)
    expect(body.years).toEqual([{ year: 2026, planned_yuan: 13784000000, level: 'county' }])
    await page.waitForURL(/\/projects\/\d+$/)
    await page.locator('[data-test=project-total]', { hasText: '0.01' }).waitFor()

    await page.locator('[data-test=archive-project]').click()
    await page.locator('.el-message-box').getByRole('button', { name: '确定', exact: true }).click()
    await expectText('该项目已归档，不在台账中显示。')
    await page.goto(`${server.url}/projects?year=2026`)
    const table = page.locator('[data-test=ledger-table]')
    await table.locator('[data-test=project-link]').first().waitFor()
    expect(await table.getByText('城关镇老旧小区改造').count()).toBe(0)
    await page.locator('[data-test=archived-toggle]').click()
    await page.waitForURL('**archived=true**')
    await table.locator('[data-test=project-link]', { hasText: '城关镇老旧小区改造' }).click()
    await page.locator('[data-test=archive-project]', { hasText: '恢复' }).click()
    await page.locator('.el-message-box').getByRole('button', { name: '确定', exact: true }).click()
    await page.locator('[data-test=archive-project]', { hasText: '归档' }).waitFor()
    expect(pageErrors).toEqual([])
  })

  it('keeps the ledger usable at phone width: the table scrolls, the page does not', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    try {
      await page.goto(`${server.url}/projects?year=2026`)
      await page.locator('[data-test=ledger-table] [data-test=project-link]').first().waitFor()
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        body: (document.querySelector('[data-test=ledger-table] .el-table__body') as HTMLElement).scrollWidth,
        wrapper: (document.querySelector('[data-test=ledger-table] .el-scrollbar__wrap') as HTMLElement).clientWidth,
      }))
      expect(widths.page).toBeLessThanOrEqual(390)
      expect(widths.body).toBeGreaterThan(widths.wrapper) // the table scrolls sideways inside itself
      await screenshot(page, 'ledger-phone')
      await page.locator('[data-test=ledger-table] [data-test=project-link]').first().click()
      await page.locator('[data-test=project-chain]').waitFor()
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
      await screenshot(page, 'project-phone')
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 })
    }
  })

  it('creates and revokes an API token, then logs out', async () => {
    const sidebar = page.locator('.layout__aside')
    await sidebar.getByText('API令牌', { exact: true }).click()
    await page.waitForURL('**/admin/tokens')
    await page.getByRole('button', { name: '新建令牌' }).click()
    const c = dialog('新建令牌')
    await c.locator('input[name=name]').fill('统计系统对接')
    await c.getByRole('button', { name: '确定', exact: true }).click()

    const shown = dialog('令牌已创建')
    await shown.waitFor()
    const secret = await shown.locator('input[data-test=token-secret], [data-test=token-secret] input').first().inputValue()
    expect(secret).toMatch(/^tj_\S{20,}$/)
    await screenshot(page, 'token-created')
    await shown.getByRole('button', { name: '关闭', exact: true }).click()
    await shown.waitFor({ state: 'hidden' })

    const row = page.locator('[data-test=tokens-table] .el-table__row', { hasText: '统计系统对接' })
    expect(await row.textContent()).toContain(secret.slice(0, 8))
    await row.getByRole('button', { name: '吊销' }).click()
    await page.locator('.el-message-box').getByRole('button', { name: '确定', exact: true }).click()
    await row.getByText('已吊销').waitFor()
    await screenshot(page, 'token-revoked')

    await page.locator('[data-test=user-menu]').click()
    await page.locator('.el-dropdown-menu__item:visible', { hasText: '退出登录' }).click()
    await page.waitForURL('**/login')
    await page.goto(`${server.url}/admin/users`)
    await page.waitForURL('**/login?redirect=**')
    expect(decodeURIComponent(page.url())).toContain('redirect=/admin/users')
  })

  it('shows a department user neither the admin menu nor the admin pages', async () => {
    await page.locator('input[name=username]').fill('zhangwei')
    await page.locator('input[name=password]').fill('Initial-Pass-01')
    await page.getByRole('button', { name: '登 录' }).click()
    await page.waitForURL('**/password')
    await page.locator('input[name=current_password]').fill('Initial-Pass-01')
    await page.locator('input[name=new_password]').fill('Zhang-Wei-2025')
    await page.locator('input[name=confirm_password]').fill('Zhang-Wei-2025')
    await page.getByRole('button', { name: '确认修改' }).click()
    await page.waitForURL('**/projects')

    const sidebar = page.locator('.layout__aside')
    await sidebar.getByText('驾驶舱', { exact: true }).waitFor()
    expect(await sidebar.getByText('系统管理', { exact: true }).count()).toBe(0)
    expect(await page.locator('[data-test=user-menu]').textContent()).toContain('责任单位')
    await screenshot(page, 'department-user-layout')

    await page.goto(`${server.url}/admin/users`)
    await page.waitForURL('**/projects')

    // The department's own project only; it may edit it but not the chain.
    const links = page.locator('[data-test=ledger-table] [data-test=project-link]')
    await links.first().waitFor()
    expect((await links.allTextContents()).sort()).toEqual(['城关镇污水处理厂提标改造工程', '城关镇老旧小区改造'].sort())
    expect(await page.locator('[data-test=import-ledger]').count()).toBe(0)
    await links.filter({ hasText: '城关镇污水处理厂提标改造工程' }).click()
    await page.locator('[data-test=edit-project]').click()
    await page.waitForURL(/\/edit$/)
    await expectText('由项目办维护，您不能修改')
    expect(await page.locator('[data-test=leader-select]').count()).toBe(0)
    expect(await page.locator('[data-test=add-year]').count()).toBe(0)
    await page.locator('input[name=dept_liaison]').fill('李联络')
    await screenshot(page, 'department-user-form')
    await page.locator('[data-test=save-project]').click()
    await page.waitForURL(/\/projects\/\d+$/)
    expect(await page.locator('[data-test=project-chain]').textContent()).toContain('李联络')

    expect(pageErrors).toEqual([])
  })
})
