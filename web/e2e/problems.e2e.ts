// End-to-end: problems from a site visit to close-out, and the leaders'
// cockpit with its drill-down to the ledger. The data (departments, users
// of each role, three projects on the 2026 list, two months of approved
// reports) is made through the API; the steps that matter go through the UI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchBrowser, screenshot, startServer, type RunningBrowser, type RunningServer } from './harness'

const PASSWORD = 'Tuijin-e2e-Prob-1'
const YEAR = 2026
/** A 48×36 PNG: a photo from the site. */
const SITE_PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAkCAIAAABAJy5dAAAAWElEQVR42u3SsQ0AEBRF0T+OSYxjDRsYx0IaI+gUKuH7EW5y65dTPIm5XJUAAvQZqGanFSAb0CT3llMDAgQIECALUAp+uQ7aGRkCBAgQIECaoBMBAvQcqAHNLv0Wi0OwCgAAAABJRU5ErkJggg==',
  'base64',
)

let server: RunningServer
let browser: RunningBrowser
let page: Page
const pageErrors: string[] = []

/** A client of the JSON API with its own session cookie, as one user. */
class Api {
  private cookies = new Map<string, string>()

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(server.url + path, {
      method,
      headers: {
        'Content-Type': 'application/json',
        'Accept-Language': 'zh-CN',
        Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const i = pair.indexOf('=')
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1))
    }
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }

  /** login signs in and, for a new account, sets the test password. */
  async login(username: string, password: string): Promise<this> {
    const r = await this.call<{ user: { must_change_password: boolean } }>('POST', '/api/v1/session', { username, password })
    if (r.user.must_change_password) {
      await this.call('PUT', '/api/v1/session/password', { current_password: password, new_password: PASSWORD })
    }
    return this
  }
}

interface Ref {
  id: number
  version: number
}

const ids = { leader: 0, land: 0, housing: 0, park: 0, plant: 0, school: 0 }

/** The office's county: four departments, a leader, a department user, an office user, three projects of 2026. */
async function seed(): Promise<void> {
  const admin = await new Api().login(server.username, server.password)
  const dept = (name: string, code: string, kind: string) =>
    admin.call<Ref>('POST', '/api/v1/departments', { name, code, kind, head: '', phone: '' }).then((d) => d.id)
  ids.land = await dept('县自然资源局', 'ZRZY', 'bureau')
  ids.housing = await dept('县住房和城乡建设局', 'ZJJ', 'bureau')
  await dept('城关镇', 'CGZ', 'town')
  await dept('河口镇', 'HKZ', 'town')
  const user = (username: string, display_name: string, role: string, department_id: number | null) =>
    admin
      .call<Ref>('POST', '/api/v1/users', { username, display_name, role, department_id, phone: '', password: 'Initial-Pass-01' })
      .then((u) => u.id)
  ids.leader = await user('wangqiang', '王强', 'leader', null)
  await user('liufang', '刘芳', 'department', ids.land)
  await user('zhaolei', '赵磊', 'department', ids.housing)
  await user('chenjing', '陈静', 'office', null)
  for (const u of ['wangqiang', 'liufang', 'zhaolei', 'chenjing']) await new Api().login(u, 'Initial-Pass-01')

  const WAN = 10_000
  const project = async (name: string, town: string, level: string, nature: string, total: number, plan: number) => {
    const p = await admin.call<Ref>('POST', '/api/v1/projects', {
      name,
      town,
      nature,
      domain: '产业',
      department_id: ids.housing,
      leader_id: ids.leader,
      total_investment_yuan: total * WAN,
      years: [{ year: YEAR, planned_yuan: plan * WAN, level }],
    })
    return p
  }
  const park = await project('城关镇产业园标准化厂房', '城关镇', 'county', 'new', 50_000, 20_000)
  const plant = await project('河口镇污水处理厂', '河口镇', 'city', 'new', 12_000, 6_000)
  const school = await project('城关镇中学扩建工程', '城关镇', 'county', 'continued', 8_000, 3_000)
  ids.park = park.id
  ids.plant = plant.id
  ids.school = school.id
  await admin.call('POST', `/api/v1/projects/${park.id}/stage`, { to: 'new_start', date: `${YEAR}-03-10`, version: park.version })
  await admin.call('POST', `/api/v1/projects/${school.id}/stage`, { to: 'construction', date: `${YEAR}-02-20`, version: school.version })

  // Two months of approved reports, so that the cockpit has completion by month.
  const months: [string, string, number[]][] = [
    ['09-01', '09-30', [3_000, 800, 1_200]],
    ['10-01', '10-31', [4_000, 500, 900]],
  ]
  for (const [start, end, amounts] of months) {
    const period = await admin.call<Ref>('POST', '/api/v1/periods', {
      name: `${YEAR}年${Number(start.slice(0, 2))}月`,
      kind: 'monthly',
      year: YEAR,
      start: `${YEAR}-${start}`,
      end: `${YEAR}-${end}`,
      deadline_days: 5,
    })
    const reports = await admin.call<{ items: (Ref & { project_id: number })[] }>('GET', `/api/v1/periods/${period.id}/reports`)
    for (const r of reports.items) {
      const i = [park.id, plant.id, school.id].indexOf(r.project_id)
      const s = await admin.call<Ref>('POST', `/api/v1/reports/${r.id}/submit`, {
        invested_yuan: amounts[i] * WAN,
        progress_text: '按计划推进',
        progress_percent: 50,
        version: r.version,
      })
      await admin.call('POST', `/api/v1/reports/${r.id}/approve`, { version: s.version })
    }
  }

  // A problem the office logged a while ago, now past its deadline.
  await admin.call('POST', '/api/v1/problems', {
    project_id: plant.id,
    source: 'meeting',
    type: 'permits',
    title: '污水处理厂环评批复未取得',
    department_id: ids.housing,
    deadline: `${YEAR}-11-10`,
  })
}

