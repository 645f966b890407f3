// The figures page's arithmetic: the time-elapsed share of the year at each
// month end (序时进度, as the server computes it) and the chart's series.
import type { Figures } from '@/api/reports'

const round1 = (x: number) => Math.round(x * 10) / 10

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

/** elapsedShare is the share of year gone on date (YYYY-MM-DD), in percent with one decimal, counting the day itself. */
export function elapsedShare(year: number, date: string): number {
  const y = +date.slice(0, 4)
  if (y < year) return 0
  if (y > year) return 100
  const start = Date.UTC(year, 0, 1)
  const d = Date.UTC(y, +date.slice(5, 7) - 1, +date.slice(8, 10))
  const days = isLeap(year) ? 366 : 365
  const gone = (d - start) / 86_400_000 + 1
  if (gone >= days) return 100
  return round1((gone / days) * 100)
}

/** monthEnd is the last day of month (1-12) as YYYY-MM-DD. */
export function monthEnd(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`
}

/** monthsShown is how many months of the year the figures cover as of a date (0 before the year). */
export function monthsShown(year: number, asOf: string): number {
  const y = +asOf.slice(0, 4)
  if (y < year) return 0
  if (y > year) return 12
  return +asOf.slice(5, 7)
}

export interface ChartSeries {
  months: number[]
  /** Completed in each month, yuan. */
  monthly: number[]
  /** Completed by the end of each month (by as_of for its month), yuan. */
  cumulative: number[]
  /** Annual plan × the elapsed share at each month end (by as_of for its month), yuan: the 序时 target. */
  target: number[]
}

/** chartSeries is monthly completion against plan × elapsed for the months up to as_of. */
export function chartSeries(total: Pick<Figures, 'monthly' | 'planned_yuan'>, year: number, asOf: string): ChartSeries {
  const n = monthsShown(year, asOf)
  const out: ChartSeries = { months: [], monthly: [], cumulative: [], target: [] }
  let sum = 0
  for (let m = 1; m <= n; m++) {
    const v = total.monthly?.[m - 1] ?? 0
    sum += v
    const end = m === n && +asOf.slice(0, 4) === year ? asOf : monthEnd(year, m)
    out.months.push(m)
    out.monthly.push(v)
    out.cumulative.push(sum)
    out.target.push(Math.round((total.planned_yuan * elapsedShare(year, end)) / 100))
  }
  return out
}

/** pct writes a percentage with one decimal, or — when there is none. */
export function pct(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v.toFixed(1)}%`
}

/** points writes the gap to 序时进度 in percentage points, signed: behind is positive. */
export function points(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  return v > 0 ? `+${v.toFixed(1)}` : v.toFixed(1)
}

/** wanNumber is yuan as a 万元 number for charts (2 decimals). */
export function wanNumber(yuan: number): number {
  return Math.round(yuan / 100) / 100
}
