import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/problems.zh-CN'
import enUS from '@/i18n/problems.en-US'
import {
  boardFilter,
  boardQuery,
  checklistScore,
  closeRate,
  countsSentence,
  decisionsInput,
  emptyChecklist,
  monthRange,
  orderActions,
  parseBoardQuery,
  problemActions,
  spotProblemsInput,
  tabCounts,
  type BoardState,
} from '@/ui/problems'

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, 'en-US': enUS } })
const t = (k: string, p: Record<string, unknown>) => i18n.global.t(k, p)

describe('the counts sentence', () => {
  it('says what offices say: found, closed, in progress, overdue', () => {
    const c = { found: 36, closed: 33, in_progress: 3, overdue: 1 }
    expect(countsSentence(c, t)).toBe('发现36个，已销号33个，推进中3个，超期1个')
    i18n.global.locale.value = 'en-US'
    try {
      expect(countsSentence(c, t)).toBe('36 found, 33 closed, 3 in progress, 1 overdue')
    } finally {
      i18n.global.locale.value = 'zh-CN'
    }
  })

  it('reads zeros when there are no counts yet', () => {
    expect(countsSentence(null, t)).toBe('发现0个，已销号0个，推进中0个，超期0个')
  })

  it('gives the close rate to one decimal, none without problems', () => {
    expect(closeRate({ found: 36, closed: 33 })).toBe(91.7)
    expect(closeRate({ found: 3, closed: 3 })).toBe(100)
    expect(closeRate({ found: 0, closed: 0 })).toBeNull()
  })

  it('puts the counts on the tabs', () => {
    const total = { key: '', label: '', found: 10, closed: 4, in_progress: 6, overdue: 2, avg_days_to_close: 3.5 }
    expect(tabCounts(total, 1)).toEqual({ all: 10, open: 6, overdue: 2, applied: 1, closed: 4 })
  })
})

describe('what each role may do with a problem', () => {
  it('lets the department accept, start and apply, but not close', () => {
    expect(problemActions('department', { status: 'assigned' })).toEqual(['accept', 'comment'])
    expect(problemActions('department', { status: 'accepted' })).toEqual(['start', 'comment'])
    expect(problemActions('department', { status: 'in_progress' })).toEqual(['apply', 'comment'])
    expect(problemActions('department', { status: 'applied' })).toEqual(['comment'])
  })

  it('lets the office close, send back, reopen and reassign', () => {
    expect(problemActions('office', { status: 'applied' })).toEqual(['close', 'send_back', 'reassign', 'comment'])
    expect(problemActions('office', { status: 'closed' })).toEqual(['reopen', 'comment'])
    expect(problemActions('office', { status: 'assigned' })).toEqual(['accept', 'reassign', 'comment'])
  })

  it('lets a leader or a viewer only comment', () => {
    expect(problemActions('leader', { status: 'applied' })).toEqual(['comment'])
    expect(problemActions('viewer', { status: 'in_progress' })).toEqual(['comment'])
    expect(problemActions(null, { status: 'in_progress' })).toEqual([])
  })

  it('lets the department receive and reply to an order, supervision account and close it', () => {
    expect(orderActions('department', { status: 'issued' })).toEqual(['receive', 'reply'])
    expect(orderActions('department', { status: 'received' })).toEqual(['reply'])
    expect(orderActions('supervisor', { status: 'replied' })).toEqual(['account', 'close'])
    expect(orderActions('leader', { status: 'issued' })).toEqual([])
    expect(orderActions('office', { status: 'closed' })).toEqual([])
  })
})

