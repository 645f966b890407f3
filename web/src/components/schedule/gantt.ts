// The Gantt chart of the battle map (挂图作战) and of one project, as plain
// data first (rows, bars, counts: unit-tested) and then as an ECharts option
// (a custom series of rect shapes, a markLine for today, dataZoom for time
// and rows). Nothing here draws on a canvas by hand.
import type { CustomSeriesRenderItem, CustomSeriesRenderItemReturn, EChartsOption } from 'echarts'
import type { GroupBy, Node, NodeStatus, ScheduleNode, ScheduleRow } from '@/api/schedule'

/** Bar colours by status; strong enough to survive a grey-scale print. */
export const STATUS_COLORS: Record<NodeStatus, string> = {
  done: '#3f9c35',
  overdue: '#d93026',
  in_progress: '#2f74d0',
  not_started: '#b4bcc8',
}

/** The outline of a node due within UPCOMING_DAYS. */
export const UPCOMING_COLOR = '#f08c00'
export const UPCOMING_DAYS = 7
export const TODAY_COLOR = '#e8590c'

const STATUS_ORDER: NodeStatus[] = ['not_started', 'in_progress', 'done', 'overdue']

// Dates. Days are local midnights so that the time axis labels them right
// in any time zone.

/** dayMs is the local midnight of a YYYY-MM-DD date (NaN when malformed). */
export function dayMs(d: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d)
  if (!m) return NaN
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime()
}

const pad = (n: number) => String(n).padStart(2, '0')

