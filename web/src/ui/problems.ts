// The problem board's rules, kept free of Vue for the unit tests: what each
// role may do (mirroring the server's role table in access.go; the server
// still decides), the board's state in the URL, the counts sentence offices
// quote, and the shapes the meeting and visit forms send.
import type { Role } from '@/api/types'
import {
  ESCALATION_LEVELS,
  PROBLEM_KINDS,
  PROBLEM_TYPES,
  type Checklist,
  type Decision,
  type EscalationLevel,
  type OrderAction,
  type Problem,
  type ProblemAction,
  type ProblemCounts,
  type ProblemFilter,
  type ProblemInput,
  type ProblemKind,
  type ProblemType,
  type SupervisionOrder,
} from '@/api/problems'

// Who may do what (access.go: problems.log, problems.work, problems.close,
// supervise, meetings.record).
const LOGGERS: readonly Role[] = ['admin', 'office', 'leader', 'department', 'officer', 'supervisor']
const WORKERS: readonly Role[] = ['admin', 'office', 'department']
const CLOSERS: readonly Role[] = ['admin', 'office']
const SUPERVISORS: readonly Role[] = ['admin', 'office', 'supervisor']
const RECORDERS: readonly Role[] = ['admin', 'office', 'leader', 'officer']

const has = (list: readonly Role[], role: Role | null | undefined) => !!role && list.includes(role)

export const canLogProblems = (role: Role | null | undefined) => has(LOGGERS, role)
export const canWorkProblems = (role: Role | null | undefined) => has(WORKERS, role)
export const canCloseProblems = (role: Role | null | undefined) => has(CLOSERS, role)
export const canSupervise = (role: Role | null | undefined) => has(SUPERVISORS, role)
export const canRecordMeetings = (role: Role | null | undefined) => has(RECORDERS, role)

/** The actions that need a note: the evidence (apply), the reason (send back, reopen), the comment itself. */
export const NOTE_REQUIRED: readonly ProblemAction[] = ['apply', 'send_back', 'reopen', 'comment']

/**
 * problemActions lists the steps role may take on p now, in the order the
 * buttons show them (the flow's next step first, comment last).
 */
export function problemActions(role: Role | null | undefined, p: Pick<Problem, 'status'>): ProblemAction[] {
  const out: ProblemAction[] = []
  if (canWorkProblems(role)) {
    if (p.status === 'assigned') out.push('accept')
    if (p.status === 'accepted') out.push('start')
    if (p.status === 'in_progress') out.push('apply')
  }
  if (canCloseProblems(role)) {
    if (p.status === 'applied') out.push('close', 'send_back')
    if (p.status === 'closed') out.push('reopen')
    else out.push('reassign')
  }
  if (role) out.push('comment')
  return out
}

/**
 * orderActions lists the steps role may take on a supervision order: the
 * department receives and replies; supervision notes accountability and
 * closes.
 */
export function orderActions(role: Role | null | undefined, o: Pick<SupervisionOrder, 'status'>): OrderAction[] {
  const out: OrderAction[] = []
  if (o.status === 'closed') return out
  if (role === 'department') {
    if (o.status === 'issued') out.push('receive')
    out.push('reply')
  }
  if (canSupervise(role)) out.push('account', 'close')
  return out
}

/** The element-plus tag type of an escalation level: the higher, the louder. */
export function levelTagType(level: EscalationLevel): 'info' | 'warning' | 'danger' {
  return level === 0 ? 'info' : level === 1 ? 'warning' : 'danger'
}

/** The tag type of a status: closed is green, applied is waiting on the office. */
export function statusTagType(p: Pick<Problem, 'status' | 'overdue'>): 'success' | 'warning' | 'danger' | 'primary' | 'info' {
  if (p.status === 'closed') return 'success'
  if (p.overdue) return 'danger'
  if (p.status === 'applied') return 'warning'
  if (p.status === 'assigned') return 'info'
  return 'primary'
}

// The counts sentence: "发现36个，已销号33个，推进中3个，超期1个".

