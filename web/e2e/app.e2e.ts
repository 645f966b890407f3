// End-to-end: the real server, the built front end, a real browser.
// The tests run in order and share one server and one browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { launchBrowser, screenshot, startServer, type RunningBrowser, type RunningServer } from './harness'

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
    await expectText('建设中')
    expect(await page.locator('.header__title').textContent()).toContain('推进 · 重点项目管理系统')
    await screenshot(page, 'home-projects-placeholder')

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
    await expectText('Coming soon')
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

    expect(pageErrors).toEqual([])
  })
})
