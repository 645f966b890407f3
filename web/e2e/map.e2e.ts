// End-to-end: the cockpit's map with the real server and a real browser.
// Projects with coordinates are set up through the API, two of them with
// their lights set by supervision; the office uploads a county boundary
// (GeoJSON written here, an invented outline) from the cockpit, after a
// file in projected coordinates is refused; a leader then sees the points
// in their light colours, clicks one, reads its card and follows it to the
// project's page, on a desktop and on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type APIRequestContext, type Page } from 'playwright-core'
import { apiHelpers, launchBrowser, screenshots, startServer, type RunningBrowser, type RunningServer } from './harness'

// The cockpit opens on this year's list.
const YEAR = new Date().getFullYear()
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1440, height: 900 }
const PASSWORD = 'Map-e2e-2026!'
// The light colours of the UI (components/lights/ruleEditor.ts).
const HEX = { red: '#e5484d', yellow: '#f0b429', green: '#30a46c' } as const

let server: RunningServer
let browser: RunningBrowser
let page: Page
let admin: APIRequestContext
const pageErrors: string[] = []
const ids = { zjj: 0, jtj: 0, red: 0, yellow: 0, green1: 0, green2: 0, nowhere: 0 }

// --- the boundary ----------------------------------------------------------

/**
 * An invented county around (119.30, 26.10): a wobbly outline of 48
 * points, with a Point feature (the county seat's label) that the map
 * leaves out. Not a real boundary.
 */
function countyGeoJSON(): string {
  const ring: number[][] = []
  for (let i = 0; i < 48; i++) {
    const a = (2 * Math.PI * i) / 48
    const r = 0.22 * (1 + 0.18 * Math.cos(3 * a + 0.4) + 0.09 * Math.sin(5 * a) + 0.05 * Math.cos(9 * a + 1))
    ring.push([+(119.3 + (r * Math.cos(a)) / Math.cos((26.1 * Math.PI) / 180)).toFixed(5), +(26.1 + r * Math.sin(a)).toFixed(5)])
  }
  ring.push(ring[0])
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { name: '永宁县' }, geometry: { type: 'Polygon', coordinates: [ring] } },
      { type: 'Feature', properties: { name: '县城' }, geometry: { type: 'Point', coordinates: [119.3, 26.1] } },
    ],
  })
}

/** The same county in Web Mercator metres, as a GIS export may come: refused. */
const projectedGeoJSON = JSON.stringify({
  type: 'Polygon',
  coordinates: [[[13280000, 3010000], [13300000, 3010000], [13300000, 3030000], [13280000, 3010000]]],
})

// --- helpers -------------------------------------------------------------

const take = screenshots('map-')
/** shoot saves test-output/e2e/map-NN-name.png (tall: the whole scrolled page). */
const shoot = (name: string, opts: { tall?: boolean } = {}) => take(page, name, opts)

const { api, apiLogin } = apiHelpers(() => server.url, PASSWORD)

async function login(username: string): Promise<void> {
  await browser.context.clearCookies()
  await page.goto(`${server.url}/login`)
  await page.locator('input[name=username]').fill(username)
  await page.locator('input[name=password]').fill(PASSWORD)
  await page.getByRole('button', { name: '登 录' }).click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

/**
 * findColour looks for a light's colour on the map's canvas and returns
 * where it is on the page (the middle of its pixels) and how many pixels
 * have it: the points are drawn on a canvas, so this is how a test sees
 * them.
 */
async function findColour(hex: string): Promise<{ x: number; y: number; n: number }> {
  return page.evaluate((hex) => {
    const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
    let sx = 0
    let sy = 0
    let n = 0
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>('[data-test=cockpit-map] canvas')) {
      const ctx = canvas.getContext('2d')
      if (!ctx || !canvas.width) continue
      const rect = canvas.getBoundingClientRect()
      const scale = rect.width / canvas.width
      const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data
      for (let i = 0; i < px.length; i += 4) {
        if (Math.abs(px[i] - want[0]) < 8 && Math.abs(px[i + 1] - want[1]) < 8 && Math.abs(px[i + 2] - want[2]) < 8) {
          const p = i / 4
          sx += rect.left + (p % canvas.width) * scale
          sy += rect.top + Math.floor(p / canvas.width) * scale
          n++
        }
      }
    }
    return { x: n ? sx / n : 0, y: n ? sy / n : 0, n }
  }, hex)
}