type Translate = (key: string, params: Record<string, unknown>) => string

export function countsSentence(c: Pick<ProblemCounts, 'found' | 'closed' | 'in_progress' | 'overdue'> | null | undefined, t: Translate): string {
  return t('problems.countsSentence', {
    found: c?.found ?? 0,
    closed: c?.closed ?? 0,
    progress: c?.in_progress ?? 0,
    overdue: c?.overdue ?? 0,
  })
}

/** closeRate is the share of problems found that are closed, in percent with one decimal (null when none were found). */
export function closeRate(c: Pick<ProblemCounts, 'found' | 'closed'> | null | undefined): number | null {
  if (!c || c.found <= 0) return null
  return Math.round((c.closed * 1000) / c.found) / 10
}

// The board's state in the URL: a tab, the filters and the page.

export const BOARD_TABS = ['all', 'open', 'overdue', 'applied', 'closed'] as const
export type BoardTab = (typeof BOARD_TABS)[number]

export interface BoardState {
  tab: BoardTab
  q: string
  department_id: number | null
  leader_id: number | null
  type: ProblemType | ''
  level: EscalationLevel | null
  kind: ProblemKind | ''
  page: number
  per_page: number
}

export const BOARD_PAGE_SIZES = [20, 50, 100]

export function defaultBoardState(tab: BoardTab = 'all'): BoardState {
  return { tab, q: '', department_id: null, leader_id: null, type: '', level: null, kind: '', page: 1, per_page: 20 }
}

type RawQuery = Record<string, string | null | (string | null)[] | undefined>

function one(v: RawQuery[string]): string {
  const x = Array.isArray(v) ? v[0] : v
  return typeof x === 'string' ? x.trim() : ''
}

function posInt(v: string): number | null {
  return /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : null
}

function pick<T extends string>(v: string, allowed: readonly T[]): T | '' {
  return (allowed as readonly string[]).includes(v) ? (v as T) : ''
}

/** parseBoardQuery reads the URL query; anything missing or malformed takes its default. */
export function parseBoardQuery(q: RawQuery, defaultTab: BoardTab = 'all'): BoardState {
  const s = defaultBoardState(defaultTab)
  s.tab = pick(one(q.tab), BOARD_TABS) || defaultTab
  s.q = one(q.q)
  s.department_id = posInt(one(q.department_id))
  s.leader_id = posInt(one(q.leader_id))
  s.type = pick(one(q.type), PROBLEM_TYPES)
  const level = one(q.level)
  s.level = /^\d$/.test(level) && (ESCALATION_LEVELS as readonly number[]).includes(Number(level)) ? (Number(level) as EscalationLevel) : null
  s.kind = pick(one(q.kind), PROBLEM_KINDS)
  s.page = posInt(one(q.page)) ?? 1
  const per = posInt(one(q.per_page))
  s.per_page = per && BOARD_PAGE_SIZES.includes(per) ? per : 20
  return s
}

/** boardQuery writes the state back to the URL, leaving out the defaults. */
export function boardQuery(s: BoardState, defaultTab: BoardTab = 'all'): Record<string, string> {
  const out: Record<string, string> = {}
  if (s.tab !== defaultTab) out.tab = s.tab
  if (s.q.trim()) out.q = s.q.trim()
  if (s.department_id) out.department_id = String(s.department_id)
  if (s.leader_id) out.leader_id = String(s.leader_id)
  if (s.type) out.type = s.type
  if (s.level !== null) out.level = String(s.level)
  if (s.kind) out.kind = s.kind
  if (s.page !== 1) out.page = String(s.page)
  if (s.per_page !== 20) out.per_page = String(s.per_page)
  return out
}

/** The filters without the tab: what the tab counts are computed over. */
export function boardFilters(s: BoardState): ProblemFilter {
  return {
    q: s.q.trim() || undefined,
    department_id: s.department_id ?? undefined,
    leader_id: s.leader_id ?? undefined,
    type: s.type || undefined,
    level: s.level,
    kind: s.kind || undefined,
  }
}

