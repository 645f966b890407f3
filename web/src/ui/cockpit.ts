// The cockpit's numbers and chart options, kept free of Vue for the unit
// tests. Every bar and slice carries the ledger filter of the projects
// behind it (drillQuery), which the view pushes to /projects.
import type { EChartsOption } from 'echarts'
import type { Dashboard, DashboardGroup, Figures, LightCount, StartFigures } from '@/api/cockpit'

type Translate = (key: string, params?: Record<string, unknown>) => string

const YI = 100_000_000
const WAN = 10_000

/** The unit a set of amounts reads best in: 亿元 from one 亿 up, else 万元. */
export type MoneyUnit = 'yi' | 'wan'

export function unitFor(maxYuan: number): MoneyUnit {
  return Math.abs(maxYuan) >= YI ? 'yi' : 'wan'
}

/** inUnit converts yuan for a chart axis, rounded to 2 decimals. */
export function inUnit(yuan: number, unit: MoneyUnit): number {
  const v = yuan / (unit === 'yi' ? YI : WAN)
  return Math.round(v * 100) / 100
}

/**
 * elapsedAtMonthEnd is the time-elapsed share (序时进度) at the end of each
 * month of year, in percent: the days gone over the days of the year, as
 * the server counts it (figures.go ElapsedShare), so December ends at 100.
 */
export function elapsedAtMonthEnd(year: number): number[] {
  const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000
  return Array.from({ length: 12 }, (_, m) => {
    if (m === 11) return 100
    const gone = (Date.UTC(year, m + 1, 1) - Date.UTC(year, 0, 1)) / 86_400_000
    return Math.round((gone / days) * 1000) / 10
  })
}

/** cumulative adds up monthly amounts: [1, 2, 3] → [1, 3, 6]. */
export function cumulative(xs: number[]): number[] {
  let sum = 0
  return xs.map((x) => (sum += x))
}

/** How many months of the year have figures as of asOf (YYYY-MM-DD): 0 before the year, 12 after. */
export function monthsGone(year: number, asOf: string): number {
  const y = Number(asOf.slice(0, 4))
  const m = Number(asOf.slice(5, 7))
  if (!y || !m) return 12
  if (y < year) return 0
  if (y > year) return 12
  return m
}

/** A drill-down target: the ledger's URL query for the projects behind a number. */
export type DrillQuery = Record<string, string>

/**
 * drillQuery is the ledger filter for one group's key (see src/ui/ledger.ts,
 * which reads year, stage, level, department_id, town and nature). It is
 * null where the ledger has no such filter (domain) or the key is empty.
 */
export function drillQuery(group: DashboardGroup | 'all' | 'new', key: string, year: number): DrillQuery | null {
  const q: DrillQuery = { year: String(year) }
  switch (group) {
    case 'all':
      return q
    case 'new':
      return { ...q, nature: 'new' }
    case 'stage':
    case 'level':
    case 'town':
      return key ? { ...q, [group]: key } : null
    case 'department':
      return /^\d+$/.test(key) ? { ...q, department_id: key } : null
  }
  return null
}

/** The label of a group's key: stages and levels are translated, an empty key says so. */
export function groupLabel(group: DashboardGroup, f: Pick<Figures, 'key' | 'label'>, t: Translate): string {
  if (!f.key && !f.label) return t('cockpit.unset')
  if (group === 'stage') return t(`stages.${f.key}`)
  if (group === 'level') return t(`levels.${f.key}`)
  return f.label || f.key
}

const STAGE_ORDER = ['reserve', 'preliminary', 'new_start', 'construction', 'completed', 'operating']
const LEVEL_ORDER = ['province', 'city', 'county']

/** sortGroup puts stages and levels in their natural order, the others by project count. */
export function sortGroup(group: DashboardGroup, list: Figures[] | null | undefined): Figures[] {
  const out = [...(list ?? [])]
  const order = group === 'stage' ? STAGE_ORDER : group === 'level' ? LEVEL_ORDER : null
  if (order) return out.sort((a, b) => rank(order, a.key) - rank(order, b.key))
  return out.sort((a, b) => b.project_count - a.project_count || a.label.localeCompare(b.label))
}

const rank = (order: string[], k: string) => (order.includes(k) ? order.indexOf(k) : order.length)

/** Data items carry their drill-down query for the click handler. */
export interface DrillDatum {
  name: string
  value: number
  drill: DrillQuery | null
}

const PALETTE = ['#1d5fbf', '#2f9e8f', '#e6a23c', '#8e6cc2', '#d9534f', '#4aa3df', '#7cb342', '#b07d48', '#5c6bc0', '#26a69a']

