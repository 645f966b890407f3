// Problems and tasks (问题清单, 交办事项) from finding to close-out (销号),
// supervision orders (督办单), meetings and site visits (会议与现场).
import { fetchFile, http } from './http'
import type { Page, PageQuery } from './types'

export const PROBLEM_STATUSES = ['assigned', 'accepted', 'in_progress', 'applied', 'closed'] as const
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number]

export const PROBLEM_TYPES = ['land', 'demolition', 'permits', 'funding', 'utilities', 'other'] as const
export type ProblemType = (typeof PROBLEM_TYPES)[number]

export const PROBLEM_SOURCES = ['report', 'visit', 'meeting', 'supervision', 'other'] as const
export type ProblemSource = (typeof PROBLEM_SOURCES)[number]

export const PROBLEM_KINDS = ['problem', 'task'] as const
export type ProblemKind = (typeof PROBLEM_KINDS)[number]

/** Escalation: 0 一般, 1 挂牌督办, 2 专题研究, 3 督查专报. */
export const ESCALATION_LEVELS = [0, 1, 2, 3] as const
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number]

export const PROBLEM_ACTIONS = ['accept', 'start', 'apply', 'close', 'send_back', 'reopen', 'reassign', 'comment'] as const
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number]

export interface Photo {
  id: number
  name: string
  content_type: string
  size: number
  width: number
  height: number
  created_at: string
}

export interface ProblemEvent {
  id: number
  /** A flow action, or "assign" for the logging itself. */
  action: ProblemAction | 'assign'
  from: ProblemStatus | ''
  to: ProblemStatus | ''
  note: string
  username: string
  at: string
}

export interface Problem {
  id: number
  kind: ProblemKind
  project_id: number | null
  project_name: string
  source: ProblemSource
  source_id: number | null
  type: ProblemType
  title: string
  description: string
  department_id: number | null
  department_name: string
  leader_id: number | null
  leader_name: string
  deadline: string
  status: ProblemStatus
  level: EscalationLevel
  found_on: string
  closed_on: string
  overdue: boolean
  created_by: string
  created_at: string
  updated_at: string
  version: number
  /** Only on GET /problems/{id} and after a step. */
  events?: ProblemEvent[]
  attachments?: Photo[]
}

/** Logs a problem or a task: a deadline date, or working days from today. */
export interface ProblemInput {
  kind?: ProblemKind
  project_id?: number | null
  source?: ProblemSource
  type?: ProblemType
  title?: string
  description?: string
  department_id?: number | null
  leader_id?: number | null
  deadline?: string
  deadline_days?: number | null
}

export interface ProblemFilter extends PageQuery {
  kind?: ProblemKind | ''
  status?: ProblemStatus | ''
  open?: boolean
  overdue?: boolean
  department_id?: number | null
  leader_id?: number | null
  project_id?: number | null
  type?: ProblemType | ''
  level?: EscalationLevel | null
  q?: string
}

export interface ProblemCounts {
  key: string
  label: string
  found: number
  closed: number
  in_progress: number
  overdue: number
  avg_days_to_close: number | null
}

export const COUNT_GROUPS = ['department', 'leader', 'type', 'month'] as const
export type CountGroup = (typeof COUNT_GROUPS)[number]

export interface ProblemCountsResult {
  total: ProblemCounts
  groups: ProblemCounts[] | null
  group_by: string
}

export interface ProblemStep {
  action: ProblemAction
  version: number
  note?: string
  department_id?: number | null
  deadline?: string
}

const base = '/api/v1/problems'

/** A filter as the query string takes it: booleans only when set, level 0 kept. */
function problemQuery(f: ProblemFilter) {
  return {
    ...f,
    open: f.open ? true : undefined,
    overdue: f.overdue ? true : undefined,
    level: f.level ?? undefined,
  }
}

export const listProblems = (f: ProblemFilter = {}) => http.get<Page<Problem>>(base, problemQuery(f))
export const problemCounts = (f: ProblemFilter = {}, groupBy: CountGroup | '' = '') =>
  http.get<ProblemCountsResult>(`${base}/counts`, { ...problemQuery(f), group_by: groupBy || undefined })
export const getProblem = (id: number) => http.get<Problem>(`${base}/${id}`)
export const createProblem = (p: ProblemInput) => http.post<Problem>(base, p)
export const stepProblem = (id: number, st: ProblemStep) => http.post<Problem>(`${base}/${id}/transitions`, st)

function upload(path: string, file: File): Promise<Photo> {
  const fd = new FormData()
  fd.append('file', file, file.name)
  return http.post<Photo>(path, fd)
}

export const uploadProblemAttachment = (id: number, file: File) => upload(`${base}/${id}/attachments`, file)

/** attachmentURL is where an attachment (or its thumbnail) is served, for <img src>. */
export const attachmentURL = (id: number, thumb = false) => `/api/v1/attachments/${id}${thumb ? '?thumb=true' : ''}`

