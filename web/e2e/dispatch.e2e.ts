// End-to-end: 调度填报 and 三色预警 with the real server and a real browser.
// The data is set up through the API (departments, users, projects on the
// 2026 list, two periods); then an officer fills in and submits a report on
// a phone with a photo, the department approves it on a phone, and the
// office recomputes the lights and edits a rule set with its live preview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type APIRequestContext, type Page } from 'playwright-core'
import { deflateSync } from 'node:zlib'
import { apiHelpers, launchBrowser, screenshots, startServer, type RunningBrowser, type RunningServer } from './harness'

const YEAR = 2026
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1440, height: 900 }
const PASSWORD = 'Dispatch-e2e-2026!'

let server: RunningServer
let browser: RunningBrowser
let page: Page
let admin: APIRequestContext
const pageErrors: string[] = []
const ids = { zjj: 0, jtj: 0, officer: 0, p1: 0, p2: 0, p3: 0, p4: 0, oct: 0, nov: 0 }

// --- helpers -------------------------------------------------------------

const take = screenshots('dispatch-')
/** shoot saves test-output/e2e/dispatch-NN-name.png (tall: the whole scrolled page). */
const shoot = (name: string, opts: { tall?: boolean } = {}) => take(page, name, opts)

/** A small PNG (a sky-to-ground gradient with a "building"), made here so that no fixture is needed. */
function makePNG(w = 160, h = 120): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf: Buffer) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const c = Buffer.alloc(4)
    c.writeUInt32BE(crc(td))
    return Buffer.concat([len, td, c])
  }
  const raw = Buffer.alloc((w * 3 + 1) * h)
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3
      const building = x > 50 && x < 110 && y > 30
      const ground = y > 95
      raw[o] = building ? 180 : ground ? 120 : 90 + y
      raw[o + 1] = building ? 180 : ground ? 100 : 150 + y / 2
      raw[o + 2] = building ? 190 : ground ? 70 : 230
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

const { api, apiLogin } = apiHelpers(() => server.url, PASSWORD)

