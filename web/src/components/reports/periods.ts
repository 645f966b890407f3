// Suggestions for a new reporting period: the dates of the week, ten days
// (旬) or month that contains a day, and a name the office would write.
import type { PeriodKind } from '@/api/reports'

const pad = (n: number) => String(n).padStart(2, '0')
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** periodRange is the week (Monday to Sunday), the 旬 or the month of day (YYYY-MM-DD). */
export function periodRange(kind: PeriodKind, day: string): { start: string; end: string } {
  const y = +day.slice(0, 4)
  const m = +day.slice(5, 7)
  const d = +day.slice(8, 10)
  if (kind === 'monthly') return { start: iso(y, m, 1), end: iso(y, m, lastDay(y, m)) }
  if (kind === 'tenday') {
    if (d <= 10) return { start: iso(y, m, 1), end: iso(y, m, 10) }
    if (d <= 20) return { start: iso(y, m, 11), end: iso(y, m, 20) }
    return { start: iso(y, m, 21), end: iso(y, m, lastDay(y, m)) }
  }
  const t = Date.UTC(y, m - 1, d)
  const dow = (new Date(t).getUTCDay() + 6) % 7 // Monday 0
  const mon = new Date(t - dow * 86_400_000)
  const sun = new Date(t + (6 - dow) * 86_400_000)
  return {
    start: iso(mon.getUTCFullYear(), mon.getUTCMonth() + 1, mon.getUTCDate()),
    end: iso(sun.getUTCFullYear(), sun.getUTCMonth() + 1, sun.getUTCDate()),
  }
}

/** The parts a period's name is made of; the words come from i18n (dispatch.open.name*). */
export interface NameParts {
  key: 'nameMonthly' | 'nameTenday' | 'nameWeekly'
  args: Record<string, string | number>
}

/** periodName says which name a period of kind from start to end gets. */
export function periodName(kind: PeriodKind, start: string, end: string): NameParts {
  const y = +start.slice(0, 4)
  const m = +start.slice(5, 7)
  if (kind === 'monthly') return { key: 'nameMonthly', args: { year: y, month: m } }
  if (kind === 'tenday') {
    const d = +start.slice(8, 10)
    return { key: 'nameTenday', args: { year: y, month: m, part: d <= 10 ? 1 : d <= 20 ? 2 : 3 } }
  }
  return { key: 'nameWeekly', args: { year: y, start: start.slice(5).replace('-', '.'), end: end.slice(5).replace('-', '.') } }
}