/** The weekly problem list (一周一清单) or the supervision report (督查专报), as .docx. */
export const problemDocument = (kind: 'weekly' | 'report') => fetchFile(`${base}/documents`, { kind })

// Supervision orders (督办).

export const ORDER_GRADES = ['notice', 'order', 'circular'] as const
export type OrderGrade = (typeof ORDER_GRADES)[number]

export const ORDER_STATUSES = ['issued', 'received', 'replied', 'closed'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

export type OrderAction = 'receive' | 'reply' | 'account' | 'close'

export interface OrderItem {
  problem_id: number | null
  text: string
}

export interface OrderReply {
  text: string
  by: string
  at: string
}

export interface SupervisionOrder {
  id: number
  grade: OrderGrade
  title: string
  department_id: number
  department_name: string
  items: OrderItem[] | null
  reply_deadline: string
  status: OrderStatus
  received_at: string | null
  received_by: string
  replies: OrderReply[] | null
  accountability: string
  created_by: string
  created_at: string
  version: number
}

export interface OrderInput {
  grade: OrderGrade
  title: string
  department_id: number
  items: OrderItem[]
  reply_deadline: string
}

const orders = '/api/v1/supervision/orders'

export const listOrders = (status: OrderStatus | '' = '') =>
  http.get<{ items: SupervisionOrder[] | null }>(orders, { status: status || undefined })
export const getOrder = (id: number) => http.get<SupervisionOrder>(`${orders}/${id}`)
export const createOrder = (o: OrderInput) => http.post<SupervisionOrder>(orders, o)
export const stepOrder = (id: number, action: OrderAction, version: number, text = '') =>
  http.post<SupervisionOrder>(`${orders}/${id}/steps`, { action, text, version })

// Meetings and site visits (会议与现场).

export const MEETING_TYPES = ['dispatch', 'coordination', 'promotion', 'onsite', 'tour'] as const
export type MeetingType = (typeof MEETING_TYPES)[number]

export interface Decision {
  text: string
  /** On input: makes the decision a task (交办事项). */
  task?: ProblemInput
  /** On output: the task it became. */
  task_id?: number | null
}

export interface Meeting {
  id: number
  type: MeetingType
  title: string
  held_on: string
  chair_id: number | null
  chair_name: string
  attendees: string
  project_ids: number[] | null
  minutes: string
  decisions: Decision[] | null
  created_by: string
  created_at: string
  version: number
}

export type MeetingInput = Pick<Meeting, 'type' | 'title' | 'held_on' | 'chair_id' | 'attendees' | 'minutes'> & {
  project_ids: number[]
  decisions: Decision[]
}

/** The three threes (三个三) of a site visit. */
export interface Checklist {
  saw_project_lead: boolean
  saw_local_lead: boolean
  saw_secretary: boolean
  progress: string
  problems: string
  reasons: string
  reported_up: boolean
  coordinated: boolean
  followed_up: boolean
}

export interface Visit {
  id: number
  leader_id: number | null
  leader_name: string
  visited_on: string
  project_id: number
  project_name: string
  checklist: Checklist
  notes: string
  /** Filled only on GET /visits/{id}. */
  problem_ids: number[] | null
  photos: Photo[] | null
  created_by: string
  created_at: string
  version: number
}

export interface VisitInput {
  leader_id?: number | null
  leader_name?: string
  visited_on: string
  project_id: number
  checklist: Checklist
  notes: string
  /** Problems raised on the spot; the server logs them against the project. */
  problems: ProblemInput[]
}

export interface LeaderActivity {
  leader_id: number
  leader_name: string
  visits: number
  meetings: number
  target: number
  met: boolean
}

export interface DateRange {
  from?: string
  to?: string
}

interface Ranged<T> {
  items: T[] | null
  from: string
  to: string
}

export const listMeetings = (r: DateRange = {}) => http.get<Ranged<Meeting>>('/api/v1/meetings', { ...r })
export const getMeeting = (id: number) => http.get<Meeting>(`/api/v1/meetings/${id}`)
export const createMeeting = (m: MeetingInput) => http.post<Meeting>('/api/v1/meetings', m)

export const listVisits = (r: DateRange & { leader_id?: number | null } = {}) => http.get<Ranged<Visit>>('/api/v1/visits', { ...r })
export const getVisit = (id: number) => http.get<Visit>(`/api/v1/visits/${id}`)
export const createVisit = (v: VisitInput) => http.post<Visit>('/api/v1/visits', v)
export const uploadVisitPhoto = (id: number, file: File) => upload(`/api/v1/visits/${id}/photos`, file)

export const leaderActivity = (r: DateRange = {}) => http.get<Ranged<LeaderActivity>>('/api/v1/leader-activity', { ...r })
