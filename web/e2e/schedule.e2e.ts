// End-to-end: the battle map (挂图作战) with 200 projects laid out backwards
// from their target dates, a node marked done from the chart, the print
// layout on A3 landscape, a project's node plan, the working calendar, the
// reminder settings and the inbox bell. Its own server, in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { request as pwRequest, type APIRequestContext, type Locator, type Page } from 'playwright-core'
import { launchBrowser, screenshotDir, screenshots, startServer, type RunningBrowser, type RunningServer } from './harness'

const PASSWORD = 'Tuijin-sched-2026!'
const LEADER_PASSWORD = 'Leader-sched-2026!'
const YEAR = 2026
const PROJECTS = 200

let server: RunningServer
let browser: RunningBrowser
let page: Page
let api: APIRequestContext
const pageErrors: string[] = []

interface ApiNode {
  id: number
  name: string
  planned_start: string
  planned_finish: string
  actual_finish: string
  status: string
  version: number
}

let today = ''
let firstProject = 0
const leaders: { id: number; username: string }[] = []

const take = screenshots('schedule-')
/** shot saves test-output/e2e/schedule-NN-name.png (tall: the whole scrolled page). */
const shot = (name: string, opts: { tall?: boolean } = {}) => take(page, name, opts)

async function ok<T>(r: Promise<import('playwright-core').APIResponse>): Promise<T> {
  const res = await r
  if (!res.ok()) throw new Error(`${res.url()}: ${res.status()} ${await res.text()}`)
  return (res.status() === 204 ? undefined : await res.json()) as T
}

/** inParallel runs fn over items, n at a time. */
async function inParallel<T>(items: T[], n: number, fn: (x: T, i: number) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++
        await fn(items[i], i)
      }
    }),
  )
}

const PLACES = ['城东片区', '高新区', '滨河新区', '县城北', '工业园区', '高铁站前', '老城区', '南山镇', '桥头镇', '河西乡']
const WORKS = ['道路提升改造工程', '污水管网建设项目', '安置房建设项目', '标准化厂房项目', '学校扩建工程', '医院综合楼项目', '智慧停车场项目', '供水保障工程', '体育公园项目', '物流仓储中心']
const DEPARTMENTS = ['县住房和城乡建设局', '县交通运输局', '县发展和改革局', '县水务局', '县教育局', '县卫生健康委员会']
const LEADERS = [
  ['wangzq', '王志强'],
  ['lihm', '李红梅'],
  ['zhangwd', '张卫东'],
]

/** The target completion of project i: spread over 2027 so that the earlier ones are late today. */
function target(i: number): string {
  const d = new Date(Date.UTC(2027, 0, 4 + (i % 50) * 7 + Math.floor(i / 50)))
  return d.toISOString().slice(0, 10)
}

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  page = browser.page
  page.setDefaultTimeout(15_000)
  page.on('pageerror', (err) => pageErrors.push(String(err)))
  api = browser.context.request

  // The first admin sets a password; the browser shares the session.
  await ok(api.post(`${server.url}/api/v1/session`, { data: { username: server.username, password: server.password } }))
  await ok(api.put(`${server.url}/api/v1/session/password`, { data: { current_password: server.password, new_password: PASSWORD } }))

  const depts: number[] = []
  for (const name of DEPARTMENTS) depts.push((await ok<{ id: number }>(api.post(`${server.url}/api/v1/departments`, { data: { name, kind: 'bureau' } }))).id)
  for (const [username, display] of LEADERS) {
    const u = await ok<{ id: number }>(
      api.post(`${server.url}/api/v1/users`, { data: { username, display_name: display, role: 'leader', password: LEADER_PASSWORD } }),
    )
    leaders.push({ id: u.id, username })
  }

  // 200 projects on the 2026 list, each with the government template laid
  // backwards from its target; early nodes of two in three are done on time.
  const indexes = Array.from({ length: PROJECTS }, (_, i) => i)
  await inParallel(indexes, 6, async (i) => {
    const p = await ok<{ id: number }>(
      api.post(`${server.url}/api/v1/projects`, {
        data: {
          name: `${PLACES[i % PLACES.length]}${WORKS[Math.floor(i / PLACES.length) % WORKS.length]}${i >= 100 ? '（二期）' : ''}`,
          department_id: depts[i % depts.length],
          leader_id: leaders[i % leaders.length].id,
          planned_completion: target(i),
          total_investment_yuan: (5000 + i * 37) * 10000,
          years: [{ year: YEAR, planned_yuan: (1000 + i * 11) * 10000, level: i % 4 === 0 ? 'city' : 'county' }],
        },
      }),
    )
    if (i === 0) firstProject = p.id
    const planned = await ok<{ today: string; items: ApiNode[] }>(
      api.post(`${server.url}/api/v1/projects/${p.id}/nodes/template`, { data: { template: 'government', mode: 'backward', date: target(i) } }),
    )
    today = planned.today
    if (i % 3 === 0) return
    // Done on time: the nodes that finished more than two months ago, in plan order.
    let nodes = planned.items
    const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - 60 * 86_400_000).toISOString().slice(0, 10)
    for (const n of [...planned.items].sort((a, b) => a.planned_finish.localeCompare(b.planned_finish))) {
      if (n.planned_finish >= cutoff) break
      const cur = nodes.find((x) => x.id === n.id)!
      const r = await ok<{ items: ApiNode[] }>(
        api.patch(`${server.url}/api/v1/nodes/${n.id}`, {
          data: { actual_start: cur.planned_start, actual_finish: cur.planned_finish, version: cur.version },
        }),
      )
      nodes = r.items
    }
  })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The Gantt's element and its hook (see GanttChart.vue). */