describe('the board state in the URL', () => {
  it('round-trips a state, leaving out the defaults', () => {
    const s: BoardState = { ...parseBoardQuery({}), tab: 'overdue', q: '用地', department_id: 7, level: 0, type: 'land', page: 2 }
    const q = boardQuery(s)
    expect(q).toEqual({ tab: 'overdue', q: '用地', department_id: '7', level: '0', type: 'land', page: '2' })
    expect(parseBoardQuery(q)).toEqual(s)
    expect(boardQuery(parseBoardQuery({}))).toEqual({})
  })

  it('ignores what it does not know', () => {
    const s = parseBoardQuery({ tab: 'bogus', type: 'weather', level: '9', department_id: '-1', per_page: '33' })
    expect(s).toEqual(parseBoardQuery({}))
  })

  it('has its own default tab for my tasks', () => {
    expect(parseBoardQuery({}, 'open').tab).toBe('open')
    expect(boardQuery(parseBoardQuery({}, 'open'), 'open')).toEqual({})
    expect(boardQuery({ ...parseBoardQuery({}, 'open'), tab: 'all' }, 'open')).toEqual({ tab: 'all' })
  })

  it('turns a tab into the list filter, keeping level 0', () => {
    const s = parseBoardQuery({ tab: 'applied', level: '0' })
    expect(boardFilter(s)).toMatchObject({ status: 'applied', level: 0, page: 1, per_page: 20 })
    expect(boardFilter(parseBoardQuery({ tab: 'open' }))).toMatchObject({ open: true })
    expect(boardFilter(parseBoardQuery({ tab: 'overdue' }))).toMatchObject({ overdue: true })
    expect(boardFilter(parseBoardQuery({}))).not.toHaveProperty('status')
  })
})

describe('the visit and meeting forms', () => {
  it('counts the three threes', () => {
    const c = { ...emptyChecklist(), saw_project_lead: true, saw_secretary: true, progress: '主体封顶', problems: '  ', followed_up: true }
    expect(checklistScore(c)).toEqual({ people: 2, questions: 1, jobs: 1 })
    expect(checklistScore(undefined)).toEqual({ people: 0, questions: 0, jobs: 0 })
  })

  it('sends the problems raised on the spot that have a title, with the leader', () => {
    const rows = [
      { title: ' 临时用电未接入 ', type: 'utilities' as const, description: '', department_id: 3, deadline_days: 5 },
      { title: '   ', type: 'other' as const, description: 'x', department_id: null, deadline_days: 5 },
    ]
    expect(spotProblemsInput(rows, 9)).toEqual([
      { title: '临时用电未接入', type: 'utilities', description: '', department_id: 3, leader_id: 9, deadline_days: 5 },
    ])
  })

  it('makes tasks of the decisions so marked', () => {
    const out = decisionsInput(
      [
        { text: '县自然资源局月底前完成供地', asTask: true, department_id: 4, deadline_days: 10 },
        { text: '各单位按周报送进度', asTask: false, department_id: null, deadline_days: 10 },
        { text: ' ', asTask: true, department_id: 4, deadline_days: 3 },
      ],
      12,
    )
    expect(out).toEqual([
      {
        text: '县自然资源局月底前完成供地',
        task: { kind: 'task', title: '县自然资源局月底前完成供地', department_id: 4, leader_id: 12, deadline_days: 10 },
      },
      { text: '各单位按周报送进度' },
    ])
  })

  it('knows the first and last day of a month', () => {
    expect(monthRange(new Date(2026, 1, 14))).toEqual(['2026-02-01', '2026-02-28'])
    expect(monthRange(new Date(2028, 1, 3))).toEqual(['2028-02-01', '2028-02-29'])
    expect(monthRange(new Date(2026, 11, 31))).toEqual(['2026-12-01', '2026-12-31'])
  })
})

describe('the problem catalogues', () => {
  type Tree = { [k: string]: string | Tree }
  const keys = (tree: Tree, prefix = ''): string[] =>
    Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)))

  it('have the same keys in both languages', () => {
    expect(keys(enUS as unknown as Tree).sort()).toEqual(keys(zhCN as Tree).sort())
  })

  it('do not use the plural bar or a linked-message @, which vue-i18n would read as syntax', () => {
    for (const tree of [zhCN, enUS]) {
      const text = JSON.stringify(tree)
      expect(text).not.toMatch(/[|@]/)
    }
  })
})