/** Signs the browser in as username (the SPA reads the session on the next page load). */
async function loginAs(username: string): Promise<void> {
  await page.context().clearCookies()
  const r = await page.request.post(`${server.url}/api/v1/session`, { data: { username, password: PASSWORD } })
  expect(r.ok(), `login ${username}`).toBe(true)
}

async function pick(select: string, text: string): Promise<void> {
  await page.locator(select).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

/**
 * clickChart finds a point of the chart where ECharts shows the pointer
 * cursor (a bar or a slice, which carry the drill-down) and clicks it.
 */
async function clickChart(panel: string): Promise<void> {
  await page.locator(panel).scrollIntoViewIfNeeded()
  await page.waitForTimeout(400)
  const box = (await page.locator(`${panel} canvas`).first().boundingBox())!
  for (let fy = 0.08; fy < 0.95; fy += 0.04) {
    for (let fx = 0.1; fx < 0.95; fx += 0.04) {
      const x = box.x + box.width * fx
      const y = box.y + box.height * fy
      await page.mouse.move(x, y)
      const cursor = await page.evaluate((sel) => getComputedStyle(document.querySelector(`${sel} canvas`)!.parentElement!).cursor, panel)
      if (cursor === 'pointer') {
        await page.mouse.click(x, y)
        return
      }
    }
  }
  throw new Error(`nothing to click in ${panel}`)
}

beforeAll(async () => {
  server = await startServer()
  await seed()
  browser = await launchBrowser()
  page = browser.page
  page.setDefaultTimeout(10_000)
  page.on('pageerror', (err) => pageErrors.push(String(err)))
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('problems: from a site visit to close-out', () => {
  it('lets a leader record a site visit on a phone and log a problem on the spot', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await loginAs('wangqiang')
    await page.goto(`${server.url}/meetings`)
    await page.locator('[data-test=new-visit]').click()
    await page.waitForURL('**/meetings/visits/new')

    await page.locator('[data-test=visit-form] [data-test=project-picker]').click()
    await page.keyboard.type('产业园')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '城关镇产业园标准化厂房' }).click()
    for (const who of ['见项目负责人', '见属地负责人', '见项目秘书']) {
      await page.locator('.vf-switch', { hasText: who }).locator('.el-switch').click()
    }
    await page.locator('textarea[data-test=check-progress]').fill('厂房基础施工完成60%')
    await page.locator('textarea[data-test=check-problems]').fill('二期用地尚未交付')
    await page.locator('textarea[data-test=check-reasons]').fill('征收补偿协议未签完')
    await page.locator('.vf-switch', { hasText: '向上报告' }).locator('.el-switch').click()
    await page.locator('.vf-switch', { hasText: '协调解决' }).locator('.el-switch').click()

    await page.locator('[data-test=add-spot-problem]').click()
    const spot = page.locator('[data-test=spot-problem-0]')
    await spot.locator('input[data-test=spot-title]').fill('二期用地征收未完成，无法交付')
    await pick('[data-test=spot-problem-0] [data-test=spot-type]', '土地要素')
    // The department suggested is the project's; land goes to 自然资源局.
    expect(await spot.locator('[data-test=spot-department]').textContent()).toContain('县住房和城乡建设局')
    await pick('[data-test=spot-problem-0] [data-test=spot-department]', '县自然资源局')
    await page.locator('textarea[data-test=visit-notes]').fill('现场查看厂房建设，召集镇村和企业协调用地。')
    await page.locator('input[data-test=visit-photo-input]').setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: SITE_PHOTO })
    await page.locator('.vf-photo img').waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(page, 'problems-visit-phone', { tall: true })

    await page.locator('[data-test=visit-save]').click()
    await page.waitForURL('**/meetings?**tab=visits**')
    await page.getByText('调研已记录，现场交办问题 1 个').waitFor()
    const row = page.locator('[data-test=visits-table] .el-table__row', { hasText: '城关镇产业园标准化厂房' })
    await row.waitFor()
    expect(await row.textContent()).toContain('见人3/3 · 问事3/3 · 办事2/3')
    await row.locator('[data-test=visit-link]').click()
    const detail = page.locator('[data-test=visit-detail]')
    await detail.locator('[data-test=visit-problems]', { hasText: '二期用地征收未完成，无法交付' }).waitFor()
    await detail.locator('[data-test=photo-thumb] img').waitFor()
    await screenshot(page, 'problems-visit-saved')
    expect(pageErrors).toEqual([])
  })

  it('lets the department accept, work on and apply to close it, with evidence', async () => {
    await page.setViewportSize({ width: 1440, height: 900 })
    await loginAs('liufang')
    await page.goto(`${server.url}/problems/mine`)
    const link = page.locator('[data-test=problems-table] [data-test=problem-link]', { hasText: '二期用地征收未完成' })
    await link.waitFor()
    // My tasks: only the department's own problem.
    expect(await page.locator('[data-test=problems-table] .el-table__row').count()).toBe(1)
    await link.click()
    const detail = page.locator('[data-test=problem-detail]')
    await detail.locator('[data-test=problem-title]', { hasText: '二期用地征收未完成' }).waitFor()
    const fields = await detail.locator('[data-test=problem-fields]').textContent()
    expect(fields).toContain('现场调研')
    expect(fields).toContain('王强')
    expect(fields).toContain('县自然资源局')

    const dialog = page.locator('[data-test=problem-action-dialog]')
    for (const [action, status] of [
      ['accept', '已签收'],
      ['start', '办理中'],
    ]) {
      await detail.locator(`[data-test=action-${action}]`).click()
      await dialog.locator('[data-test=action-submit]').click()
      await detail.locator('[data-test=status-tag]', { hasText: status }).waitFor()
    }
    // Applying for close-out needs the evidence.
    await detail.locator('[data-test=action-apply]').click()
    await dialog.locator('[data-test=action-submit]').click()
    await dialog.getByText('请填写此项').waitFor()
    await dialog.locator('textarea[data-test=action-note]').fill('已签订全部征收补偿协议，二期用地于11月20日交付，附交地确认书照片。')
    await screenshot(page, 'problems-department-apply')
    await dialog.locator('[data-test=action-submit]').click()
    await detail.locator('[data-test=status-tag]', { hasText: '申请销号' }).waitFor()
    await detail.locator('input[data-test=attachment-input]').setInputFiles({ name: '交地确认书.png', mimeType: 'image/png', buffer: SITE_PHOTO })
    await detail.locator('[data-test=photo-thumb] img').waitFor()
    // The department may not close its own problem.
    expect(await detail.locator('[data-test=action-close]').count()).toBe(0)
    expect(pageErrors).toEqual([])
  })

  it('lets the office see the counts and close the problem out, keeping every step', async () => {
    await loginAs('chenjing')
    await page.goto(`${server.url}/problems`)
    const sentence = page.locator('[data-test=counts-sentence]')
    await sentence.filter({ hasText: '发现2个，已销号0个，推进中2个，超期1个' }).waitFor()
    // Overdue first, as the server orders them.
    const rows = page.locator('[data-test=problems-table] .el-table__row')
    await expect.poll(() => rows.count()).toBe(2)
    expect(await rows.first().textContent()).toContain('污水处理厂环评批复未取得')
    expect(await rows.first().textContent()).toContain('超期')
    expect(await page.locator('[data-test=tab-applied]').textContent()).toContain('1')
    await screenshot(page, 'problems-board')

    await page.locator('[data-test=tab-applied]').click()
    await page.waitForURL('**/problems?tab=applied')
    await expect.poll(() => rows.count()).toBe(1)
    await rows.first().locator('[data-test=problem-link]').click()
    const detail = page.locator('[data-test=problem-detail]')
    await detail.locator('[data-test=status-tag]', { hasText: '申请销号' }).waitFor()
    await detail.locator('[data-test=action-close]').click()
    const dialog = page.locator('[data-test=problem-action-dialog]')
    await dialog.locator('textarea[data-test=action-note]').fill('经现场核实，用地已交付，同意销号。')
    await dialog.locator('[data-test=action-submit]').click()
    await detail.locator('[data-test=status-tag]', { hasText: '已销号' }).waitFor()
    const timeline = detail.locator('[data-test=problem-timeline]')
    await timeline.getByText('经现场核实，用地已交付，同意销号。').waitFor()
    const steps = await timeline.locator('[data-test=timeline-item] strong').allTextContents()
    expect(steps).toEqual(['销号', '申请销号', '开始办理', '签收', '交办'])
    expect(await timeline.textContent()).toContain('已签订全部征收补偿协议')
    expect(await detail.locator('[data-test=action-reopen]').count()).toBe(1)
    await screenshot(page, 'problems-closed', { tall: true })

    await page.keyboard.press('Escape')
    await sentence.filter({ hasText: '发现2个，已销号1个，推进中1个，超期1个' }).waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=download-weekly]').click()])
    expect(download.suggestedFilename()).toMatch(/^重点项目问题一周一清单\d{4}-\d{2}-\d{2}\.docx$/)
    expect(pageErrors).toEqual([])
  })

  it('issues a supervision order on the overdue problem; the department receives and replies; the office closes it', async () => {
    await page.goto(`${server.url}/problems/supervision`)
    await page.locator('[data-test=new-order]').click()
    const form = page.locator('[data-test=order-form]')
    await form.getByText('督办单', { exact: true }).click()
    await form.locator('input[data-test=order-title]').fill('关于河口镇污水处理厂环评批复的督办单')
    await pick('[data-test=order-form] [data-test=order-department]', '县住房和城乡建设局')
    await pick('[data-test=order-form] [data-test=order-problems]', '污水处理厂环评批复未取得')
    await form.locator('.el-date-editor input').fill(`${YEAR}-11-28`)
    await form.locator('.el-date-editor input').press('Enter')
    await form.locator('[data-test=order-save]').click()
    const detail = page.locator('[data-test=order-detail]')
    await detail.locator('[data-test=order-status]', { hasText: '已下发' }).waitFor()
    expect(await detail.locator('[data-test=order-items]').textContent()).toContain('污水处理厂环评批复未取得')

    await loginAs('zhaolei')
    await page.goto(`${server.url}/problems/supervision`)
    await page.locator('[data-test=orders-table] [data-test=order-link]', { hasText: '环评批复' }).click()
    await detail.locator('[data-test=order-receive]').click()
    await detail.locator('[data-test=order-status]', { hasText: '已签收' }).waitFor()
    await detail.locator('textarea[data-test=order-reply-text]').fill('已与市生态环境局对接，环评报告书12月5日前上会审查。')
    await detail.locator('[data-test=order-reply]').click()
    await detail.locator('[data-test=order-status]', { hasText: '已回复' }).waitFor()
    await detail.locator('[data-test=order-replies]').getByText('12月5日前上会审查').waitFor()
    expect(await detail.locator('[data-test=order-close]').count()).toBe(0)
    await screenshot(page, 'problems-order-replied')

    await loginAs('chenjing')
    await page.goto(`${server.url}/problems/supervision`)
    await page.locator('[data-test=orders-table] [data-test=order-link]', { hasText: '环评批复' }).click()
    await detail.locator('[data-test=order-close]').click()
    await page.locator('.el-message-box').getByRole('button', { name: '确定', exact: true }).click()
    await detail.locator('[data-test=order-status]', { hasText: '已办结' }).waitFor()
    expect(pageErrors).toEqual([])
  })
})