/** tabFilter is the part of the list query a tab adds. */
export function tabFilter(tab: BoardTab): ProblemFilter {
  switch (tab) {
    case 'open':
      return { open: true }
    case 'overdue':
      return { overdue: true }
    case 'applied':
      return { status: 'applied' }
    case 'closed':
      return { status: 'closed' }
  }
  return {}
}

/** boardFilter is what GET /api/v1/problems takes for a state (the server orders overdue first). */
export function boardFilter(s: BoardState): ProblemFilter {
  return { ...boardFilters(s), ...tabFilter(s.tab), page: s.page, per_page: s.per_page }
}

/** tabCounts are the numbers on the tabs, from the counts total and the number waiting for close-out. */
export function tabCounts(total: ProblemCounts | null | undefined, applied: number): Record<BoardTab, number> {
  return {
    all: total?.found ?? 0,
    open: total?.in_progress ?? 0,
    overdue: total?.overdue ?? 0,
    applied,
    closed: total?.closed ?? 0,
  }
}

// The site visit form (现场调研) and the meeting form.

export function emptyChecklist(): Checklist {
  return {
    saw_project_lead: false,
    saw_local_lead: false,
    saw_secretary: false,
    progress: '',
    problems: '',
    reasons: '',
    reported_up: false,
    coordinated: false,
    followed_up: false,
  }
}

/** checklistScore counts the three people seen, the three questions asked and the three jobs done. */
export function checklistScore(c: Checklist | null | undefined): { people: number; questions: number; jobs: number } {
  if (!c) return { people: 0, questions: 0, jobs: 0 }
  const n = (xs: unknown[]) => xs.filter((x) => (typeof x === 'string' ? x.trim() !== '' : !!x)).length
  return {
    people: n([c.saw_project_lead, c.saw_local_lead, c.saw_secretary]),
    questions: n([c.progress, c.problems, c.reasons]),
    jobs: n([c.reported_up, c.coordinated, c.followed_up]),
  }
}

/** A problem raised on the spot, as the visit form edits it. */
export interface SpotProblem {
  title: string
  type: ProblemType
  description: string
  department_id: number | null
  deadline_days: number
}

export const emptySpotProblem = (): SpotProblem => ({ title: '', type: 'other', description: '', department_id: null, deadline_days: 5 })

/** spotProblemsInput keeps the rows with a title and turns them into what POST /visits takes (the server adds project and source). */
export function spotProblemsInput(rows: SpotProblem[], leaderID: number | null): ProblemInput[] {
  return rows
    .filter((r) => r.title.trim() !== '')
    .map((r) => ({
      title: r.title.trim(),
      type: r.type,
      description: r.description.trim(),
      department_id: r.department_id,
      leader_id: leaderID,
      deadline_days: r.deadline_days,
    }))
}

/** A meeting decision, as the meeting form edits it. */
export interface DecisionRow {
  text: string
  asTask: boolean
  department_id: number | null
  deadline_days: number
}

export const emptyDecision = (): DecisionRow => ({ text: '', asTask: false, department_id: null, deadline_days: 10 })

/** decisionsInput keeps the decisions with text; those marked as tasks carry a task for the problem flow. */
export function decisionsInput(rows: DecisionRow[], chairID: number | null): Decision[] {
  return rows
    .filter((r) => r.text.trim() !== '')
    .map((r) => {
      const text = r.text.trim()
      if (!r.asTask) return { text }
      return {
        text,
        task: { kind: 'task', title: text, department_id: r.department_id, leader_id: chairID, deadline_days: r.deadline_days },
      }
    })
}

/** monthRange is the first and last day of the month of d, as YYYY-MM-DD. */
export function monthRange(d: Date): [string, string] {
  const pad = (n: number) => String(n).padStart(2, '0')
  const y = d.getFullYear()
  const m = d.getMonth()
  const last = new Date(y, m + 1, 0).getDate()
  return [`${y}-${pad(m + 1)}-01`, `${y}-${pad(m + 1)}-${pad(last)}`]
}

/** today is the local date as YYYY-MM-DD. */
export function today(d: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
