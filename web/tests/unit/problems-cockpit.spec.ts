import { describe, expect, it } from 'vitest'
import type { Dashboard, Figures } from '@/api/cockpit'
import {
  barOption,
  cumulative,
  drillQuery,
  elapsedAtMonthEnd,
  groupData,
  inUnit,
  lightsOption,
  monthlyOption,
  monthsGone,
  pieOption,
  rateText,
  signedRate,
  startOption,
  unitFor,
} from '@/ui/cockpit'

const t = (k: string, p?: Record<string, unknown>) => (p ? `${k}:${JSON.stringify(p)}` : k)

function fig(key: string, label: string, n: number, extra: Partial<Figures> = {}): Figures {
  return {
    key,
    label,
    project_count: n,
    total_investment_yuan: 0,
    planned_yuan: 0,
    completed_yuan: 0,
    completion_rate: null,
    elapsed_share: 0,
    gap_points: null,
    cumulative_yuan: 0,
    cumulative_rate: null,
    stats_yuan: 0,
    monthly: Array(12).fill(0),
    last_year_yuan: 0,
    yoy_rate: null,
    ...extra,
  }
}

type Series = { type: string; name?: string; data: unknown[]; stack?: string }
const seriesOf = (o: unknown) => (o as { series: Series[] }).series

describe('the time-elapsed plan (序时进度)', () => {
  it('follows the days of the year and ends the year at 100%', () => {
    const e = elapsedAtMonthEnd(2026)
    expect(e).toHaveLength(12)
    expect(e[0]).toBe(8.5) // 31 of 365 days
    expect(e[5]).toBe(49.6) // end of June: 181 days
    expect(e[9]).toBe(83.3) // October 31, as figures.go says
    expect(e[11]).toBe(100)
    expect(elapsedAtMonthEnd(2028)[1]).toBe(16.4) // 60 of 366 days
  })

  it('counts the months with figures as of a date', () => {
    expect(monthsGone(2026, '2026-11-21')).toBe(11)
    expect(monthsGone(2026, '2027-01-05')).toBe(12)
    expect(monthsGone(2027, '2026-11-21')).toBe(0)
  })

  it('adds up months and picks a unit', () => {
    expect(cumulative([1, 2, 3, 0])).toEqual([1, 3, 6, 6])
    expect(unitFor(99_999_999)).toBe('wan')
    expect(unitFor(100_000_000)).toBe('yi')
    expect(inUnit(123_456_789, 'yi')).toBe(1.23)
    expect(inUnit(123_456_789, 'wan')).toBe(12345.68)
  })
})

describe('the monthly chart', () => {
  const monthly = [0, 1e8, 2e8, 3e8, 0, 0, 0, 0, 0, 0, 0, 0]
  const d: Pick<Dashboard, 'year' | 'as_of' | 'total'> = {
    year: 2026,
    as_of: '2026-04-15',
    total: fig('', '', 3, { planned_yuan: 12e8, monthly, completed_yuan: 6e8 }),
  }

  it('shows completion by month as bars, cumulative and the plan pro rata as lines, in 亿元', () => {
    const o = monthlyOption(d, t)
    const [bars, cum, plan] = seriesOf(o)
    expect(bars.type).toBe('bar')
    expect(bars.data.map((x) => (x as { value: number | null }).value)).toEqual([0, 1, 2, 3, null, null, null, null, null, null, null, null])
    expect(cum.data).toEqual([0, 1, 3, 6, null, null, null, null, null, null, null, null])
    expect(plan.type).toBe('line')
    expect(plan.data[11]).toBe(12) // the whole plan at the end of the year
    expect(plan.data[2]).toBe(2.96) // 12 亿 × 24.7% at the end of March
    expect((o.yAxis as { name: string }).name).toBe('cockpit.unitYi')
  })

  it('switches to 万元 for small lists, and every bar leads to the year list', () => {
    const small = { ...d, total: fig('', '', 1, { planned_yuan: 5_000_000, monthly: [1_000_000, ...Array(11).fill(0)] }) }
    const o = monthlyOption(small, t)
    expect((o.yAxis as { name: string }).name).toBe('cockpit.unitWan')
    const first = seriesOf(o)[0].data[0] as { value: number; drill: unknown }
    expect(first.value).toBe(100)
    expect(first.drill).toEqual({ year: '2026' })
  })
})