const gantt = (sel = '[data-test=map-gantt]'): Locator => page.locator(sel)

interface ChartNode {
  id: number
  row: number
  status: number
}

/** chartNodes reads the nodes series' items from the chart's option. */
function chartNodes(sel = '[data-test=map-gantt]'): Promise<ChartNode[]> {
  return page.evaluate((s) => {
    const el = document.querySelector(s) as unknown as { __gantt: { chart: () => { getOption: () => any } } }
    const opt = el.__gantt.chart().getOption()
    const series = opt.series.find((x: { id: string }) => x.id === 'nodes')
    return series.data.map((d: number[]) => ({ id: d[8], row: d[0], status: d[5] }))
  }, sel)
}

/** barPoint is where a node's bar is on the page, with the colour of the canvas there. */
async function barPoint(id: number, sel = '[data-test=map-gantt]'): Promise<{ x: number; y: number; rgb: number[] }> {
  return page.evaluate(
    ([s, nodeId]) => {
      const el = document.querySelector(s as string) as unknown as HTMLElement & {
        __gantt: { pixelOf: (id: number) => [number, number] | null }
      }
      const [px, py] = el.__gantt.pixelOf(nodeId as number)!
      const canvas = el.querySelector('canvas')!
      const box = canvas.getBoundingClientRect()
      const dpr = canvas.width / box.width
      const ctx = canvas.getContext('2d')!
      const rgb = Array.from(ctx.getImageData(Math.round(px * dpr), Math.round(py * dpr) - 2, 1, 1).data.slice(0, 3))
      const host = el.getBoundingClientRect()
      return { x: host.left + px, y: host.top + py, rgb }
    },
    [sel, id] as const,
  )
}

/** input finds a form control by data-test, on the input itself (el-input) or around it (el-input-number). */
const input = (root: Page | Locator, name: string): Locator => root.locator(`input[data-test=${name}], [data-test=${name}] input`).first()

const RED = [0xd9, 0x30, 0x26]
const GREEN = [0x3f, 0x9c, 0x35]
const near = (rgb: number[], want: number[]) => rgb.every((v, i) => Math.abs(v - want[i]) <= 24)

async function count(status: string): Promise<number> {
  return Number(await page.locator(`[data-test=count-${status}]`).first().getAttribute('data-count'))
}