async function login(username: string): Promise<void> {
  await browser.context.clearCookies()
  await page.goto(`${server.url}/login`)
  await page.locator('input[name=username]').fill(username)
  await page.locator('input[name=password]').fill(PASSWORD)
  await page.getByRole('button', { name: '登 录' }).click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

interface Rep {
  id: number
  project_id: number
  version: number
  status: string
}

async function reportOf(period: number, project: number): Promise<Rep> {
  const l = await api<{ items: Rep[] }>(admin, 'GET', `/api/v1/periods/${period}/reports?per_page=100`)
  const r = l.items.find((x) => x.project_id === project)
  if (!r) throw new Error(`no report of ${project} in ${period}`)
  return r
}

/** approveVia submits and approves a report through the API (the office may do both). */
async function approveVia(period: number, project: number, wan: number, percent: number): Promise<void> {
  const r = await reportOf(period, project)
  const fields = { invested_yuan: wan * 10000, progress_text: '按计划推进', progress_percent: percent, work_done: '', next_plan: '', problems: '', stats_entered: false, stats_yuan: 0 }
  const s = await api<Rep>(admin, 'POST', `/api/v1/reports/${r.id}/submit`, { ...fields, version: r.version })
  await api(admin, 'POST', `/api/v1/reports/${r.id}/approve`, { version: s.version })
}

// --- setup -----------------------------------------------------------------

beforeAll(async () => {
  server = await startServer()
  admin = await apiLogin(server.username, server.password)

  const dept = (name: string, code: string) => api<{ id: number }>(admin, 'POST', '/api/v1/departments', { name, code, kind: 'bureau', head: '', phone: '' })
  ids.zjj = (await dept('县住房和城乡建设局', 'ZJJ')).id
  ids.jtj = (await dept('县交通运输局', 'JTJ')).id
  const user = (username: string, display_name: string, role: string, department_id: number | null) =>
    api<{ id: number }>(admin, 'POST', '/api/v1/users', { username, display_name, role, department_id, phone: '', password: 'Initial-Pass-01' })
  ids.officer = (await user('lizhuan', '李专员', 'officer', ids.zjj)).id
  await user('zjj', '住建局审核员', 'department', ids.zjj)
  // Their first passwords must change: do it here, so that the browser logs straight in.
  await (await apiLogin('lizhuan', 'Initial-Pass-01')).dispose()
  await (await apiLogin('zjj', 'Initial-Pass-01')).dispose()

  const project = (name: string, code: string, department_id: number, planWan: number, extra: Record<string, unknown>) =>
    api<{ id: number }>(admin, 'POST', '/api/v1/projects', {
      name,
      code,
      department_id,
      total_investment_yuan: planWan * 4 * 10000,
      years: [{ year: YEAR, planned_yuan: planWan * 10000, level: 'county' }],
      ...extra,
    })
  ids.p1 = (await project('城关镇智能制造产业园', 'GX-2026-001', ids.zjj, 5000, { officer_id: ids.officer, leader_name: '王县长', town: '城关镇', domain: '产业发展' })).id
  ids.p2 = (await project('城关镇污水处理厂提标改造', 'GX-2026-002', ids.zjj, 2000, { leader_name: '王县长', town: '城关镇', domain: '生态环保' })).id
  ids.p3 = (await project('城关镇至高铁站快速通道', 'GX-2026-003', ids.jtj, 1200, { leader_name: '李副县长', town: '东关镇', domain: '基础设施' })).id
  ids.p4 = (await project('东关镇老旧小区改造', 'GX-2026-004', ids.jtj, 800, { leader_name: '李副县长', town: '东关镇', domain: '民生保障' })).id

  const period = (name: string, start: string, end: string) =>
    api<{ id: number; deadline: string }>(admin, 'POST', '/api/v1/periods', { name, kind: 'monthly', year: YEAR, start, end, deadline_days: 5, counts_investment: true })
  ids.oct = (await period(`${YEAR}年10月月报`, `${YEAR}-10-01`, `${YEAR}-10-31`)).id
  ids.nov = (await period(`${YEAR}年11月月报`, `${YEAR}-11-01`, `${YEAR}-11-30`)).id
  // Some projects have reported: p2 behind (75%), p3 ahead (92%).
  await approveVia(ids.oct, ids.p2, 1000, 40)
  await approveVia(ids.nov, ids.p2, 500, 55)
  await approveVia(ids.oct, ids.p3, 1100, 85)

  browser = await launchBrowser()
  page = browser.page
  page.setDefaultTimeout(10_000)
  page.on('pageerror', (err) => pageErrors.push(String(err)))
}, 90_000)

afterAll(async () => {
  await admin?.dispose()
  await browser?.close()
  await server?.stop()
})

// --- the tests ---------------------------------------------------------------

describe('调度填报 and 三色预警 in a browser', () => {
  it('lets an officer fill in and submit a report with a photo on a phone', async () => {
    await page.setViewportSize(PHONE)
    await login('lizhuan')
    await page.goto(`${server.url}/reports`)
    const list = page.locator('[data-test=mine-list]')
    await list.getByText(`${YEAR}年11月月报`).waitFor()
    // October is past its deadline and not reported: marked late.
    const oct = list.locator('.rcard', { hasText: `${YEAR}年10月月报` })
    await oct.locator('[data-test=report-late]').waitFor()
    expect(await oct.locator('[data-test=report-status]').textContent()).toBe('待填报')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    await shoot('mine-phone')

    await list.locator('.rcard', { hasText: `${YEAR}年11月月报` }).click()
    await page.waitForURL(/\/reports\/\d+$/)
    await page.locator('[data-test=report-form]').waitFor()
    await page.locator('input[name=invested_wan]').fill('1234.56')
    await page.locator('textarea[name=progress_text]').fill('主体结构施工至第 6 层，钢结构厂房完成吊装')
    // The percent slider: a tap at about 60% of its track.
    const runway = page.locator('[data-test=progress-slider] .el-slider__runway')
    await runway.scrollIntoViewIfNeeded()
    const box = (await runway.boundingBox())!
    await runway.click({ position: { x: box.width * 0.6, y: box.height / 2 } })
    await expect.poll(async () => (await page.locator('[data-test=progress-percent]').textContent())?.trim()).not.toBe('0%')
    const percent = Number((await page.locator('[data-test=progress-percent]').textContent())!.replace('%', ''))
    expect(percent).toBeGreaterThan(40)
    expect(percent).toBeLessThan(80)
    await page.locator('textarea[name=work_done]').fill('完成 3 号厂房钢结构吊装；综合楼主体施工至 6 层。')
    await page.locator('textarea[name=next_plan]').fill('综合楼主体封顶，启动室外管网施工。')
    await page.locator('textarea[name=problems]').fill('施工用电增容待供电公司批复。')
    await page.locator('[data-test=stats-switch]').click()
    await page.locator('input[name=stats_wan]').fill('1000')

    // A photo from the "camera": the input asks for the rear camera.
    const input = page.locator('input[data-test=photo-input]')
    expect(await input.getAttribute('capture')).toBe('environment')
    expect(await input.getAttribute('accept')).toBe('image/*')
    await input.setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: makePNG() })
    await page.locator('[data-test=photo-thumb] img').waitFor()
    expect(await page.locator('[data-test=photo-thumb]').count()).toBe(1)
    await shoot('form-phone', { tall: true })

    // Save: every figure, in exact yuan, with the version.
    const [save] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'PATCH' && /\/api\/v1\/reports\/\d+$/.test(r.url())),
      page.locator('[data-test=report-save]').click(),
    ])
    expect(save.postDataJSON()).toMatchObject({
      invested_yuan: 12345600,
      stats_entered: true,
      stats_yuan: 10000000,
      progress_percent: percent,
      problems: '施工用电增容待供电公司批复。',
    })
    expect(Object.keys(save.postDataJSON()).sort()).toEqual(
      ['invested_yuan', 'next_plan', 'problems', 'progress_percent', 'progress_text', 'stats_entered', 'stats_yuan', 'version', 'work_done'],
    )
    await page.getByText('已保存').first().waitFor()

    const [submit] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/submit')),
      (async () => {
        await page.locator('[data-test=report-submit]').click()
        await page.locator('.el-message-box').getByRole('button', { name: '提交' }).click()
      })(),
    ])
    expect(submit.postDataJSON()).toMatchObject({ invested_yuan: 12345600, stats_yuan: 10000000 })
    await page.locator('[data-test=report-status]', { hasText: '已提交' }).waitFor()
    expect(await page.locator('[data-test=report-form]').count()).toBe(0)
    expect(await page.locator('[data-test=ro-invested]').textContent()).toBe('1,234.56')
    expect(await page.locator('[data-test=photo-delete]').count()).toBe(0) // locked while under review
    await shoot('submitted-phone', { tall: true })
    expect(pageErrors).toEqual([])
  })

  it('lets the department approve it on a phone', async () => {
    await login('zjj')
    await page.goto(`${server.url}/reports`)
    await page.locator('[data-test=tab-review]').click()
    const queue = page.locator('[data-test=review-list]')
    const card = queue.locator('.rcard', { hasText: '城关镇智能制造产业园' })
    await card.waitFor()
    expect(await card.textContent()).toContain('1,234.56')
    await shoot('review-queue-phone')

    await card.locator('.rcard__name').click()
    await page.waitForURL(/\/reports\/\d+$/)
    await page.locator('[data-test=report-approve]').waitFor()
    expect(await page.locator('[data-test=photo-thumb]').count()).toBe(1)
    expect(await page.locator('[data-test=report-readonly]').textContent()).toContain('施工用电增容待供电公司批复。')
    await shoot('review-phone', { tall: true })

    await page.locator('[data-test=report-approve]').click()
    await page.locator('[data-test=approved-alert]').waitFor()
    expect(await page.locator('[data-test=report-status]').textContent()).toBe('已通过')
    expect(await page.locator('[data-test=report-amend]').count()).toBe(1) // the reviewer may still correct it, with a reason
    await shoot('approved-phone')

    // An approved report is corrected with a reason; the amendment is kept beside it.
    await page.locator('[data-test=report-amend]').click()
    await page.locator('input[name=invested_wan]').fill('1300')
    await page.locator('[data-test=report-amend-save]').click()
    const dlg = page.locator('.el-dialog:visible', { hasText: '更正已审核的报表' })
    await dlg.locator('textarea[data-test=return-reason]').fill('核对发票后更正本月完成投资')
    const [amend] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/amend')),
      dlg.locator('[data-test=return-confirm]').click(),
    ])
    expect(amend.postDataJSON()).toMatchObject({ invested_yuan: 13000000, stats_yuan: 10000000, reason: '核对发票后更正本月完成投资' })
    const amendments = page.locator('[data-test=amendments]')
    await amendments.waitFor()
    expect(await amendments.textContent()).toContain('1,234.56 万元')
    expect(await amendments.textContent()).toContain('1,300.00 万元')
    expect(await page.locator('[data-test=ro-invested]').textContent()).toBe('1,300.00')
    await shoot('amended-phone', { tall: true })
    expect(pageErrors).toEqual([])
  })

  it('shows the office the period with its late list and totals', async () => {
    await page.setViewportSize(DESKTOP)
    await login(server.username)
    await page.goto(`${server.url}/reports/periods?year=${YEAR}`)
    const row = page.locator('[data-test=periods-table] .el-table__row', { hasText: `${YEAR}年11月月报` })
    await row.waitFor()
    await shoot('periods')

    // Open a progress-only weekly round: the dialog shows the deadline the calendar gives.
    await page.locator('[data-test=open-period]').click()
    const dlg = page.locator('.el-dialog:visible', { hasText: '开启调度期' })
    await dlg.waitFor()
    await dlg.getByText('周报', { exact: true }).click()
    await dlg.locator('.el-switch').click() // 计入投资 off: weekly and monthly money would overlap
    await expect.poll(() => dlg.locator('input[name=period_name]').inputValue()).toMatch(/周报/)
    const preview = dlg.locator('[data-test=open-deadline-preview]')
    await preview.waitFor()
    const date = /\d{4}-\d{2}-\d{2}/.exec((await preview.textContent()) ?? '')?.[0]
    expect(date).toBeTruthy()
    await shoot('open-period')
    await dlg.locator('[data-test=open-submit]').click()
    await page.waitForURL(/\/reports\/periods\/\d+$/)
    await page.getByText(`截止 ${date}`).first().waitFor() // the deadline the server set is the one announced
    await page.locator('[data-test=period-title]', { hasText: '周报' }).waitFor()
    await page.goto(`${server.url}/reports/periods?year=${YEAR}`)
    await row.locator('[data-test=period-link]').click()
    await page.locator('[data-test=period-title]', { hasText: `${YEAR}年11月月报` }).waitFor()
    expect(await page.locator('[data-test=count-approved] .period__stat-n').textContent()).toBe('2')
    // Approved this period: p2 500 + p1 1,300 (amended) 万元.
    await page.locator('[data-test=approved-sum]', { hasText: '1,800.00' }).waitFor()
    await page.locator('[data-test=period-reports] .el-table__row').first().waitFor()
    await shoot('period', { tall: true })

    // The sheet a department sent on paper: the dry run shows the bad cell and refuses it...
    const sheet = (p3: string) =>
      Buffer.from(
        [
          `${YEAR}年11月重点项目调度表`,
          '单位：万元',
          '序号,项目代码,项目名称,本月完成投资,形象进度,形象进度（%）,存在问题',
          `1,GX-2026-004,东关镇老旧小区改造,120.5,完成施工招标,10,`,
          `2,GX-2026-003,城关镇至高铁站快速通道,${p3},路基施工,30,征地尚未完成`,
          `3,GX-2026-001,城关镇智能制造产业园,99,主体施工,70,`,
        ].join('\n'),
      )
    await page.locator('[data-test=period-import-open]').click()
    const imp = page.locator('.el-dialog:visible', { hasText: '导入填报表' })
    await imp.locator('[data-test=period-import-drop] input[type=file]').setInputFiles({ name: '11月调度表.csv', mimeType: 'text/csv', buffer: sheet('约100') })
    await imp.locator('[data-test=period-import-preview]').waitFor()
    expect(await imp.locator('[data-test=pimport-errors] .pimport__stat-n').textContent()).toBe('1')
    expect(await imp.locator('[data-test=pimport-error]').first().textContent()).toContain('约100')
    expect(await imp.locator('[data-test=pimport-confirm]').isDisabled()).toBe(true)
    const actions = (await imp.locator('[data-test=pimport-action]').allTextContents()).map((a) => a.trim())
    expect(actions).toEqual(['提交', '错误', '跳过']) // p1 is approved: left alone
    await shoot('period-import-errors', { tall: true })

    // ...the corrected sheet goes in, all or nothing.
    await imp.getByRole('button', { name: '重新选择文件' }).click()
    await imp.locator('[data-test=period-import-drop] input[type=file]').setInputFiles({ name: '11月调度表.csv', mimeType: 'text/csv', buffer: sheet('100') })
    await imp.locator('[data-test=pimport-submit] .pimport__stat-n', { hasText: '2' }).waitFor()
    await imp.locator('[data-test=pimport-confirm]').click()
    await imp.locator('[data-test=period-import-result]').waitFor()
    await imp.getByRole('button', { name: '关闭', exact: true }).click()
    await page.locator('[data-test=count-submitted] .period__stat-n', { hasText: '2' }).waitFor()
  })

  it('recomputes the lights and shows the board with the reasons', async () => {
    await page.goto(`${server.url}/lights?year=${YEAR}`)
    await page.locator('[data-test=lights-counts]').waitFor()
    await page.locator('[data-test=recompute]').click()
    await page.getByText('已重新计算').first().waitFor()
    const n = async (c: string) => Number(await page.locator(`[data-test=count-${c}] .lights__n`).textContent())
    await expect.poll(async () => (await n('red')) + (await n('yellow')) + (await n('green'))).toBe(4)
    expect(await n('red')).toBeGreaterThan(0)
    const reasons = page.locator('[data-test=lights-items] [data-test=lights-reasons]').first()
    expect(await reasons.textContent()).toMatch(/序时进度/)
    await page.locator('[data-test=lights-chart] canvas').first().waitFor()
    await shoot('lights-board', { tall: true })

    await page.setViewportSize(PHONE)
    await page.waitForTimeout(300)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    await shoot('lights-board-phone', { tall: true })
    await page.setViewportSize(DESKTOP)
    expect(pageErrors).toEqual([])
  })

  it('edits a rule set with a live preview, saves and activates it', async () => {
    await page.goto(`${server.url}/lights/rules?year=${YEAR}`)
    await page.locator('[data-test=rules-preset]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '三亚 2022' }).click()
    await page.locator('[data-test=rules-create]').click()
    await page.locator('[data-test=rules-editor]').waitFor()
    await expect.poll(() => page.locator('input[data-test=rules-name]').inputValue()).toBe('三亚 2022')
    // The preset limits the rule to plans of at least 1,000 万元 (10,000,000 yuan).
    await expect.poll(() => page.locator('[data-test=rule-0] .rule__money input').inputValue()).toBe('1000')

    const previews: unknown[] = []
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/light-rules/preview')) previews.push(r.postDataJSON())
    })
    const previewN = async (c: string) => (await page.locator(`[data-test=preview-${c}] .rules__pv-n`).textContent())?.trim()
    await expect.poll(() => previewN('green')).not.toBe('—')

    // Stricter: red above 20% behind, and every project whatever its plan.
    const red = page.locator('[data-test=rule-0] [data-test=rule-red-value] input')
    await red.fill('20')
    await red.press('Enter') // el-input-number takes the value on change
    await page.locator('[data-test=rule-0] .rule__money input').fill('')
    // The preview follows the edits (debounced): red above 20, plan floor 0 yuan, the year's list.
    type Body = { year: number; rules: { red: { value: number }; min_plan_yuan: number }[] }
    await expect
      .poll(() => (previews as Body[]).some((p) => p.year === YEAR && p.rules[0].red.value === 20 && p.rules[0].min_plan_yuan === 0))
      .toBe(true)
    await expect.poll(async () => Number(await previewN('red')) + Number(await previewN('yellow')) + Number(await previewN('green'))).toBe(4)
    await shoot('rules-preview', { tall: true })

    await page.locator('[data-test=rules-save]').click()
    await page.getByText('规则已保存').first().waitFor()
    await page.locator('[data-test=rules-activate]').click()
    await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
    await page.locator('[data-test=rules-activate]', { hasText: '已生效' }).waitFor()
    await page.locator('[data-test=rule-sets] .rules__set.is-active').waitFor()
    await shoot('rules-active')
    expect(pageErrors).toEqual([])
  })

  it('shows the light on the project page and the figures', async () => {
    await page.goto(`${server.url}/projects/${ids.p4}`)
    const light = page.locator('[data-test=project-light]')
    await light.locator('[data-test=project-light-reasons] li').first().waitFor()
    expect(await light.locator('[data-test=project-light-colour]').getAttribute('data-colour')).toBe('red')
    await shoot('project-light')

    // Supervision (and admins) may override it for a while, with a reason.
    await light.locator('[data-test=light-override]').click()
    const dlg = page.locator('.el-dialog:visible', { hasText: '督查调整灯色' })
    await dlg.waitFor()
    await dlg.locator('.el-radio', { hasText: '黄灯' }).click()
    await dlg.locator('textarea[data-test=override-reason]').fill('现场核查：已进场施工，资金拨付在途')
    await dlg.locator('[data-test=override-save]').click()
    await light.locator('[data-test=project-light-override]').waitFor()
    expect(await light.locator('[data-test=project-light-colour]').getAttribute('data-colour')).toBe('yellow')
    expect(await light.locator('[data-test=project-light-reasons]').textContent()).toContain('现场核查：已进场施工，资金拨付在途')
    await shoot('project-light-override')

    await page.goto(`${server.url}/reports/figures?year=${YEAR}&group_by=department`)
    const table = page.locator('[data-test=figures-table]')
    await table.locator('.el-table__row', { hasText: '县住房和城乡建设局' }).waitFor()
    // 住建局: plan 7,000 万元; approved 1,000 + 500 + 1,300 (amended from 1,234.56).
    expect(await table.locator('.el-table__row', { hasText: '县住房和城乡建设局' }).textContent()).toContain('2,800.00')
    expect(await table.locator('.el-table__footer').textContent()).toContain('9,000.00')
    await page.locator('[data-test=figures-chart] canvas').first().waitFor()
    await page.waitForTimeout(500) // the lines draw themselves
    await shoot('figures', { tall: true })
    expect(pageErrors).toEqual([])
  })
})