/** isoDay formats a time as YYYY-MM-DD in local time. */
export function isoDay(ms: number | Date): string {
  const d = typeof ms === 'number' ? new Date(ms) : ms
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** addDays adds calendar days to a YYYY-MM-DD date. */
export function addDays(d: string, n: number): string {
  const t = new Date(dayMs(d))
  t.setDate(t.getDate() + n)
  return isoDay(t)
}

/** daysBetween counts calendar days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dayMs(b) - dayMs(a)) / 86_400_000)
}

/**
 * isUpcoming: not done, and the planned finish falls within the next
 * UPCOMING_DAYS calendar days (today included). Overdue nodes are not
 * upcoming: their finish has passed.
 */
export function isUpcoming(n: Pick<ScheduleNode, 'status' | 'actual_finish' | 'planned_finish'>, today: string, days = UPCOMING_DAYS): boolean {
  if (n.status === 'done' || n.actual_finish || !n.planned_finish) return false
  return n.planned_finish >= today && n.planned_finish <= addDays(today, days)
}

/** statusColor is the fill of a node's bar. */
export function statusColor(s: NodeStatus): string {
  return STATUS_COLORS[s] ?? STATUS_COLORS.not_started
}

// The model.

export interface GanttRow {
  /** group: a header line; project: a project of the battle map; node: one node of a project's chart. */
  kind: 'group' | 'project' | 'node'
  key: string
  label: string
  projectId?: number
  nodeId?: number
  /** Projects under a group header. */
  count?: number
  /** Overdue nodes in the group or project (or 1 for an overdue node row). */
  overdue: number
  /** Sub-rows that overlapping nodes of a project are packed into. */
  lanes: number
  critical?: boolean
}

/** A bar's node: the battle map's (ScheduleNode) or a project's whole node, which also knows its slack. */
export type BarNode = ScheduleNode & { slack?: number | null }

export interface GanttBar {
  node: BarNode
  projectId: number
  projectName: string
  row: number
  lane: number
  lanes: number
  /** Local midnight of the planned start. */
  start: number
  /** Local midnight of the day after the planned finish. */
  end: number
  milestone: boolean
  status: NodeStatus
  upcoming: boolean
}

export type GanttCounts = Record<NodeStatus | 'upcoming' | 'unplanned', number>

export interface GanttModel {
  rows: GanttRow[]
  bars: GanttBar[]
  counts: GanttCounts
  /** Projects shown. */
  projects: number
  /** The time axis: first of a month to first of a month. */
  min: number
  max: number
  today: number
  todayIso: string
}

export const emptyCounts = (): GanttCounts => ({ not_started: 0, in_progress: 0, done: 0, overdue: 0, upcoming: 0, unplanned: 0 })

const planned = (n: ScheduleNode) => dayMs(n.planned_start) === dayMs(n.planned_start) && dayMs(n.planned_finish) === dayMs(n.planned_finish)

/**
 * packLanes puts a project's nodes on as few sub-rows as possible so that
 * parallel nodes (并联审批) do not hide each other: each node goes on the
 * first lane that is free by its start (ties in the nodes' order). Returns
 * the lane of each node id.
 */
export function packLanes(nodes: ScheduleNode[]): { lane: Map<number, number>; lanes: number } {
  const sorted = nodes.filter(planned).sort((a, b) => a.planned_start.localeCompare(b.planned_start) || a.planned_finish.localeCompare(b.planned_finish))
  const ends: string[] = [] // last finish on each lane
  const lane = new Map<number, number>()
  for (const n of sorted) {
    let i = ends.findIndex((end) => end < n.planned_start)
    if (i < 0) {
      i = ends.length
      ends.push('')
    }
    ends[i] = n.planned_finish
    lane.set(n.id, i)
  }
  return { lane, lanes: Math.max(1, ends.length) }
}

/** The key a project is grouped under, in the order the server sorts by. */
export function groupKey(r: ScheduleRow, by: GroupBy): string {
  switch (by) {
    case 'leader':
      return r.leader_name
    case 'stage':
      return r.stage
  }
  return r.department_name
}

export interface PortfolioOptions {
  groupBy: GroupBy
  today: string
  /** The year on show: the axis covers at least this whole year. */
  year?: number
  /** The header of a group (key is '' when the field is empty). */
  groupLabel: (key: string, by: GroupBy) => string
  /** Keep only projects with an overdue node. */
  onlyOverdue?: boolean
}

function countNode(c: GanttCounts, n: ScheduleNode, today: string): void {
  c[n.status] = (c[n.status] ?? 0) + 1
  if (isUpcoming(n, today)) c.upcoming++
  if (!planned(n)) c.unplanned++
}

function barOf(n: BarNode, projectId: number, row: number, lane: number, lanes: number, projectName: string, today: string): GanttBar {
  const start = dayMs(n.planned_start)
  const finish = dayMs(n.planned_finish)
  return {
    node: n,
    projectId,
    projectName,
    row,
    lane,
    lanes,
    start,
    end: finish + 86_400_000,
    milestone: !n.duration_days || n.planned_start === n.planned_finish,
    status: n.status,
    upcoming: isUpcoming(n, today),
  }
}

/** extent is the time axis: every bar and today (and the year), widened to whole months. */
function extent(bars: GanttBar[], today: number, year?: number): { min: number; max: number } {
  let min = Number.isFinite(today) ? today : Date.now()
  let max = min
  if (year) {
    min = Math.min(min, new Date(year, 0, 1).getTime())
    max = Math.max(max, new Date(year + 1, 0, 1).getTime())
  }
  for (const b of bars) {
    if (b.start < min) min = b.start
    if (b.end > max) max = b.end
  }
  const lo = new Date(min)
  const hi = new Date(max)
  const first = new Date(lo.getFullYear(), lo.getMonth(), 1).getTime()
  const last = hi.getDate() === 1 && hi.getHours() === 0 ? hi.getTime() : new Date(hi.getFullYear(), hi.getMonth() + 1, 1).getTime()
  return { min: first, max: last }
}

/**
 * portfolioModel lays out the battle map: a header line per group (by
 * department, leader or stage, in the server's order), then one line per
 * project whose nodes are packed into lanes.
 */
export function portfolioModel(items: ScheduleRow[], o: PortfolioOptions): GanttModel {
  const counts = emptyCounts()
  const groups = new Map<string, ScheduleRow[]>()
  for (const p of items) {
    const nodes = p.nodes ?? []
    if (o.onlyOverdue && !nodes.some((n) => n.status === 'overdue')) continue
    const k = groupKey(p, o.groupBy)
    const list = groups.get(k)
    if (list) list.push(p)
    else groups.set(k, [p])
  }
  const rows: GanttRow[] = []
  const bars: GanttBar[] = []
  let projects = 0
  for (const [k, list] of groups) {
    const header: GanttRow = { kind: 'group', key: `g:${k}`, label: o.groupLabel(k, o.groupBy), count: list.length, overdue: 0, lanes: 1 }
    rows.push(header)
    for (const p of list) {
      const nodes = p.nodes ?? []
      const { lane, lanes } = packLanes(nodes)
      const row = rows.length
      let overdue = 0
      for (const n of nodes) {
        countNode(counts, n, o.today)
        if (n.status === 'overdue') overdue++
        const l = lane.get(n.id)
        if (l !== undefined) bars.push(barOf(n, p.id, row, l, lanes, p.name, o.today))
      }
      header.overdue += overdue
      rows.push({ kind: 'project', key: `p:${p.id}`, label: p.name, projectId: p.id, overdue, lanes })
      projects++
    }
  }
  const today = dayMs(o.today)
  return { rows, bars, counts, projects, today, todayIso: o.today, ...extent(bars, today, o.year) }
}

/** projectModel lays out one project: a line per node, in the nodes' order. */
export function projectModel(nodes: Node[], today: string, projectName = ''): GanttModel {
  const counts = emptyCounts()
  const rows: GanttRow[] = []
  const bars: GanttBar[] = []
  for (const n of nodes) {
    countNode(counts, n, today)
    const row = rows.length
    rows.push({
      kind: 'node',
      key: `n:${n.id}`,
      label: n.name,
      projectId: n.project_id,
      nodeId: n.id,
      overdue: n.status === 'overdue' ? 1 : 0,
      lanes: 1,
      critical: n.critical,
    })
    if (planned(n)) bars.push(barOf(n, n.project_id, row, 0, 1, projectName, today))
  }
  const t = dayMs(today)
  return { rows, bars, counts, projects: 1, today: t, todayIso: today, ...extent(bars, t) }
}

/**
 * sliceModel keeps rows [from, to) with their bars, renumbered: the pages
 * of a printout. A page that starts inside a group repeats its header.
 */
export function sliceModel(m: GanttModel, from: number, to: number): GanttModel {
  const rows = m.rows.slice(from, to)
  let shift = from
  if (rows.length && rows[0].kind === 'project') {
    for (let i = from - 1; i >= 0; i--) {
      if (m.rows[i].kind === 'group') {
        rows.unshift(m.rows[i])
        shift = from - 1
        break
      }
    }
  }
  const bars = m.bars
    .filter((b) => b.row >= from && b.row < to)
    .map((b) => ({ ...b, row: b.row - shift }))
  return { ...m, rows, bars }
}

/** pageBreaks splits rows into pages of at most per rows, preferring to break before a group header. */
export function pageBreaks(rows: GanttRow[], per: number): [number, number][] {
  const out: [number, number][] = []
  let start = 0
  while (start < rows.length) {
    let end = Math.min(rows.length, start + per)
    if (end < rows.length) {
      // Do not leave a header alone at the bottom of a page.
      for (let i = end - 1; i > start + per / 2; i--) {
        if (rows[i].kind === 'group') {
          end = i
          break
        }
      }
    }
    out.push([start, end])
    start = end
  }
  return out
}

// Text.

/** escapeHtml makes a name safe for the tooltip's HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

/** richSafe keeps a name from breaking ECharts' {style|text} rich-text markup. */
export const richSafe = (s: string) => s.replace(/\{/g, '｛').replace(/\}/g, '｝')

/** truncate shortens a label to about width units (a CJK character is 1, a Latin one about 0.55). */
export function truncate(s: string, width: number): string {
  let w = 0
  for (let i = 0; i < s.length; i++) {
    w += s.charCodeAt(i) > 0x2e80 ? 1 : 0.55
    if (w > width) return `${s.slice(0, Math.max(0, i - 1))}…`
  }
  return s
}

// The ECharts option.

export type Translate = (key: string, args?: Record<string, unknown>) => string

export interface GanttOptionSettings {
  t: Translate
  locale: string
  /** Rows visible at once; more rows get a row slider. */
  rowsPerView: number
  /** A printout page: no sliders, no tooltips, no animation. */
  print?: boolean
  /** Width of the row labels in px. */
  labelWidth?: number
  /** Draw the actual start–finish under the planned bar (the project's chart). */
  showActual?: boolean
}

/** Dimensions of the nodes series' data items. */
export const DIM = { row: 0, start: 1, end: 2, lane: 3, lanes: 4, status: 5, upcoming: 6, milestone: 7, node: 8, actualStart: 9, actualEnd: 10 } as const

/** nodeItem is a bar as the custom series' data item. */
export function nodeItem(b: GanttBar, today: number): number[] {
  const n = b.node
  const as = n.actual_start ? dayMs(n.actual_start) : NaN
  const af = n.actual_finish ? dayMs(n.actual_finish) + 86_400_000 : Number.isFinite(as) ? today + 86_400_000 : NaN
  return [
    b.row,
    b.start,
    b.end,
    b.lane,
    b.lanes,
    STATUS_ORDER.indexOf(b.status),
    b.upcoming ? 1 : 0,
    b.milestone ? 1 : 0,
    n.id,
    Number.isFinite(as) ? as : 0,
    Number.isFinite(af) ? af : 0,
  ]
}

const BAND = 0.78 // share of a row's height the bars use

/** barBox is where a bar sits inside its row: [top, height] from the row's centre and height. */
export function barBox(centre: number, rowHeight: number, lane: number, lanes: number): [number, number] {
  const inner = rowHeight * BAND
  const laneH = inner / Math.max(1, lanes)
  const top = centre - inner / 2 + lane * laneH
  return [top + (lanes > 1 ? 0.5 : 0), Math.max(2, laneH - (lanes > 1 ? 1 : 0))]
}

type RenderParams = Parameters<CustomSeriesRenderItem>[0]
type RenderApi = Parameters<CustomSeriesRenderItem>[1]
type Grid = { x: number; y: number; width: number; height: number }

const renderNode = (showActual: boolean, nameOf: (id: number) => string): CustomSeriesRenderItem =>
  ((params: RenderParams, api: RenderApi): CustomSeriesRenderItemReturn => {
    const grid = params.coordSys as unknown as Grid
    const row = api.value(DIM.row) as number
    const [x0, cy] = api.coord([api.value(DIM.start), row])
    const [x1] = api.coord([api.value(DIM.end), row])
    const rowH = (api.size!([0, 1]) as number[])[1]
    const lanes = api.value(DIM.lanes) as number
    const [top0, h0] = barBox(cy, rowH, api.value(DIM.lane) as number, lanes)
    const status = STATUS_ORDER[api.value(DIM.status) as number] ?? 'not_started'
    const fill = statusColor(status)
    const upcoming = api.value(DIM.upcoming) === 1
    const stroke = upcoming ? UPCOMING_COLOR : undefined
    const lineWidth = upcoming ? 2 : 0
    const left = Math.max(x0, grid.x)
    const right = Math.min(x1, grid.x + grid.width)
    if (right < grid.x || left > grid.x + grid.width) return null as unknown as CustomSeriesRenderItemReturn
    // With the actual line below, the planned bar takes the upper part.
    const actualH = showActual ? Math.max(3, h0 * 0.22) : 0
    const top = top0
    const h = h0 - actualH - (showActual ? 2 : 0)
    const children: NonNullable<Extract<CustomSeriesRenderItemReturn, { type: 'group' }>['children']> = []
    if (api.value(DIM.milestone) === 1) {
      const r = Math.max(4, Math.min(h / 2 + 1, 9))
      const cx = (x0 + x1) / 2
      const my = top + h / 2
      children.push({
        type: 'polygon',
        shape: { points: [[cx, my - r], [cx + r, my], [cx, my + r], [cx - r, my]] },
        style: { fill, stroke: stroke ?? '#ffffff', lineWidth: upcoming ? 2 : 1 },
      })
    } else {
      const width = Math.max(2, right - left)
      children.push({
        type: 'rect',
        shape: { x: left, y: top, width, height: h, r: Math.min(3, h / 3) },
        style: { fill, stroke, lineWidth },
      })
      // The node's name inside its bar when there is room for it.
      if (width >= 44 && h >= 11) {
        children.push({
          type: 'text',
          style: {
            text: nameOf(api.value(DIM.node) as number),
            x: left + 4,
            y: top + h / 2,
            verticalAlign: 'middle',
            fill: status === 'not_started' ? '#1f2d3d' : '#ffffff',
            fontSize: Math.min(11, Math.floor(h - 1)),
            width: width - 8,
            overflow: 'truncate',
          },
          silent: true,
        })
      }
    }
    if (showActual) {
      const as = api.value(DIM.actualStart) as number
      const ae = api.value(DIM.actualEnd) as number
      if (as > 0 && ae > 0) {
        const [ax0] = api.coord([as, row])
        const [ax1] = api.coord([ae, row])
        const l = Math.max(ax0, grid.x)
        const r = Math.min(ax1, grid.x + grid.width)
        if (r > l) {
          children.push({
            type: 'rect',
            shape: { x: l, y: top + h + 2, width: Math.max(2, r - l), height: actualH },
            style: { fill: '#1f2d3d', opacity: 0.75 },
          })
        }
      }
    }
    return { type: 'group', children } as CustomSeriesRenderItemReturn
  }) as CustomSeriesRenderItem

/** The row backgrounds: tinted group headers and zebra stripes. */
const renderBand: CustomSeriesRenderItem = ((params: RenderParams, api: RenderApi): CustomSeriesRenderItemReturn => {
  const grid = params.coordSys as unknown as Grid
  const row = api.value(1) as number
  const kind = api.value(2) as number
  const [, cy] = api.coord([api.value(0), row])
  const rowH = (api.size!([0, 1]) as number[])[1]
  const fill = kind === 1 ? '#e3ebf7' : row % 2 ? '#f7f9fc' : '#ffffff'
  return {
    type: 'rect',
    shape: { x: grid.x, y: cy - rowH / 2, width: grid.width, height: rowH },
    style: { fill },
    silent: true,
  } as CustomSeriesRenderItemReturn
}) as CustomSeriesRenderItem

/** The axis labels by zoom level, in the UI language. */
function timeLabels(locale: string) {
  return locale.startsWith('zh')
    ? { year: '{yyyy}年', month: '{M}月', day: '{M}/{d}', hour: '', minute: '', second: '', millisecond: '' }
    : { year: '{yyyy}', month: '{MMM}', day: '{MMM} {d}', hour: '', minute: '', second: '', millisecond: '' }
}

/** tooltipHtml describes a node for the tooltip. */
export function tooltipHtml(b: GanttBar, t: Translate): string {
  const n = b.node
  const line = (label: string, value: string) =>
    value ? `<div class="gantt-tip__line"><span>${escapeHtml(label)}</span>${value}</div>` : ''
  const dates = (a = '', z = '') => escapeHtml(a && z ? (a === z ? a : `${a} ~ ${z}`) : a || z)
  // The battle map's nodes do not carry their slack (the node dialog shows it), only whether they are critical.
  const critical = n.critical ? ` <b style="color:${STATUS_COLORS.overdue}">★ ${escapeHtml(t('schedule.critical'))}</b>` : ''
  const slack = n.slack === null || n.slack === undefined ? '' : escapeHtml(t('schedule.slackDays', { n: n.slack }))
  const unit = [n.department_name, n.person].filter(Boolean).join(' · ')
  return [
    b.projectName ? `<div class="gantt-tip__project">${escapeHtml(b.projectName)}</div>` : '',
    `<div class="gantt-tip__name"><i style="background:${statusColor(b.status)}"></i>${escapeHtml(n.name)}`,
    ` <span class="gantt-tip__status" style="color:${statusColor(b.status)}">${escapeHtml(t(`schedule.status.${b.status}`))}</span>`,
    b.upcoming ? ` <span class="gantt-tip__status" style="color:${UPCOMING_COLOR}">${escapeHtml(t('schedule.upcoming'))}</span>` : '',
    slack ? '' : critical,
    '</div>',
    line(t('schedule.planned'), `${dates(n.planned_start, n.planned_finish)}（${escapeHtml(t('schedule.durationDays', { n: n.duration_days ?? 0 }))}）`),
    line(t('schedule.actual'), dates(n.actual_start, n.actual_finish)),
    line(t('schedule.unit'), escapeHtml(unit)),
    line(t('schedule.slack'), slack && slack + critical),
  ].join('')
}

/**
 * ganttOption is the chart for a model. The nodes series has id 'nodes';
 * its items are nodeItem arrays (DIM), so a click's value[DIM.node] is the
 * node id.
 */
export function ganttOption(m: GanttModel, s: GanttOptionSettings): EChartsOption {
  const { t } = s
  const labelWidth = s.labelWidth ?? 210
  const byNode = new Map(m.bars.map((b) => [b.node.id, b]))
  const scrollRows = !s.print && m.rows.length > s.rowsPerView
  const labelUnits = Math.floor((labelWidth - 16) / 12.5)
  const todayLabel = `${t('schedule.today')} ${m.todayIso.slice(5)}`
  return {
    animation: false,
    textStyle: { fontFamily: "'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', sans-serif" },
    grid: { left: labelWidth, right: scrollRows ? 34 : 16, top: 34, bottom: s.print ? 26 : 50, containLabel: false },
    tooltip: s.print
      ? { show: false }
      : {
          trigger: 'item',
          confine: true,
          className: 'gantt-tip',
          backgroundColor: 'rgba(255,255,255,0.97)',
          borderColor: '#c9d3e0',
          textStyle: { color: '#1f2d3d', fontSize: 12 },
          formatter: (p: unknown) => {
            const q = p as { seriesId?: string; value?: number[] }
            if (q.seriesId !== 'nodes' || !q.value) return ''
            const b = byNode.get(q.value[DIM.node])
            return b ? tooltipHtml(b, t) : ''
          },
        },
    xAxis: {
      type: 'time',
      position: 'top',
      min: m.min,
      max: m.max,
      axisLine: { lineStyle: { color: '#9aa7b8' } },
      axisLabel: { color: '#4a5568', fontSize: 11, formatter: timeLabels(s.locale), hideOverlap: true },
      splitLine: { show: true, lineStyle: { color: '#e6ebf2' } },
      axisPointer: { show: false },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: m.rows.map((r) => r.label),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#9aa7b8' } },
      splitLine: { show: false },
      axisLabel: {
        interval: 0,
        margin: 8,
        width: labelWidth - 14,
        overflow: 'truncate',
        formatter: (_: string, i: number) => {
          const r = m.rows[i]
          if (!r) return ''
          if (r.kind === 'group') return `{g|${richSafe(truncate(r.label, labelUnits - 4))}（${r.count ?? 0}）}`
          const star = r.critical ? '★ ' : ''
          const text = richSafe(truncate(star + r.label, labelUnits - (r.overdue && r.kind === 'project' ? 2 : 0)))
          return r.overdue && r.kind === 'project' ? `{o|${text}} {b|${r.overdue}}` : r.overdue ? `{o|${text}}` : `{p|${text}}`
        },
        rich: {
          g: { fontWeight: 'bold', color: '#0d2a4f', fontSize: 12 },
          p: { color: '#303133', fontSize: 12 },
          o: { color: '#b42318', fontSize: 12 },
          b: {
            color: '#ffffff',
            backgroundColor: STATUS_COLORS.overdue,
            borderRadius: 6,
            padding: [1, 4],
            fontSize: 10,
          },
        },
      },
    },
    dataZoom: s.print
      ? []
      : [
          {
            type: 'slider',
            id: 'x-slider',
            xAxisIndex: 0,
            filterMode: 'none',
            bottom: 8,
            height: 18,
            labelFormatter: (v: number) => isoDay(v),
            brushSelect: false,
          },
          { type: 'inside', id: 'x-inside', xAxisIndex: 0, filterMode: 'none', zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: 'shift' },
          ...(scrollRows
            ? [
                {
                  type: 'slider' as const,
                  id: 'y-slider',
                  yAxisIndex: 0,
                  filterMode: 'weakFilter' as const,
                  right: 6,
                  top: 34,
                  bottom: 50,
                  width: 16,
                  startValue: 0,
                  endValue: s.rowsPerView - 1,
                  showDetail: false,
                  brushSelect: false,
                  zoomLock: false,
                  minValueSpan: 4,
                },
                {
                  type: 'inside' as const,
                  id: 'y-inside',
                  yAxisIndex: 0,
                  filterMode: 'weakFilter' as const,
                  startValue: 0,
                  endValue: s.rowsPerView - 1,
                  zoomOnMouseWheel: false,
                  moveOnMouseWheel: true,
                  moveOnMouseMove: false,
                },
              ]
            : []),
        ],
    series: [
      {
        id: 'bands',
        type: 'custom',
        silent: true,
        renderItem: renderBand,
        encode: { x: 0, y: 1 },
        data: m.rows.map((r, i) => [m.min, i, r.kind === 'group' ? 1 : 0]),
        z: 0,
        tooltip: { show: false },
      },
      {
        id: 'nodes',
        type: 'custom',
        renderItem: renderNode(!!s.showActual, (id) => byNode.get(id)?.node.name ?? ''),
        encode: { x: [DIM.start, DIM.end], y: DIM.row },
        data: m.bars.map((b) => nodeItem(b, m.today)),
        clip: true,
        cursor: 'pointer',
        z: 2,
        markLine: {
          silent: true,
          symbol: ['none', 'none'],
          animation: false,
          lineStyle: { color: TODAY_COLOR, width: 2, type: 'solid' },
          label: {
            show: true,
            position: 'end',
            formatter: todayLabel,
            color: '#ffffff',
            backgroundColor: TODAY_COLOR,
            padding: [2, 5],
            borderRadius: 3,
            fontSize: 11,
          },
          data: [{ xAxis: m.today }],
        },
      },
    ],
  } as EChartsOption
}
