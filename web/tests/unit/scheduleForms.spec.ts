import { describe, expect, it } from 'vitest'
import type { CalendarDay, Node } from '@/api/schedule'
import { cycleDay, monthGrid, workingDays } from '@/components/schedule/calendarGrid'
import { defaultMapState, mapFilter, mapQuery, parseMapQuery } from '@/components/schedule/filters'
import { markDone, markStarted, nodeCreate, nodePatch, nodeToForm } from '@/components/schedule/nodeForm'

const base: Node = {
  id: 7,
  project_id: 1,
  key: 'eia',
  name: '环评批复',
  seq: 50,
  duration_days: 20,
  planned_start: '2026-06-25',
  planned_finish: '2026-07-22',
  actual_start: '',
  actual_finish: '',
  department_id: 3,
  department_name: '环保局',
  person: '',
  remarks: '',
  preds: [
    { node_id: 2, lag: 3 },
    { node_id: 4, lag: 0 },
  ],
  status: 'overdue',
  slack: 35,
  critical: false,
  updated_at: '',
  version: 4,
}

describe('the node form', () => {
  it('sends nothing when nothing changed', () => {
    expect(nodePatch(base, nodeToForm(base), 'duration')).toEqual({})
  })

  it('sends the actual dates of a node marked done today', () => {
    const f = nodeToForm(base)
    markDone(f, '2026-11-21')
    expect(nodePatch(base, f, 'duration')).toEqual({ actual_start: '2026-06-25', actual_finish: '2026-11-21' })
    // A plan that starts later: the actual start is today.
    const later = nodeToForm({ ...base, planned_start: '2026-12-01' })
    markDone(later, '2026-11-21')
    expect(later.actual_start).toBe('2026-11-21')
    const started = nodeToForm(base)
    markStarted(started, '2026-11-21')
    expect(started.actual_start).toBe('2026-11-21')
    expect(started.actual_finish).toBe('')
  })

  it('sends the duration, not the finish, when the duration drives', () => {
    const f = nodeToForm(base)
    f.duration_days = 25
    f.planned_finish = '2026-12-31' // stale: the server recounts it
    expect(nodePatch(base, f, 'duration')).toEqual({ duration_days: 25 })
    const moved = nodeToForm(base)
    moved.planned_start = '2026-07-01'
    expect(nodePatch(base, moved, 'duration')).toEqual({ planned_start: '2026-07-01', duration_days: 20 })
  })

  it('sends the finish, not the duration, when the finish drives', () => {
    const f = nodeToForm(base)
    f.planned_finish = '2026-08-31'
    f.duration_days = 99
    expect(nodePatch(base, f, 'finish')).toEqual({ planned_finish: '2026-08-31' })
  })

  it('keeps the lag of predecessors that stay', () => {
    const f = nodeToForm(base)
    f.preds = [2, 5]
    expect(nodePatch(base, f, 'duration').preds).toEqual([
      { node_id: 2, lag: 3 },
      { node_id: 5, lag: 0 },
    ])
    const same = nodeToForm(base)
    same.preds = [4, 2]
    expect(nodePatch(base, same, 'duration').preds).toBeUndefined()
  })

  it('creates a node with a duration or a finish', () => {
    const f = { ...nodeToForm(base), name: ' 用地 ', preds: [2] }
    expect(nodeCreate(f, 'duration', 60)).toMatchObject({ name: '用地', seq: 60, duration_days: 20, preds: [{ node_id: 2, lag: 0 }] })
    expect(nodeCreate(f, 'duration', 60).planned_finish).toBeUndefined()
    expect(nodeCreate(f, 'finish', 60)).toMatchObject({ planned_finish: '2026-07-22' })
    expect(nodeCreate(f, 'finish', 60).duration_days).toBeUndefined()
  })
})

describe('the battle map URL', () => {
  it('reads and writes the filters, leaving out defaults', () => {
    const s = parseMapQuery({ year: '2025', group_by: 'leader', q: ' 医院 ', stage: 'construction', department_id: '4', overdue: 'true' }, 2026)
    expect(s).toEqual({ year: 2025, group_by: 'leader', q: '医院', stage: 'construction', department_id: 4, leader_id: null, overdue: true })
    expect(mapQuery(s, 2026)).toEqual({ year: '2025', group_by: 'leader', q: '医院', stage: 'construction', department_id: '4', overdue: 'true' })
    expect(mapQuery(defaultMapState(2026), 2026)).toEqual({})
    expect(parseMapQuery({ year: 'x', group_by: 'town', stage: 'nope', department_id: '-1' }, 2026)).toEqual(defaultMapState(2026))
    expect(mapFilter(s)).toEqual({ year: 2025, group_by: 'leader', q: '医院', stage: 'construction', department_id: 4, leader_id: undefined })
  })
})

