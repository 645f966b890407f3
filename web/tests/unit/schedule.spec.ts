import { describe, expect, it } from 'vitest'
import type { Node, NodeStatus, ScheduleNode, ScheduleRow } from '@/api/schedule'
import {
  addDays,
  dayMs,
  DIM,
  escapeHtml,
  ganttOption,
  isUpcoming,
  nodeItem,
  packLanes,
  pageBreaks,
  portfolioModel,
  projectModel,
  sliceModel,
  STATUS_COLORS,
  statusColor,
  tooltipHtml,
  truncate,
  UPCOMING_COLOR,
} from '@/components/schedule/gantt'

const TODAY = '2026-11-21'

let nextId = 1
function node(p: Partial<Node> & { planned_start: string; planned_finish: string }): Node {
  return {
    id: nextId++,
    project_id: 1,
    key: '',
    name: 'n',
    seq: 10,
    duration_days: 5,
    actual_start: '',
    actual_finish: '',
    department_id: null,
    department_name: '',
    person: '',
    remarks: '',
    preds: [],
    status: 'not_started',
    slack: 0,
    critical: false,
    updated_at: '',
    version: 1,
    ...p,
  }
}

/** lean is a node as the battle map sends it (see ScheduleNode): the editor's fields and empty ones left out, the unit and person of open nodes only. */
function lean(n: Node): ScheduleNode {
  const m: ScheduleNode = { id: n.id, name: n.name, planned_start: n.planned_start, planned_finish: n.planned_finish, status: n.status }
  if (n.duration_days) m.duration_days = n.duration_days
  if (n.actual_start) m.actual_start = n.actual_start
  if (n.actual_finish) m.actual_finish = n.actual_finish
  if (n.critical) m.critical = true
  if (!n.actual_finish && n.department_name) m.department_name = n.department_name
  if (!n.actual_finish && n.person) m.person = n.person
  return m
}

function project(id: number, p: Partial<ScheduleRow>, nodes: Node[] = []): ScheduleRow {
  return {
    id,
    code: '',
    name: `项目${id}`,
    stage: 'construction',
    department_id: null,
    department_name: '',
    leader_name: '',
    ...p,
    nodes: nodes.map(lean),
  }
}

const label = (k: string) => k || '（无）'