describe('the battle map', () => {
  it(`shows ${PROJECTS} projects with today's line and the late nodes in red`, async () => {
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const mapRead = page.waitForResponse((r) => r.url().includes('/api/v1/schedule?'))
    await page.goto(`${server.url}/schedule?year=${YEAR}`)
    await gantt().waitFor()
    // The map carries what it draws; the editor's fields come with the node.
    const map = (await (await mapRead).json()) as { items: { nodes: Record<string, unknown>[] }[] }
    const sent = new Set(map.items.flatMap((p) => p.nodes.flatMap((n) => Object.keys(n))))
    for (const k of ['version', 'preds', 'remarks', 'slack', 'updated_at', 'project_id', 'seq']) expect(sent.has(k), k).toBe(false)
    await page.locator('[data-test=gantt-legend]').getByText(`项目 ${PROJECTS} 个`).waitFor()
    const nodes = await chartNodes()
    expect(nodes.length).toBe(PROJECTS * 13)
    const overdue = nodes.filter((n) => n.status === 3)
    const done = nodes.filter((n) => n.status === 2)
    expect(overdue.length).toBeGreaterThan(100)
    expect(done.length).toBeGreaterThan(100)
    expect(await count('overdue')).toBe(overdue.length)
    expect(await count('done')).toBe(done.length)
    expect(await count('upcoming')).toBeGreaterThan(0)

    // Today's line and the row slider (200 projects do not fit).
    const opt = await page.evaluate(() => {
      const el = document.querySelector('[data-test=map-gantt]') as unknown as { __gantt: { chart: () => { getOption: () => any } } }
      const o = el.__gantt.chart().getOption()
      return {
        markLine: o.series.find((s: { id: string }) => s.id === 'nodes').markLine.data,
        zoom: o.dataZoom.map((z: { id: string }) => z.id),
        rows: o.yAxis[0].data.length,
      }
    })
    expect(opt.markLine[0].xAxis).toBe(new Date(`${today}T00:00:00+08:00`).getTime())
    expect(opt.zoom).toEqual(['x-slider', 'x-inside', 'y-slider', 'y-inside'])
    expect(opt.rows).toBe(PROJECTS + DEPARTMENTS.length)

    // A late node in view is painted red.
    const late = overdue.find((n) => n.row < 12)!
    const p = await barPoint(late.id)
    expect(near(p.rgb, RED), `rgb ${p.rgb}`).toBe(true)
    await shot('battle-map')
    expect(pageErrors).toEqual([])
  })

  it('opens a node from the chart, marks it done and turns it green', async () => {
    const nodes = await chartNodes()
    const late = nodes.find((n) => n.status === 3 && n.row < 12)!
    const before = { done: await count('done'), overdue: await count('overdue') }
    const p = await barPoint(late.id)
    await page.mouse.move(p.x, p.y)
    await page.locator('.gantt-tip').filter({ hasText: '已逾期' }).first().waitFor()
    await shot('tooltip')
    const nodeRead = page.waitForResponse((r) => r.url().endsWith(`/api/v1/nodes/${late.id}`) && r.request().method() === 'GET')
    await page.mouse.click(p.x, p.y)
    const dialog = page.locator('.el-dialog:visible', { hasText: '更新节点' })
    await dialog.waitFor()
    // The dialog reads the whole node: its slack and links, which the map does not send.
    const whole = (await (await nodeRead).json()) as ApiNode & { slack: number | null; preds: unknown[] }
    expect(whole.version).toBeGreaterThan(0)
    await dialog.locator('.node-dialog__slack').waitFor()
    if (whole.preds.length) await dialog.locator('[data-test=node-preds] .el-tag').first().waitFor()
    await expect(dialog.locator('[data-test=node-dialog-status]').textContent()).resolves.toContain('已逾期')
    await dialog.locator('[data-test=node-done-today]').click()
    expect(await input(dialog, 'node-actual-finish').inputValue()).toBe(today)
    await shot('node-dialog')
    await dialog.locator('[data-test=node-save]').click()
    await dialog.waitFor({ state: 'hidden' })
    // The answer lists the successors it moved; the message says how many.
    const msg = await page.locator('.el-message--success').first().textContent()
    expect(msg).toMatch(/节点已保存(，\d+ 个后续节点已随之重新排期)?/)

    await page.waitForFunction(
      (id) => {
        const el = document.querySelector('[data-test=map-gantt]') as unknown as { __gantt: { chart: () => { getOption: () => any } } }
        const s = el.__gantt.chart().getOption().series.find((x: { id: string }) => x.id === 'nodes')
        return s.data.some((d: number[]) => d[8] === id && d[5] === 2)
      },
      late.id,
    )
    await page.waitForTimeout(200)
    const after = await barPoint(late.id)
    expect(near(after.rgb, GREEN), `rgb ${after.rgb}`).toBe(true)
    expect(await count('done')).toBe(before.done + 1)
    expect(await count('overdue')).toBeLessThan(before.overdue)
    await shot('node-done')
  })

  it('lists the late nodes and opens one from the list', async () => {
    const lists = page.locator('[data-test=map-lists]')
    await lists.scrollIntoViewIfNeeded()
    await lists.locator('[data-test=map-node-list] .el-table__row').first().waitFor()
    await shot('overdue-list')
    await lists.locator('[data-test=list-open-node]').first().click()
    const dialog = page.locator('.el-dialog:visible', { hasText: '更新节点' })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: '取消' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator('[data-test=tab-upcoming]').click()
    await lists.locator('[data-test=map-node-list] .el-table__row').first().waitFor()
  })

  it('groups by leader and filters by department', async () => {
    await page.locator('[data-test=map-group-by]').getByText('按包抓领导').click()
    await page.waitForURL(/group_by=leader/)
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-test=map-gantt]') as unknown as { __gantt: { chart: () => { getOption: () => any } } }
      return el?.__gantt?.chart().getOption().yAxis[0].data.length === 203
    })
    const yLabels = await page.evaluate(() => {
      const el = document.querySelector('[data-test=map-gantt]') as unknown as { __gantt: { chart: () => { getOption: () => any } } }
      return el.__gantt.chart().getOption().yAxis[0].data as string[]
    })
    expect(yLabels).toEqual(expect.arrayContaining(['王志强', '李红梅', '张卫东']))
    await shot('by-leader')

    await page.locator('[data-test=map-department]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '县交通运输局' }).click()
    await page.waitForURL(/department_id=/)
    // Projects 1, 7, 13 … 199 belong to the transport bureau.
    await page.locator('[data-test=gantt-legend]').getByText('项目 34 个').waitFor()
    await shot('one-department')
    await page.goto(`${server.url}/schedule?year=${YEAR}`)
    await gantt().waitFor()
  })

  it('prints on A3 landscape without the chrome', async () => {
    await page.evaluate(() => {
      window.print = () => {}
    })
    await page.locator('[data-test=map-print]').click()
    const view = page.locator('[data-test=map-print-view]')
    await view.waitFor()
    const pages = await view.locator('.map-print__page').count()
    expect(pages).toBeGreaterThanOrEqual(5)
    await page.waitForTimeout(600)
    await page.emulateMedia({ media: 'print' })
    for (const sel of ['.layout__aside', '.el-header', '.tj-filters', '.map-print__bar']) {
      expect(await page.locator(sel).first().isVisible(), sel).toBe(false)
    }
    await page.setViewportSize({ width: 1587, height: 1123 })
    await page.waitForTimeout(300)
    await shot('print-a3')
    const pdf = join(screenshotDir, 'schedule-print.pdf')
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true })
    // Every sheet A3 landscape (420 × 297 mm = 1190.55 × 841.89 pt), one per page of the map.
    const text = readFileSync(pdf).toString('latin1')
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))])
    expect(boxes).toEqual(Array.from({ length: pages }, () => [1191, 842]))
    await page.emulateMedia({ media: 'screen' })
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')))
    await view.waitFor({ state: 'hidden' })
    await gantt().waitFor()
  })
})