async function legendCount(colour: keyof typeof HEX): Promise<number> {
  return Number(await page.locator(`[data-test=map-legend-${colour}] [data-test=map-legend-count]`).textContent())
}

// --- setup -----------------------------------------------------------------

beforeAll(async () => {
  server = await startServer()
  admin = await apiLogin(server.username, server.password)

  const dept = (name: string, code: string) => api<{ id: number }>(admin, 'POST', '/api/v1/departments', { name, code, kind: 'bureau', head: '', phone: '' })
  ids.zjj = (await dept('县住房和城乡建设局', 'ZJJ')).id
  ids.jtj = (await dept('县交通运输局', 'JTJ')).id
  const user = (username: string, display_name: string, role: string) =>
    api(admin, 'POST', '/api/v1/users', { username, display_name, role, department_id: null, phone: '', password: 'Initial-Pass-01' })
  await user('xmb', '项目办王主任', 'office')
  await user('lingdao', '张县长', 'leader')
  await (await apiLogin('xmb', 'Initial-Pass-01')).dispose()
  await (await apiLogin('lingdao', 'Initial-Pass-01')).dispose()

  const project = (name: string, code: string, department_id: number, totalWan: number, at: [number, number] | null, town: string) =>
    api<{ id: number }>(admin, 'POST', '/api/v1/projects', {
      name,
      code,
      department_id,
      town,
      stage: 'construction',
      total_investment_yuan: totalWan * 10000,
      longitude: at?.[0] ?? null,
      latitude: at?.[1] ?? null,
      years: [{ year: YEAR, planned_yuan: (totalWan / 4) * 10000, level: 'county' }],
    })
  ids.red = (await project('城关镇至高铁站快速通道', 'YN-2026-001', ids.jtj, 320000, [119.42, 26.16], '城关镇')).id
  ids.yellow = (await project('东关镇老旧小区改造', 'YN-2026-002', ids.zjj, 8600, [119.16, 26.0], '东关镇')).id
  ids.green1 = (await project('城关镇污水处理厂提标改造', 'YN-2026-003', ids.zjj, 12000, [119.28, 26.24], '城关镇')).id
  ids.green2 = (await project('西山工业园标准厂房', 'YN-2026-004', ids.jtj, 45000, [119.2, 26.12], '西山乡')).id
  ids.nowhere = (await project('全县农村公路提质工程', 'YN-2026-005', ids.jtj, 6000, null, '')).id
  // Supervision sets two lights; the others are green.
  const until = `${YEAR}-12-31`
  await api(admin, 'PUT', `/api/v1/projects/${ids.red}/light/override`, { year: YEAR, colour: 'red', reason: '征地拆迁滞后，进度落后序时', until })
  await api(admin, 'PUT', `/api/v1/projects/${ids.yellow}/light/override`, { year: YEAR, colour: 'yellow', reason: '投资完成率偏低', until })

  browser = await launchBrowser()
  page = browser.page
  page.setDefaultTimeout(10_000)
  page.on('pageerror', (err) => pageErrors.push(String(err)))
  // Nothing may leave for the internet: every request goes to the server.
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) pageErrors.push(`external request: ${r.url()}`)
  })
}, 90_000)

afterAll(async () => {
  await admin?.dispose()
  await browser?.close()
  await server?.stop()
})

// --- the tests ---------------------------------------------------------------