/** monthlyOption: completion per month (bars), cumulative completion and the plan pro rata to time elapsed (lines). */
export function monthlyOption(d: Pick<Dashboard, 'year' | 'as_of' | 'total'>, t: Translate): EChartsOption {
  const plan = d.total.planned_yuan
  const monthly = d.total.monthly?.length === 12 ? d.total.monthly : Array(12).fill(0)
  const gone = monthsGone(d.year, d.as_of)
  const unit = unitFor(Math.max(plan, cumulative(monthly)[11]))
  const months = Array.from({ length: 12 }, (_, i) => t('cockpit.month', { m: i + 1 }))
  const done = monthly.map((v, i) => (i < gone ? inUnit(v, unit) : null))
  const cum = cumulative(monthly).map((v, i) => (i < gone ? inUnit(v, unit) : null))
  const pace = elapsedAtMonthEnd(d.year).map((share) => inUnit((plan * share) / 100, unit))
  const unitName = t(unit === 'yi' ? 'cockpit.unitYi' : 'cockpit.unitWan')
  const drill = drillQuery('all', '', d.year)
  return {
    color: ['#1d5fbf', '#e6a23c', '#9aa5b1'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('cockpit.monthlyDone'), t('cockpit.cumulativeDone'), t('cockpit.cumulativePlan')] },
    grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: unitName, nameTextStyle: { align: 'left' } },
    series: [
      { name: t('cockpit.monthlyDone'), type: 'bar', barMaxWidth: 22, data: done.map((value, i) => ({ name: months[i], value, drill })) },
      { name: t('cockpit.cumulativeDone'), type: 'line', smooth: false, symbolSize: 6, data: cum },
      { name: t('cockpit.cumulativePlan'), type: 'line', symbol: 'none', lineStyle: { type: 'dashed' }, data: pace },
    ],
  }
}

/** groupData turns one group of the dashboard into chart items with their drill-down. */
export function groupData(group: DashboardGroup, list: Figures[] | null | undefined, year: number, t: Translate): DrillDatum[] {
  return sortGroup(group, list).map((f) => ({ name: groupLabel(group, f, t), value: f.project_count, drill: drillQuery(group, f.key, year) }))
}

/** pieOption: projects by a group (stage, domain), a ring with the counts (labels off on a phone: the legend names them). */
export function pieOption(data: DrillDatum[], title: string, compact = false): EChartsOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { type: 'scroll', bottom: 0 },
    series: [
      {
        name: title,
        type: 'pie',
        radius: ['38%', '66%'],
        center: ['50%', '45%'],
        label: { show: !compact, formatter: '{b}\n{c}' },
        data,
      },
    ],
  }
}

/** barOption: projects by a group (level, town), one bar each. */
export function barOption(data: DrillDatum[], title: string, horizontal = false): EChartsOption {
  const names = data.map((d) => d.name)
  const cat = { type: 'category' as const, data: names, axisLabel: { interval: 0, width: 80, overflow: 'truncate' as const } }
  const val = { type: 'value' as const, minInterval: 1 }
  return {
    color: ['#1d5fbf'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? { ...cat, inverse: true } : val,
    series: [{ name: title, type: 'bar', barMaxWidth: 28, label: { show: true, position: horizontal ? 'right' : 'top' }, data }],
  }
}

/** lightsOption: green, yellow and red projects per department, stacked. */
export function lightsOption(list: LightCount[] | null | undefined, year: number, t: Translate): EChartsOption {
  const rows = [...(list ?? [])].sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.label.localeCompare(b.label))
  const names = rows.map((r) => r.label || t('cockpit.unset'))
  const series = (['red', 'yellow', 'green'] as const).map((c) => ({
    name: t(`cockpit.light.${c}`),
    type: 'bar' as const,
    stack: 'lights',
    barMaxWidth: 18,
    data: rows.map((r, i) => ({ name: names[i], value: r[c], drill: drillQuery('department', r.key, year) })),
  }))
  return {
    color: ['#d9534f', '#e6a23c', '#52a35a'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 96, overflow: 'truncate' } },
    series,
  }
}

/** startOption: the start rate of new projects against each quarter's target, this quarter highlighted. */
export function startOption(s: StartFigures, year: number, t: Translate): EChartsOption {
  const targets = [...(s.targets ?? [])].sort((a, b) => a.quarter - b.quarter)
  const names = targets.map((x) => t('cockpit.quarter', { q: x.quarter }))
  const drill = drillQuery('new', '', year)
  return {
    color: ['#bbcfec', '#1d5fbf'],
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${v}%`) },
    legend: { top: 0 },
    grid: { left: 8, right: 12, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: names },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: t('cockpit.startTarget'),
        type: 'bar',
        barMaxWidth: 26,
        data: targets.map((x, i) => ({ name: names[i], value: x.target, drill })),
      },
      {
        name: t('cockpit.startRate'),
        type: 'bar',
        barMaxWidth: 26,
        label: { show: true, position: 'top', formatter: '{c}%' },
        data: targets.map((x, i) => ({ name: names[i], value: x.quarter === s.quarter ? (s.rate ?? 0) : null, drill })),
      },
    ],
  }
}

/** rateText writes a percent with one decimal, or a dash. */
export function rateText(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v.toFixed(1)}%`
}

/** signedRate writes a change with its sign: +12.5%, -3.0%. */
export function signedRate(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  return `${v > 0 ? '+' : ''}${v.toFixed(1)}%`
}