describe('the calendar grid', () => {
  const days: CalendarDay[] = [
    { date: '2026-10-01', off: true, name: '国庆节' },
    { date: '2026-10-10', off: false, name: '国庆节' },
  ]

  it('lays a month out Monday first with holidays and make-up days', () => {
    const weeks = monthGrid(2026, 9, new Map(days.map((d) => [d.date, d]))) // October 2026 starts on a Thursday
    expect(weeks[0].slice(0, 3)).toEqual([null, null, null])
    expect(weeks[0][3]).toMatchObject({ date: '2026-10-01', kind: 'holiday', name: '国庆节', weekday: 4 })
    expect(weeks[0][5]).toMatchObject({ date: '2026-10-03', kind: 'weekend' })
    expect(weeks[1][5]).toMatchObject({ date: '2026-10-10', kind: 'makeup' })
    expect(weeks[1][0]).toMatchObject({ date: '2026-10-05', kind: 'work' })
    expect(weeks.every((w) => w.length === 7)).toBe(true)
    expect(weeks.flat().filter(Boolean)).toHaveLength(31)
  })

  it('cycles a weekday off and back, a weekend day off, make-up and back', () => {
    let d = cycleDay([], '2026-10-05', '国庆节') // a Monday
    expect(d).toEqual([{ date: '2026-10-05', off: true, name: '国庆节' }])
    expect(cycleDay(d, '2026-10-05', '')).toEqual([])
    d = cycleDay(days, '2026-10-11', '国庆节') // a Sunday
    expect(d.map((x) => [x.date, x.off])).toEqual([
      ['2026-10-01', true],
      ['2026-10-10', false],
      ['2026-10-11', true],
    ])
    d = cycleDay(d, '2026-10-11', 'x')
    expect(d.find((x) => x.date === '2026-10-11')).toEqual({ date: '2026-10-11', off: false, name: '国庆节' })
    expect(cycleDay(d, '2026-10-11', '').find((x) => x.date === '2026-10-11')).toBeUndefined()
  })

  it('counts the working days of a year', () => {
    expect(workingDays(2026, [])).toBe(261) // weekdays only
    expect(workingDays(2026, days)).toBe(261 - 1 + 1)
  })
})

describe('the schedule routes', () => {
  type R = { path: string; name?: unknown; meta?: { title?: string; roles?: readonly string[] }; children?: R[] }
  const all = (rs: R[]): R[] => rs.flatMap((r) => [r, ...all(r.children ?? [])])
  const flat = (tree: Record<string, unknown>, prefix = ''): string[] =>
    Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flat(v as Record<string, unknown>, `${prefix}${k}.`)))

  it('have titles in both languages and the right roles', async () => {
    const { routes, nav } = await import('@/router/routes')
    const zh = new Set(flat((await import('@/i18n/zh-CN')).default as unknown as Record<string, unknown>))
    const en = new Set(flat((await import('@/i18n/en-US')).default as unknown as Record<string, unknown>))
    const mine = all(routes as unknown as R[]).filter((r) => ['schedule', 'project-schedule', 'calendar', 'reminders'].includes(String(r.name)))
    expect(mine.map((r) => r.name)).toEqual(['project-schedule', 'schedule', 'calendar', 'reminders'])
    for (const r of mine) {
      expect(zh.has(r.meta!.title!), r.meta!.title).toBe(true)
      expect(en.has(r.meta!.title!), r.meta!.title).toBe(true)
    }
    expect(mine.find((r) => r.name === 'calendar')!.meta!.roles).toEqual(['admin'])
    expect(mine.find((r) => r.name === 'reminders')!.meta!.roles).toEqual(['admin', 'office'])
    const admin = nav.find((n) => n.path === '/admin')!
    expect(admin.children!.map((c) => c.path)).toEqual(expect.arrayContaining(['/admin/calendar', '/admin/reminders']))
  })
})