describe("a project's node plan", () => {
  it('shows the nodes table and Gantt, adds a node and deletes it', async () => {
    await page.goto(`${server.url}/projects/${firstProject}`)
    await page.locator('[data-test=project-schedule]').click()
    await page.waitForURL(`**/projects/${firstProject}/schedule`)
    const rows = page.locator('[data-test=nodes-table] .el-table__body-wrapper .el-table__row')
    await rows.first().waitFor()
    expect(await rows.count()).toBe(13)
    await gantt('[data-test=psched-gantt]').waitFor()
    expect((await chartNodes('[data-test=psched-gantt]')).length).toBe(13)
    expect(await page.locator('[data-test=nodes-table]').getByText('★').count()).toBeGreaterThan(0)
    await shot('project-plan', { tall: true })

    await page.locator('[data-test=apply-template]').click()
    const tpl = page.locator('.el-dialog:visible', { hasText: '应用节点模板' })
    await tpl.waitFor()
    expect(await tpl.locator('[data-test=template-apply]').isDisabled()).toBe(true) // replace not ticked
    await tpl.locator('[data-test=template-replace]').click()
    await shot('template-dialog')
    await tpl.getByRole('button', { name: '取消' }).click()

    await page.locator('[data-test=add-node]').click()
    const add = page.locator('.el-dialog:visible', { hasText: '新增节点' })
    await add.waitFor()
    await input(add, 'node-name').fill('临时用电接入')
    await input(add, 'node-duration').fill('8')
    await input(add, 'node-duration').press('Tab')
    await add.locator('[data-test=node-preview]').getByText('保存后计划完成').waitFor()
    await add.locator('[data-test=node-save]').click()
    await add.waitFor({ state: 'hidden' })
    await page.locator('[data-test=nodes-table]').getByText('临时用电接入').waitFor()
    expect(await rows.count()).toBe(14)

    // Someone else changes the node meanwhile: saving says so and reloads.
    await rows.nth(1).locator('[data-test=node-link]').click()
    const edit = page.locator('.el-dialog:visible', { hasText: '更新节点' })
    await edit.waitFor()
    const nodes = await ok<{ items: ApiNode[] }>(api.get(`${server.url}/api/v1/projects/${firstProject}/nodes`))
    const second = nodes.items[1]
    await ok(api.patch(`${server.url}/api/v1/nodes/${second.id}`, { data: { remarks: '他人修改', version: second.version } }))
    await edit.locator('textarea').fill('我的备注')
    await edit.locator('[data-test=node-save]').click()
    await page.locator('.el-message--warning').filter({ hasText: '已被他人修改' }).first().waitFor()
    await edit.waitFor({ state: 'hidden' })

    const row = rows.filter({ hasText: '临时用电接入' })
    await row.locator('[data-test=delete-node]').click()
    await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
    await page.locator('[data-test=nodes-table]').getByText('临时用电接入').waitFor({ state: 'detached' })
    expect(await rows.count()).toBe(13)
  })
})