describe('drill-down to the ledger', () => {
  it('uses the filters the ledger reads from its URL', () => {
    expect(drillQuery('stage', 'construction', 2026)).toEqual({ year: '2026', stage: 'construction' })
    expect(drillQuery('level', 'city', 2026)).toEqual({ year: '2026', level: 'city' })
    expect(drillQuery('town', '城关镇', 2026)).toEqual({ year: '2026', town: '城关镇' })
    expect(drillQuery('department', '12', 2026)).toEqual({ year: '2026', department_id: '12' })
    expect(drillQuery('new', '', 2026)).toEqual({ year: '2026', nature: 'new' })
    expect(drillQuery('all', '', 2025)).toEqual({ year: '2025' })
  })

  it('has nowhere to go for a domain, an empty town or a project without department', () => {
    expect(drillQuery('domain', '产业', 2026)).toBeNull()
    expect(drillQuery('town', '', 2026)).toBeNull()
    expect(drillQuery('department', '', 2026)).toBeNull()
  })

  it('orders stages by the lifecycle and translates them, each slice with its filter', () => {
    const data = groupData('stage', [fig('construction', 'construction', 5), fig('reserve', 'reserve', 1), fig('new_start', 'new_start', 2)], 2026, t)
    expect(data.map((x) => x.name)).toEqual(['stages.reserve', 'stages.new_start', 'stages.construction'])
    expect(data.map((x) => x.value)).toEqual([1, 2, 5])
    expect(data[2].drill).toEqual({ year: '2026', stage: 'construction' })
    const pie = pieOption(data, 'x')
    expect(seriesOf(pie)[0].data).toBe(data)
  })

  it('orders towns by project count and names the empty one', () => {
    const data = groupData('town', [fig('乙镇', '乙镇', 2), fig('', '', 1), fig('甲镇', '甲镇', 4)], 2026, t)
    expect(data.map((x) => x.name)).toEqual(['甲镇', '乙镇', 'cockpit.unset'])
    expect(data[2].drill).toBeNull()
    const bar = barOption(data, 'x', true)
    expect((bar.yAxis as { data: string[] }).data).toEqual(['甲镇', '乙镇', 'cockpit.unset'])
  })

  it('stacks the lights by department, reddest first, each bar with its department', () => {
    const o = lightsOption(
      [
        { key: '3', label: '县住建局', green: 2, yellow: 0, red: 1 },
        { key: '5', label: '城关镇', green: 0, yellow: 1, red: 3 },
      ],
      2026,
      t,
    )
    const series = seriesOf(o)
    expect(series.map((s) => s.stack)).toEqual(['lights', 'lights', 'lights'])
    expect((o.yAxis as { data: string[] }).data).toEqual(['城关镇', '县住建局'])
    expect(series[0].data.map((x) => (x as { value: number }).value)).toEqual([3, 1])
    expect((series[2].data[1] as { drill: unknown }).drill).toEqual({ year: '2026', department_id: '3' })
  })

  it('shows the start rate against the quarterly targets, in this quarter only', () => {
    const o = startOption(
      { new_projects: 4, started: 3, rate: 75, quarter: 4, target: 100, targets: [{ quarter: 2, target: 80 }, { quarter: 1, target: 50 }, { quarter: 4, target: 100 }, { quarter: 3, target: 90 }] },
      2026,
      t,
    )
    const [targets, rate] = seriesOf(o)
    expect(targets.data.map((x) => (x as { value: number }).value)).toEqual([50, 80, 90, 100])
    expect(rate.data.map((x) => (x as { value: number | null }).value)).toEqual([null, null, null, 75])
    expect((rate.data[3] as { drill: unknown }).drill).toEqual({ year: '2026', nature: 'new' })
  })
})

describe('rates in words', () => {
  it('writes percents with one decimal and a dash for none', () => {
    expect(rateText(86)).toBe('86.0%')
    expect(rateText(null)).toBe('—')
    expect(signedRate(12.34)).toBe('+12.3%')
    expect(signedRate(-3)).toBe('-3.0%')
    expect(signedRate(0)).toBe('0.0%')
    expect(signedRate(undefined)).toBe('—')
  })
})