describe('the cockpit map in a browser', () => {
  it('lets the office upload a boundary, refusing one in projected coordinates', async () => {
    await page.setViewportSize(DESKTOP)
    await login('xmb')
    await page.goto(`${server.url}/cockpit`)
    const empty = page.locator('[data-test=map-empty]')
    await empty.waitFor()
    expect(await empty.textContent()).toContain('尚未上传行政区边界')
    expect(await empty.locator('[data-test=map-missing]').textContent()).toContain('1 个项目未填写坐标')
    await empty.scrollIntoViewIfNeeded()
    await shoot('no-boundary')

    await page.locator('[data-test=map-upload]').click()
    const dialog = page.locator('[data-test=boundary-dialog]')
    await dialog.locator('[data-test=boundary-drop] input[type=file]').setInputFiles({
      name: '永宁县-投影坐标.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(projectedGeoJSON),
    })
    await dialog.locator('[data-test=boundary-submit]').click()
    const error = dialog.locator('[data-test=boundary-error]')
    await error.waitFor()
    expect(await error.textContent()).toContain('超出经纬度范围')
    await shoot('refused-file')

    await dialog.locator('[data-test=boundary-drop] input[type=file]').setInputFiles({
      name: '永宁县.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(countyGeoJSON()),
    })
    await dialog.locator('input[data-test=boundary-name]').fill('永宁县行政区域')
    await dialog.locator('[data-test=boundary-submit]').click()
    await page.getByText('已上传行政区边界“永宁县行政区域”').waitFor()
    await page.getByText('1 个非多边形要素').waitFor()
    await page.locator('[data-test=map-chart] canvas').first().waitFor()
    await expect.poll(async () => (await findColour(HEX.red)).n).toBeGreaterThan(20)
    // The office sees what is in use, to replace or delete it.
    await page.locator('[data-test=map-manage]').click()
    const current = dialog.locator('[data-test=boundary-current]')
    await current.waitFor()
    const facts = (await current.textContent()) ?? ''
    for (const want of ['永宁县行政区域', '1 个区域，1 个多边形', 'xmb']) expect(facts).toContain(want)
    expect(await dialog.locator('[data-test=boundary-delete]').isVisible()).toBe(true)
    await shoot('manage-dialog')
    await dialog.getByRole('button', { name: '取消' }).click()
    await dialog.waitFor({ state: 'hidden' })
  })

  it('shows a leader the projects in their light colours and opens a card on a click', async () => {
    await login('lingdao')
    await page.goto(`${server.url}/cockpit`)
    const map = page.locator('[data-test=cockpit-map]')
    await map.locator('[data-test=map-chart] canvas').first().waitFor()
    await map.scrollIntoViewIfNeeded()
    expect(await map.locator('.cmap__note').textContent()).toContain('永宁县行政区域')
    // Leaders read the map; they do not manage the boundary.
    expect(await page.locator('[data-test=map-manage]').count()).toBe(0)
    expect([await legendCount('red'), await legendCount('yellow'), await legendCount('green')]).toEqual([1, 1, 2])
    expect(await map.locator('[data-test=map-missing]').textContent()).toContain('1 个项目未填写坐标')
    for (const c of ['red', 'yellow', 'green'] as const) {
      await expect.poll(async () => (await findColour(HEX[c])).n, { message: `${c} points on the map` }).toBeGreaterThan(20)
    }
    await shoot('leader-desktop')

    // The legend hides a colour and shows it again.
    await page.locator('[data-test=map-legend-green]').click()
    await expect.poll(async () => (await findColour(HEX.green)).n).toBe(0)
    await page.locator('[data-test=map-legend-green]').click()
    await expect.poll(async () => (await findColour(HEX.green)).n).toBeGreaterThan(20)

    const red = await findColour(HEX.red)
    await page.mouse.click(red.x, red.y)
    const card = page.locator('[data-test=map-card]')
    await card.waitFor()
    expect(await card.locator('[data-test=map-card-name]').textContent()).toBe('城关镇至高铁站快速通道')
    expect(await card.locator('[data-test=light-tag]').getAttribute('data-colour')).toBe('red')
    const text = (await card.textContent()) ?? ''
    for (const want of ['YN-2026-001', '在建', '县交通运输局', '城关镇', '32.00 亿元', '8.00 亿元', '督查调整']) expect(text).toContain(want)
    await shoot('card-desktop')

    await card.locator('[data-test=map-card-open]').click()
    await page.waitForURL(new RegExp(`/projects/${ids.red}$`))
    await page.getByText('城关镇至高铁站快速通道').first().waitFor()
    await shoot('project-page')
  })

  it('works on a phone', async () => {
    await page.setViewportSize(PHONE)
    await page.goto(`${server.url}/cockpit`)
    const map = page.locator('[data-test=cockpit-map]')
    await map.locator('[data-test=map-chart] canvas').first().waitFor()
    await map.scrollIntoViewIfNeeded()
    await expect.poll(async () => (await findColour(HEX.yellow)).n).toBeGreaterThan(10)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    await shoot('leader-phone')

    const yellow = await findColour(HEX.yellow)
    await page.mouse.click(yellow.x, yellow.y)
    const card = page.locator('[data-test=map-card]')
    await card.waitFor()
    expect(await card.locator('[data-test=map-card-name]').textContent()).toBe('东关镇老旧小区改造')
    expect(await card.textContent()).toContain('8,600.00 万元')
    await card.scrollIntoViewIfNeeded()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    await shoot('card-phone')
    expect(pageErrors).toEqual([])
  })
})