describe('the working calendar and the reminders', () => {
  it('shows the year, edits a day, restores the built-in data and counts working days', async () => {
    await page.goto(`${server.url}/admin/calendar`)
    const year = page.locator('[data-test=calendar-year]')
    await year.locator('[data-test=calendar-source]').getByText('内置').waitFor()
    // National Day: off on Oct 1, make-up working day on Saturday Oct 10 (2026 notice).
    expect(await year.locator('td[data-date="2026-10-01"]').getAttribute('class')).toContain('cal-cell--holiday')
    expect(await year.locator('td[data-date="2026-10-10"]').getAttribute('class')).toContain('cal-cell--makeup')
    await input(page, 'calc-from').fill('2026-09-30')
    await input(page, 'calc-from').press('Enter')
    await input(page, 'calc-days').fill('3')
    await page.locator('[data-test=calc-add]').click()
    await page.locator('[data-test=calc-add-result]').getByText('2026-10-10').waitFor()
    await shot('calendar', { tall: true })

    await year.locator('[data-test=calendar-edit]').click()
    await input(page, 'calendar-holiday-name').fill('县庆')
    await year.locator('td[data-date="2026-12-14"]').click()
    await page.locator('[data-test=calendar-day-list]').getByText('2026-12-14').waitFor()
    await year.locator('[data-test=calendar-save]').click()
    await year.locator('[data-test=calendar-source]').getByText('已修改').waitFor()
    expect(await year.locator('td[data-date="2026-12-14"]').getAttribute('class')).toContain('cal-cell--holiday')
    await year.locator('[data-test=calendar-restore]').click()
    await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click()
    await year.locator('[data-test=calendar-source]').getByText('内置').waitFor()
    expect(await year.locator('td[data-date="2026-12-14"]').getAttribute('class')).toContain('cal-cell--work')
  })

  it('keeps the reminder settings', async () => {
    await page.locator('.layout__aside').getByText('提醒设置', { exact: true }).click()
    await page.waitForURL('**/admin/reminders')
    const days = input(page, 'reminder-node-days')
    await expect.poll(() => days.inputValue()).toBe('3')
    await days.fill('5')
    await page.locator('[data-test=reminder-save]').click()
    await page.locator('.el-message--success').first().waitFor()
    await page.reload()
    await expect.poll(() => input(page, 'reminder-node-days').inputValue()).toBe('5')
    expect(await input(page, 'reminder-report-days').inputValue()).toBe('2')
  })
})

