// The month grids of the calendar admin screen and the edits made on them:
// a day is off (放假), a make-up working day (调休上班, only on a weekend),
// or as the week has it.
import type { CalendarDay } from '@/api/schedule'

export type DayKind = 'holiday' | 'makeup' | 'weekend' | 'work'

export interface GridDay {
  date: string
  day: number
  /** 0 Sunday … 6 Saturday. */
  weekday: number
  kind: DayKind
  /** The holiday's name for a listed day. */
  name: string
}

const pad = (n: number) => String(n).padStart(2, '0')
export const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m + 1)}-${pad(d)}`

export const isWeekend = (weekday: number) => weekday === 0 || weekday === 6

function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(y, m - 1, d).getDay()
}

export function dayKind(date: string, listed: CalendarDay | undefined): DayKind {
  if (listed) return listed.off ? 'holiday' : 'makeup'
  return isWeekend(weekdayOf(date)) ? 'weekend' : 'work'
}

/** monthGrid is a month as weeks of seven cells, Monday first; cells outside the month are null. */
export function monthGrid(year: number, month: number, days: ReadonlyMap<string, CalendarDay>): (GridDay | null)[][] {
  const first = new Date(year, month, 1).getDay()
  const lead = (first + 6) % 7 // Monday first
  const count = new Date(year, month + 1, 0).getDate()
  const cells: (GridDay | null)[] = Array.from({ length: lead }, () => null)
  for (let d = 1; d <= count; d++) {
    const date = isoDate(year, month, d)
    const listed = days.get(date)
    cells.push({ date, day: d, weekday: (first + d - 1) % 7, kind: dayKind(date, listed), name: listed?.name ?? '' })
  }
  while (cells.length % 7) cells.push(null)
  const weeks: (GridDay | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}

/**
 * cycleDay is the edit of a click on a date: a weekday goes normal → off →
 * normal; a weekend day normal → off → make-up working day → normal. New
 * entries take name. Returns a new sorted list.
 */
export function cycleDay(days: readonly CalendarDay[], date: string, name: string): CalendarDay[] {
  const rest = days.filter((d) => d.date !== date)
  const cur = days.find((d) => d.date === date)
  const weekend = isWeekend(weekdayOf(date))
  let next: CalendarDay | null
  if (!cur) next = { date, off: true, name }
  else if (cur.off && weekend) next = { date, off: false, name: cur.name || name }
  else next = null
  if (next) rest.push(next)
  return rest.sort((a, b) => a.date.localeCompare(b.date))
}

/** workingDays counts the working days of a year: weekdays not off, plus make-up days. */
export function workingDays(year: number, days: readonly CalendarDay[]): number {
  const listed = new Map(days.map((d) => [d.date, d]))
  let n = 0
  for (let m = 0; m < 12; m++) {
    const count = new Date(year, m + 1, 0).getDate()
    for (let d = 1; d <= count; d++) {
      const date = isoDate(year, m, d)
      const k = dayKind(date, listed.get(date))
      if (k === 'work' || k === 'makeup') n++
    }
  }
  return n
}