describe('the cockpit', () => {
  it('shows a leader the year at desktop size and drills from a bar to the ledger', async () => {
    await loginAs('wangqiang')
    await page.goto(`${server.url}/cockpit`)
    await page.locator('[data-test=stat-projects]', { hasText: '3' }).waitFor()
    expect(await page.locator('[data-test=stat-total]').textContent()).toContain('7.00')
    expect(await page.locator('[data-test=stat-plan]').textContent()).toContain('2.90')
    expect(await page.locator('[data-test=stat-completed]').textContent()).toContain('1.04')
    expect(await page.locator('[data-test=stat-rate]').textContent()).toContain('35.9%')
    expect(await page.locator('[data-test=cockpit-problems]').textContent()).toContain('发现2个，已销号1个，推进中1个，超期1个')
    await page.waitForTimeout(500) // the charts' entry animation
    await screenshot(page, 'cockpit-desktop', { tall: true })

    // The biggest town bar is 城关镇 (two projects): it opens the ledger filtered by it.
    await clickChart('[data-test=chart-town]')
    await page.waitForURL(`**/projects?**town=**`)
    const url = new URL(page.url())
    expect(url.searchParams.get('town')).toBe('城关镇')
    expect(url.searchParams.get('year')).toBe(String(YEAR))
    const links = page.locator('[data-test=ledger-table] [data-test=project-link]')
    await expect.poll(async () => (await links.allTextContents()).sort()).toEqual(['城关镇中学扩建工程', '城关镇产业园标准化厂房'].sort())
    await screenshot(page, 'cockpit-drill-town')
    expect(pageErrors).toEqual([])
  })

  it('works at phone size: a stage slice leads to the projects of that stage', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    try {
      await page.goto(`${server.url}/cockpit`)
      await page.locator('[data-test=stat-projects]', { hasText: '3' }).waitFor()
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
      await page.waitForTimeout(500)
      await screenshot(page, 'cockpit-phone', { tall: true })
      await clickChart('[data-test=chart-stage]')
      await page.waitForURL('**/projects?**stage=**')
      const stage = new URL(page.url()).searchParams.get('stage')
      expect(['reserve', 'new_start', 'construction']).toContain(stage)
      await page.locator('[data-test=ledger-table] [data-test=project-link]').first().waitFor()
      await screenshot(page, 'cockpit-phone-drill-stage')

      // A big number leads to the year's whole list.
      await page.goto(`${server.url}/cockpit`)
      await page.locator('[data-test=stat-plan]').click()
      await page.waitForURL(`**/projects?year=${YEAR}`)
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 })
    }
    expect(pageErrors).toEqual([])
  })

  it('prints the briefing and downloads it as Word', async () => {
    await page.goto(`${server.url}/cockpit`)
    await page.locator('[data-test=briefing-page]').click()
    await page.waitForURL(`**/cockpit/briefing?year=${YEAR}`)
    const headline = page.locator('[data-test=briefing-headline]')
    await headline.waitFor()
    expect(await headline.textContent()).toContain('全区重点项目3个，总投资7.0亿元，年度计划投资2.9亿元')
    expect(await page.locator('[data-test=briefing-departments]').textContent()).toContain('县住房和城乡建设局')
    await screenshot(page, 'cockpit-briefing', { tall: true })
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('[data-test=briefing-print]').isVisible()).toBe(false)
    await screenshot(page, 'cockpit-briefing-print')
    await page.emulateMedia({ media: 'screen' })

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载简报（Word）' }).click()])
    expect(download.suggestedFilename()).toMatch(/^重点项目建设简报2026年\d+月\.docx$/)
    expect(pageErrors).toEqual([])
  })
})