describe('status colours and upcoming nodes', () => {
  it('colours done green, overdue red, in progress blue, not started grey', () => {
    expect(statusColor('done')).toBe(STATUS_COLORS.done)
    expect(STATUS_COLORS.done).toMatch(/^#3f9c35$/i)
    expect(STATUS_COLORS.overdue).toMatch(/^#d93026$/i)
    expect(STATUS_COLORS.in_progress).toMatch(/^#2f74d0$/i)
    expect(STATUS_COLORS.not_started).toMatch(/^#b4bcc8$/i)
    expect(statusColor('bogus' as NodeStatus)).toBe(STATUS_COLORS.not_started)
  })

  it('calls a node upcoming when it is not done and its planned finish is within 7 days', () => {
    const due = (finish: string, p: Partial<Node> = {}) => isUpcoming(node({ planned_start: '2026-11-01', planned_finish: finish, ...p }), TODAY)
    expect(due('2026-11-21')).toBe(true) // today
    expect(due('2026-11-28')).toBe(true) // 7 days on
    expect(due('2026-11-29')).toBe(false)
    expect(due('2026-11-20', { status: 'overdue' })).toBe(false) // past: overdue, not upcoming
    expect(due('2026-11-25', { status: 'done', actual_finish: '2026-11-20' })).toBe(false)
    expect(due('')).toBe(false)
    // Across a month and a year end.
    expect(isUpcoming(node({ planned_start: '2026-12-01', planned_finish: '2027-01-02' }), '2026-12-28')).toBe(true)
  })

  it('counts calendar days in local time', () => {
    expect(addDays('2026-11-21', 7)).toBe('2026-11-28')
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
    expect(dayMs('2026-03-01') - dayMs('2026-02-28')).toBe(86_400_000)
    expect(Number.isNaN(dayMs('2026/03/01'))).toBe(true)
  })
})

describe('lanes', () => {
  it('puts overlapping nodes of one project on separate lanes and reuses free ones', () => {
    const a = node({ planned_start: '2026-01-01', planned_finish: '2026-01-10' })
    const b = node({ planned_start: '2026-01-05', planned_finish: '2026-01-20' }) // overlaps a
    const c = node({ planned_start: '2026-01-11', planned_finish: '2026-01-15' }) // a's lane is free again
    const d = node({ planned_start: '2026-01-10', planned_finish: '2026-01-12' }) // a ends on its start: a new lane
    const none = node({ planned_start: '', planned_finish: '' })
    const { lane, lanes } = packLanes([a, b, c, d, none])
    expect(lanes).toBe(3)
    expect(lane.get(a.id)).toBe(0)
    expect(lane.get(b.id)).toBe(1)
    expect(lane.get(d.id)).toBe(2)
    expect(lane.get(c.id)).toBe(0)
    expect(lane.has(none.id)).toBe(false)
    expect(packLanes([]).lanes).toBe(1)
  })
})

describe('the battle map model', () => {
  const items = [
    project(1, { department_name: '住建局', leader_name: '王副县长', stage: 'construction' }, [
      node({ planned_start: '2026-03-01', planned_finish: '2026-04-01', status: 'done', actual_finish: '2026-04-01' }),
      node({ planned_start: '2026-04-02', planned_finish: '2026-06-30', status: 'overdue' }),
      node({ planned_start: '2026-11-01', planned_finish: '2026-11-25', status: 'in_progress' }),
    ]),
    project(2, { department_name: '住建局', leader_name: '李副县长', stage: 'preliminary' }, [
      node({ planned_start: '2027-01-04', planned_finish: '2027-02-26', status: 'not_started' }),
    ]),
    project(3, { department_name: '', leader_name: '王副县长', stage: 'construction' }, [
      node({ planned_start: '2026-05-01', planned_finish: '2026-05-30', status: 'overdue' }),
      node({ planned_start: '', planned_finish: '', status: 'not_started' }),
    ]),
    project(4, { department_name: '发改局', leader_name: '', stage: 'preliminary' }, []),
  ]

  it('groups projects under headers in the order they come, with counts', () => {
    const m = portfolioModel(items, { groupBy: 'department', today: TODAY, groupLabel: label })
    expect(m.rows.map((r) => `${r.kind}:${r.label}`)).toEqual([
      'group:住建局',
      'project:项目1',
      'project:项目2',
      'group:（无）',
      'project:项目3',
      'group:发改局',
      'project:项目4',
    ])
    expect(m.rows[0]).toMatchObject({ count: 2, overdue: 1 })
    expect(m.rows[3]).toMatchObject({ count: 1, overdue: 1 })
    expect(m.rows[1]).toMatchObject({ projectId: 1, overdue: 1 })
    expect(m.projects).toBe(4)
  })

  it('groups by leader and by stage, gathering rows that are not next to each other', () => {
    const byLeader = portfolioModel(items, { groupBy: 'leader', today: TODAY, groupLabel: label })
    expect(byLeader.rows.filter((r) => r.kind === 'group').map((r) => [r.label, r.count])).toEqual([
      ['王副县长', 2],
      ['李副县长', 1],
      ['（无）', 1],
    ])
    expect(byLeader.rows.map((r) => r.key)).toEqual(['g:王副县长', 'p:1', 'p:3', 'g:李副县长', 'p:2', 'g:', 'p:4'])
    const byStage = portfolioModel(items, { groupBy: 'stage', today: TODAY, groupLabel: (k, by) => `${by}:${k}` })
    expect(byStage.rows.filter((r) => r.kind === 'group').map((r) => r.label)).toEqual(['stage:construction', 'stage:preliminary'])
  })

  it('counts nodes by status, upcoming and unplanned, and makes bars for planned ones', () => {
    const m = portfolioModel(items, { groupBy: 'department', today: TODAY, groupLabel: label })
    expect(m.counts).toEqual({ done: 1, overdue: 2, in_progress: 1, not_started: 2, upcoming: 1, unplanned: 1 })
    expect(m.bars).toHaveLength(5)
    const upcoming = m.bars.filter((b) => b.upcoming)
    expect(upcoming).toHaveLength(1)
    expect(upcoming[0].node.planned_finish).toBe('2026-11-25')
    // A bar ends after its finish day; each bar sits on its project's row.
    const b = m.bars.find((x) => x.node.planned_finish === '2026-06-30')!
    expect(b.end - b.start).toBe(dayMs('2026-07-01') - dayMs('2026-04-02'))
    expect(m.rows[b.row].projectId).toBe(1)
    expect(b.projectName).toBe('项目1')
  })

  it('keeps only projects with an overdue node when asked', () => {
    const m = portfolioModel(items, { groupBy: 'department', today: TODAY, groupLabel: label, onlyOverdue: true })
    expect(m.rows.filter((r) => r.kind === 'project').map((r) => r.projectId)).toEqual([1, 3])
    expect(m.rows.filter((r) => r.kind === 'group')).toHaveLength(2)
  })

  it('spans the axis over the year, today and every bar, in whole months', () => {
    const m = portfolioModel(items, { groupBy: 'department', today: TODAY, year: 2026, groupLabel: label })
    expect(m.min).toBe(new Date(2026, 0, 1).getTime())
    expect(m.max).toBe(new Date(2027, 2, 1).getTime()) // the last bar ends 2027-02-26
    expect(m.today).toBe(dayMs(TODAY))
    const empty = portfolioModel([], { groupBy: 'department', today: TODAY, year: 2026, groupLabel: label })
    expect([empty.min, empty.max]).toEqual([new Date(2026, 0, 1).getTime(), new Date(2027, 0, 1).getTime()])
  })

  it('puts a project’s parallel nodes on lanes of its row', () => {
    const p = project(9, {}, [
      node({ planned_start: '2026-01-01', planned_finish: '2026-02-01' }),
      node({ planned_start: '2026-01-10', planned_finish: '2026-03-01' }),
    ])
    const m = portfolioModel([p], { groupBy: 'department', today: TODAY, groupLabel: label })
    expect(m.rows[1].lanes).toBe(2)
    expect(m.bars.map((b) => [b.row, b.lane, b.lanes])).toEqual([
      [1, 0, 2],
      [1, 1, 2],
    ])
    expect(m.bars.map((b) => b.projectId)).toEqual([9, 9])
  })

  it('draws a map node without a duration as a milestone, and same-dated nodes in their order', () => {
    const first = node({ planned_start: '2026-03-02', planned_finish: '2026-03-02', duration_days: 0 })
    const second = node({ planned_start: '2026-03-02', planned_finish: '2026-03-02', duration_days: 0 })
    const p = project(5, {}, [first, second])
    expect(p.nodes![0]).not.toHaveProperty('duration_days')
    const m = portfolioModel([p], { groupBy: 'department', today: TODAY, groupLabel: label })
    expect(m.bars.map((b) => [b.node.id, b.lane, b.milestone])).toEqual([
      [first.id, 0, true],
      [second.id, 1, true],
    ])
  })
})

describe('a project’s chart', () => {
  it('has a row per node, milestones marked, critical nodes flagged', () => {
    const ns = [
      node({ name: '立项', planned_start: '2026-01-05', planned_finish: '2026-01-09', status: 'done', actual_finish: '2026-01-09', critical: true }),
      node({ name: '开工', planned_start: '2026-02-02', planned_finish: '2026-02-02', duration_days: 0, status: 'overdue' }),
      node({ name: '未排', planned_start: '', planned_finish: '' }),
    ]
    const m = projectModel(ns, TODAY, '项目A')
    expect(m.rows.map((r) => [r.kind, r.label, r.critical])).toEqual([
      ['node', '立项', true],
      ['node', '开工', false],
      ['node', '未排', false],
    ])
    expect(m.bars.map((b) => [b.row, b.milestone, b.status])).toEqual([
      [0, false, 'done'],
      [1, true, 'overdue'],
    ])
    expect(m.counts.unplanned).toBe(1)
  })
})

describe('printing', () => {
  const rows = portfolioModel(
    Array.from({ length: 30 }, (_, i) =>
      project(i + 1, { department_name: `单位${Math.floor(i / 10)}` }, [node({ planned_start: '2026-01-01', planned_finish: '2026-02-01' })]),
    ),
    { groupBy: 'department', today: TODAY, groupLabel: label },
  )

  it('breaks pages before a group header rather than after it', () => {
    expect(rows.rows).toHaveLength(33)
    const pages = pageBreaks(rows.rows, 12)
    expect(pages[0]).toEqual([0, 11]) // row 11 is the second header: it starts the next page
    expect(pages.flatMap(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i))).toEqual(rows.rows.map((_, i) => i))
    for (const [a, b] of pages) expect(b - a).toBeLessThanOrEqual(12)
  })

  it('repeats the group header on a page that starts inside a group', () => {
    const page = sliceModel(rows, 3, 8)
    expect(page.rows[0].kind).toBe('group')
    expect(page.rows.map((r) => r.key)).toEqual(['g:单位0', 'p:3', 'p:4', 'p:5', 'p:6', 'p:7'])
    expect(page.bars.map((b) => b.row)).toEqual([1, 2, 3, 4, 5])
  })
})

describe('the ECharts option', () => {
  const t = (k: string, a?: Record<string, unknown>) => (a ? `${k}${JSON.stringify(a)}` : k)
  const ns = [
    node({ name: '<b>环评</b>', planned_start: '2026-06-01', planned_finish: '2026-07-01', status: 'overdue', department_name: '环保局', person: '张三', slack: 0, critical: true }),
    node({ name: '施工', planned_start: '2026-11-01', planned_finish: '2026-11-24', status: 'in_progress' }),
  ]
  const m = portfolioModel([project(1, { name: '县医院' }, ns)], { groupBy: 'department', today: TODAY, year: 2026, groupLabel: label })

  it('has a nodes series whose items carry the status and node id, and a today line', () => {
    const o = ganttOption(m, { t, locale: 'zh-CN', rowsPerView: 20 }) as Record<string, any>
    const series = o.series.find((s: { id: string }) => s.id === 'nodes')
    expect(series.type).toBe('custom')
    expect(series.data).toHaveLength(2)
    const overdue = series.data.find((d: number[]) => d[DIM.node] === ns[0].id)
    expect(overdue[DIM.status]).toBe(3) // overdue
    expect(overdue[DIM.upcoming]).toBe(0)
    expect(series.data.find((d: number[]) => d[DIM.node] === ns[1].id)[DIM.upcoming]).toBe(1)
    expect(series.markLine.data).toEqual([{ xAxis: dayMs(TODAY) }])
    expect(o.yAxis.data).toEqual(['（无）', '县医院'])
    expect(o.xAxis.min).toBe(m.min)
  })

  it('scrolls rows only when they do not fit, and never on paper', () => {
    const few = ganttOption(m, { t, locale: 'zh-CN', rowsPerView: 20 }) as Record<string, any>
    expect(few.dataZoom.map((z: { id: string }) => z.id)).toEqual(['x-slider', 'x-inside'])
    const many = ganttOption(m, { t, locale: 'zh-CN', rowsPerView: 1 }) as Record<string, any>
    expect(many.dataZoom.map((z: { id: string }) => z.id)).toEqual(['x-slider', 'x-inside', 'y-slider', 'y-inside'])
    const paper = ganttOption(m, { t, locale: 'zh-CN', rowsPerView: 1, print: true }) as Record<string, any>
    expect(paper.dataZoom).toEqual([])
    expect(paper.tooltip.show).toBe(false)
  })

  it('describes a node in the tooltip with its names escaped', () => {
    const html = tooltipHtml(m.bars[0], t)
    expect(html).toContain('&lt;b&gt;环评&lt;/b&gt;')
    expect(html).not.toContain('<b>环评')
    expect(html).toContain('2026-06-01 ~ 2026-07-01')
    expect(html).toContain('环保局 · 张三')
    expect(html).toContain('schedule.critical')
    expect(html).toContain(STATUS_COLORS.overdue)
    expect(html).not.toContain('schedule.slack') // the map does not send it
    expect(tooltipHtml(m.bars[1], t)).toContain(UPCOMING_COLOR)
  })

  it('gives the slack in the tooltip of a whole node', () => {
    const pm = projectModel([node({ planned_start: '2026-06-01', planned_finish: '2026-07-01', slack: 4, critical: false })], TODAY)
    expect(tooltipHtml(pm.bars[0], t)).toContain('schedule.slackDays{&quot;n&quot;:4}')
    const done = node({ planned_start: '2026-01-01', planned_finish: '2026-01-02', status: 'done', actual_finish: '2026-01-02', person: '王五' })
    const dm = portfolioModel([project(2, {}, [done])], { groupBy: 'department', today: TODAY, groupLabel: label })
    expect(tooltipHtml(dm.bars[0], t)).not.toContain('王五') // who answered for a done node is in the dialog
  })

  it('puts the actual progress in the item for the project chart', () => {
    const done = node({ planned_start: '2026-01-01', planned_finish: '2026-01-10', actual_start: '2026-01-02', actual_finish: '2026-01-08', status: 'done' })
    const started = node({ planned_start: '2026-11-01', planned_finish: '2026-12-10', actual_start: '2026-11-03', status: 'in_progress' })
    const pm = projectModel([done, started], TODAY)
    expect(nodeItem(pm.bars[0], pm.today).slice(DIM.actualStart)).toEqual([dayMs('2026-01-02'), dayMs('2026-01-09')])
    // Started, not finished: the actual bar runs to the end of today.
    expect(nodeItem(pm.bars[1], pm.today)[DIM.actualEnd]).toBe(dayMs('2026-11-22'))
  })
})

describe('text helpers', () => {
  it('escapes HTML and truncates long labels', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
    expect(truncate('县人民医院新院区建设项目', 6)).toBe('县人民医院…')
    expect(truncate('短', 6)).toBe('短')
    expect(truncate('abcdefghij', 3)).toBe('abcd…')
  })
})

describe('row labels', () => {
  it('keep braces in names from breaking the rich text', () => {
    const m = portfolioModel([project(1, { name: '{a|b} 项目' }, [node({ planned_start: '2026-01-01', planned_finish: '2026-01-02' })])], {
      groupBy: 'department',
      today: TODAY,
      groupLabel: () => '{x}',
    })
    const o = ganttOption(m, { t: (k) => k, locale: 'zh-CN', rowsPerView: 20 }) as Record<string, any>
    const fmt = o.yAxis.axisLabel.formatter as (v: string, i: number) => string
    expect(fmt('', 0)).toBe('{g|｛x｝（1）}')
    expect(fmt('', 1)).toBe('{p|｛a|b｝ 项目}')
  })
})
