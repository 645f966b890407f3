// The schedule (节点与挂图作战), the working-day calendar, the inbox and the
// reminder settings. Dates are YYYY-MM-DD strings; durations are working
// days on the official calendar.
import { http } from './http'
import type { Page } from './types'
import type { Stage } from './projects'

export const NODE_STATUSES = ['not_started', 'in_progress', 'done', 'overdue'] as const
export type NodeStatus = (typeof NODE_STATUSES)[number]

/** A node waits for another to finish, plus lag working days (finish-to-start). */
export interface NodeLink {
  node_id: number
  lag: number
}

export interface Node {
  id: number
  project_id: number
  /** The template's key, "" for a node added by hand. */
  key: string
  name: string
  seq: number
  /** Working days; 0 for a milestone. */
  duration_days: number
  planned_start: string
  planned_finish: string
  actual_start: string
  actual_finish: string
  department_id: number | null
  department_name: string
  person: string
  remarks: string
  preds: NodeLink[] | null
  /** Computed by the server for today. */
  status: NodeStatus
  /** Working days the node may slip without moving the end; null when some node has no dates. */
  slack: number | null
  critical: boolean
  updated_at: string
  version: number
}

export interface NodeList {
  today: string
  items: Node[] | null
  /** After a PATCH: the ids of the successors that were re-planned. */
  moved?: number[] | null
}

/** What a create or a PATCH may send (the server rejects the computed fields). */
export interface NodeInput {
  name?: string
  seq?: number
  duration_days?: number
  planned_start?: string
  planned_finish?: string
  actual_start?: string
  actual_finish?: string
  department_id?: number | null
  person?: string
  remarks?: string
  preds?: NodeLink[]
}

export interface TemplateNode {
  key: string
  name: string
  duration: number
  preds: { pred: string; lag: number }[] | null
}

export interface NodeTemplate {
  key: string
  name: string
  nodes: TemplateNode[]
}

export type TemplateMode = 'backward' | 'forward'

export interface TemplateRequest {
  template: string
  mode: TemplateMode
  /** The target completion (backward) or the start (forward). */
  date: string
  replace?: boolean
}

/**
 * A node as the battle map draws it: a year's list has tens of thousands,
 * so empty fields are left out (no duration_days: a milestone) and the
 * editor's fields (links, remarks, slack, version) are not sent: the node
 * dialog reads the whole node with getNode. The unit and person come with
 * open nodes only. A Node is a ScheduleNode.
 */
export interface ScheduleNode {
  id: number
  name: string
  duration_days?: number
  planned_start: string
  planned_finish: string
  actual_start?: string
  actual_finish?: string
  status: NodeStatus
  critical?: boolean
  department_name?: string
  person?: string
}

/** One project on the battle map with its nodes. */
export interface ScheduleRow {
  id: number
  code: string
  name: string
  stage: Stage
  department_id: number | null
  department_name: string
  leader_name: string
  nodes: ScheduleNode[] | null
}

export const GROUP_BYS = ['department', 'leader', 'stage'] as const
export type GroupBy = (typeof GROUP_BYS)[number]

export interface ScheduleFilter {
  year?: number
  group_by?: GroupBy
  q?: string
  stage?: Stage | ''
  department_id?: number | null
  leader_id?: number | null
}

export interface ScheduleResponse {
  today: string
  year: number
  items: ScheduleRow[] | null
}

export const getSchedule = (f: ScheduleFilter) => http.get<ScheduleResponse>('/api/v1/schedule', { ...f })
export const listNodeTemplates = () => http.get<{ items: NodeTemplate[] | null }>('/api/v1/node-templates')
export const listNodes = (projectId: number) => http.get<NodeList>(`/api/v1/projects/${projectId}/nodes`)
export const createNode = (projectId: number, n: NodeInput) => http.post<NodeList>(`/api/v1/projects/${projectId}/nodes`, n)
export const applyTemplate = (projectId: number, r: TemplateRequest) =>
  http.post<NodeList>(`/api/v1/projects/${projectId}/nodes/template`, r)
/** getNode reads a node whole, annotated for today, for its editor. */
export const getNode = (id: number) => http.get<Node>(`/api/v1/nodes/${id}`)
export const updateNode = (id: number, patch: NodeInput & { version: number }) => http.patch<NodeList>(`/api/v1/nodes/${id}`, patch)
export const deleteNode = (id: number) => http.delete<void>(`/api/v1/nodes/${id}`)

// The working-day calendar.

export type CalendarSource = 'builtin' | 'override' | 'weekends_only'

export interface CalendarDay {
  date: string
  /** true: off (放假); false: a make-up working day (调休上班). */
  off: boolean
  /** The holiday, e.g. 春节. */
  name: string
}

export interface CalendarYearSummary {
  year: number
  source: CalendarSource
  official: boolean
  has_builtin: boolean
  off_days: number
  make_up_days: number
  version: number
  updated_at: string | null
  updated_by: string
}

export interface CalendarYear {
  year: number
  source: CalendarSource
  official: boolean
  days: CalendarDay[] | null
  has_builtin: boolean
  /** The override's version; 0 when there is none. */
  version: number
  updated_at: string | null
  updated_by: string
  /** For a weekends-only year, says so in the request's language. */
  note?: string
}

export interface CalendarCount {
  date?: string
  days?: number
  /** Years crossed that have no data: the answer is an estimate. */
  fallback_years?: number[]
  note?: string
}

export const listCalendarYears = () =>
  http.get<{ years: CalendarYearSummary[] | null; min_year: number; max_year: number }>('/api/v1/calendar')
export const getCalendarYear = (year: number) => http.get<CalendarYear>(`/api/v1/calendar/${year}`)
export const putCalendarYear = (year: number, days: CalendarDay[], version: number) =>
  http.put<CalendarYear>(`/api/v1/calendar/${year}`, { days, version })
export const deleteCalendarYear = (year: number, version: number) =>
  http.delete<CalendarYear>(`/api/v1/calendar/${year}`, { query: { version } })
export const addWorkingDays = (from: string, days: number) =>
  http.get<CalendarCount>('/api/v1/calendar/add-working-days', { from, days })
export const workingDaysBetween = (from: string, to: string) =>
  http.get<CalendarCount>('/api/v1/calendar/working-days', { from, to })

// The inbox (消息).

export interface Notification {
  id: number
  /** node_due, node_overdue, light_red, report_due, ... */
  kind: string
  title: string
  body: string
  /** A path inside the app, e.g. /projects/12/schedule. */
  link: string
  project_id: number | null
  created_at: string
  read_at: string | null
}

export interface InboxPage extends Page<Notification> {
  unread: number
}

export const listInbox = (q: { unread?: boolean; page?: number; per_page?: number } = {}) =>
  http.get<InboxPage>('/api/v1/inbox', { ...q })
export const markRead = (id: number) => http.post<void>(`/api/v1/inbox/${id}/read`)
export const markAllRead = () => http.post<void>('/api/v1/inbox/read-all')

// Reminder settings: working days ahead.

export interface ReminderSettings {
  node_reminder_days: number
  report_reminder_days: number
}

export const getReminderSettings = () => http.get<ReminderSettings>('/api/v1/settings/reminders')
/** Send both fields: the server stores both, a missing one as 0. */
export const putReminderSettings = (s: ReminderSettings) => http.put<ReminderSettings>('/api/v1/settings/reminders', s)