describe('the inbox', () => {
  it("shows a leader's unread notifications, opens one and marks all read", async () => {
    const leader = leaders[0]
    // The leader's first password is set by the admin: change it outside the browser.
    const other = await pwRequest.newContext({ baseURL: server.url })
    await ok(other.post('/api/v1/session', { data: { username: leader.username, password: LEADER_PASSWORD } }))
    await ok(other.put('/api/v1/session/password', { data: { current_password: LEADER_PASSWORD, new_password: PASSWORD } }))
    const unread = (await ok<{ unread: number }>(other.get('/api/v1/inbox?unread=true&per_page=1'))).unread
    await other.dispose()
    expect(unread).toBeGreaterThan(0)

    await browser.context.clearCookies()
    await page.goto(`${server.url}/login`)
    await page.locator('input[name=username]').fill(leader.username)
    await page.locator('input[name=password]').fill(PASSWORD)
    await page.getByRole('button', { name: '登 录' }).click()
    await page.waitForURL('**/projects')
    const badge = page.locator('[data-test=inbox-count] .el-badge__content')
    await expect.poll(() => badge.textContent()).toBe(unread > 99 ? '99+' : String(unread))

    await page.locator('[data-test=inbox-bell]').click()
    const panel = page.locator('[data-test=inbox-panel]')
    await panel.locator('[data-test=inbox-item]').first().waitFor()
    await shot('inbox')
    const firstTitle = panel.locator('[data-test=inbox-item] .inbox__item-title').first()
    const zhTitle = await firstTitle.textContent()
    const first = panel.locator('[data-test=inbox-item].is-unread').first()
    await first.click()
    await page.waitForURL(/\/projects\/\d+/)
    await expect.poll(() => badge.textContent()).toBe(unread - 1 > 99 ? '99+' : String(unread - 1))

    // The server says the same notifications in the reader's language.
    await page.locator('[data-test=language-switch]').getByText('English').click()
    await page.locator('.layout__aside').getByText('Projects', { exact: true }).waitFor()
    await page.locator('[data-test=inbox-bell]').click()
    await panel.waitFor({ state: 'visible' })
    await expect.poll(() => firstTitle.textContent()).not.toBe(zhTitle)
    expect(await firstTitle.textContent()).toMatch(
      /^(Red light|Node due soon|Node overdue|Report due|Report late|Assigned to you|Problem escalated|.* received):/,
    )
    // The page under it was loaded again in English: its light's reasons too.
    const reasons = page.locator('[data-test=project-light-reasons]')
    if ((await reasons.count()) > 0) {
      await expect.poll(() => reasons.first().textContent()).not.toMatch(/年度投资|个百分点|序时进度/)
    }
    await page.waitForTimeout(400) // the panel's fade-in, for the screenshot
    await shot('inbox-english')
    await page.locator('[data-test=language-switch]').getByText('中文').click()
    await panel.waitFor({ state: 'hidden' })
    await page.locator('.layout__aside').getByText('项目库', { exact: true }).waitFor()

    await page.locator('[data-test=inbox-bell]').click()
    await panel.locator('[data-test=inbox-read-all]').click()
    await expect.poll(() => badge.isVisible()).toBe(false)
    expect(pageErrors).toEqual([])
  })
})
