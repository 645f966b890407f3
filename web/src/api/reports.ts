// Dispatch (调度): reporting periods, the reports of each project, their
// photos, the investment figures and the period sheet import/export.
// Money is integer yuan on the wire; src/ui/money.ts converts to and from 万元.
import { fetchFile, http } from './http'
import type { Page, PageQuery, Role } from './types'

/** Who fills in reports (reports.fill). */
export const REPORT_FILLERS: readonly Role[] = ['admin', 'office', 'department', 'officer', 'owner']
/** Who approves, returns and amends them (reports.review). */
export const REPORT_REVIEWERS: readonly Role[] = ['admin', 'office', 'department']
/** Who opens, closes and imports periods (periods.manage). */
export const PERIOD_MANAGERS: readonly Role[] = ['admin', 'office']

export const PERIOD_KINDS = ['weekly', 'tenday', 'monthly'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]

export interface ReportCounts {
  total: number
  draft: number
  submitted: number
  returned: number
  approved: number
  /** Not submitted (draft or returned) after the deadline. */
  late: number
}

export interface Period {
  id: number
  name: string
  kind: PeriodKind
  year: number
  start: string
  end: string
  deadline_days: number
  deadline: string
  counts_investment: boolean
  closed: boolean
  created_by: string
  created_at: string
  version: number
  counts: ReportCounts
}

export interface PeriodInput {
  name: string
  kind: PeriodKind
  year: number
  start: string
  end: string
  /** Working days after the end. */
  deadline_days: number
  counts_investment: boolean
  project_ids?: number[]
}

/** What a reporter fills in. */
export interface ReportFields {
  invested_yuan: number
  progress_text: string
  progress_percent: number
  work_done: string
  next_plan: string
  problems: string
  stats_entered: boolean
  stats_yuan: number
}

export interface Photo {
  id: number
  name: string
  content_type: string
  size: number
  width: number
  height: number
  created_at: string
}

export interface Amendment {
  id: number
  reason: string
  before: ReportFields
  after: ReportFields
  username: string
  at: string
}

export interface Report extends ReportFields {
  id: number
  period_id: number
  period_name: string
  project_id: number
  project_name: string
  project_code: string
  department_name: string
  status: ReportStatus
  /** The period's deadline, YYYY-MM-DD. */
  deadline: string
  submitted_at: string | null
  submitted_by: string
  reviewed_at: string | null
  reviewed_by: string
  return_reason: string
  photos: Photo[] | null
  amendments: Amendment[] | null
  updated_at: string
  version: number
}

export interface ReportFilter extends PageQuery {
  status?: ReportStatus | ''
  department_id?: number | null
  project_id?: number | null
  period_id?: number | null
  late?: boolean
  mine?: boolean
}

/** The body of a save, submit or amend: every figure, the version read, and a reason where one is needed. */
export type ReportStep = ReportFields & { version: number; reason?: string }

const periods = '/api/v1/periods'
const reports = '/api/v1/reports'

export const listPeriods = (year?: number | null) => http.get<{ items: Period[] | null }>(periods, { year: year ?? undefined })
export const getPeriod = (id: number) => http.get<Period>(`${periods}/${id}`)
export const openPeriod = (p: PeriodInput) => http.post<Period>(periods, p)
export const closePeriod = (id: number, closed: boolean, version: number) =>
  http.post<Period>(`${periods}/${id}/close`, { closed, version })
export const periodReports = (id: number, f: ReportFilter = {}) =>
  http.get<Page<Report>>(`${periods}/${id}/reports`, { ...f, late: f.late ? true : undefined })
export const exportPeriod = (id: number) => fetchFile(`${periods}/${id}/export`, { format: 'xlsx' })

export const listReports = (f: ReportFilter = {}) =>
  http.get<Page<Report>>(reports, { ...f, late: f.late ? true : undefined, mine: f.mine ? true : undefined })
export const getReport = (id: number) => http.get<Report>(`${reports}/${id}`)
export const saveReport = (id: number, body: ReportStep) => http.patch<Report>(`${reports}/${id}`, body)
export const submitReport = (id: number, body: ReportStep) => http.post<Report>(`${reports}/${id}/submit`, body)
export const approveReport = (id: number, version: number) => http.post<Report>(`${reports}/${id}/approve`, { version })
export const returnReport = (id: number, version: number, reason: string) =>
  http.post<Report>(`${reports}/${id}/return`, { version, reason })
export const amendReport = (id: number, body: ReportStep & { reason: string }) =>
  http.post<Report>(`${reports}/${id}/amend`, body)

export function uploadPhoto(reportId: number, file: File): Promise<Photo> {
  const fd = new FormData()
  fd.append('file', file, file.name)
  return http.post<Photo>(`${reports}/${reportId}/photos`, fd)
}
export const deletePhoto = (id: number) => http.delete<void>(`/api/v1/photos/${id}`)
export const photoURL = (id: number) => `/api/v1/photos/${id}`
export const thumbURL = (id: number) => `/api/v1/photos/${id}/thumb`

/** reportsOfPeriod reads every report of a period in the caller's scope, page by page (for the totals). */
export async function allPeriodReports(id: number, maxPages = 40): Promise<Report[]> {
  const out: Report[] = []
  for (let page = 1; page <= maxPages; page++) {
    const r = await periodReports(id, { page, per_page: 500 })
    out.push(...(r.items ?? []))
    if (!r.items?.length || out.length >= r.total) break
  }
  return out
}

// The investment figures (GET /api/v1/figures).

export const FIGURE_GROUPS = ['department', 'leader', 'domain', 'town', 'stage'] as const
export type FigureGroup = (typeof FIGURE_GROUPS)[number]

export interface Figures {
  key: string
  label: string
  project_count: number
  total_investment_yuan: number
  planned_yuan: number
  completed_yuan: number
  completion_rate: number | null
  elapsed_share: number
  gap_points: number | null
  cumulative_yuan: number
  cumulative_rate: number | null
  stats_yuan: number
  monthly: number[]
  last_year_yuan: number
  yoy_rate: number | null
}

export interface FiguresResponse {
  year: number
  as_of: string
  elapsed_share: number
  group_by: string
  total: Figures
  groups: Figures[] | null
}

export const getFigures = (q: { year: number; as_of?: string; group_by?: string }) =>
  http.get<FiguresResponse>('/api/v1/figures', { ...q })

// Periods that open by themselves.

export interface AutoPeriods {
  enabled: boolean
  kind: PeriodKind
  deadline_days: number
}

export const getAutoPeriods = () => http.get<AutoPeriods>('/api/v1/settings/auto-periods')
export const putAutoPeriods = (s: AutoPeriods) => http.put<AutoPeriods>('/api/v1/settings/auto-periods', s)

/** deadlineFor counts working days after a date on the official calendar (the deadline a period would get). */
export const deadlineFor = (from: string, days: number) =>
  http.get<{ date?: string; note?: string }>('/api/v1/calendar/add-working-days', { from, days })

// The period sheet import (POST /api/v1/periods/{id}/import).

export type PeriodRowAction = 'submit' | 'skip' | 'error'

export interface PeriodCellError {
  sheet: string
  line: number
  column: string
  value: string
  message: string
}

export interface PeriodImportRow {
  line: number
  code: string
  name: string
  fields: ReportFields
  /** The fields the row fills in (a blank cell changes nothing). */
  set: string[] | null
  year_to_date_yuan: number | null
  action: PeriodRowAction
  report_id?: number
  project_id?: number
  matched_by?: 'code' | 'name'
  status?: ReportStatus
  changes?: Record<string, [unknown, unknown]>
  message?: string
  errors: PeriodCellError[] | null
}

/** A column of the sheet and how it was read; keys are Go field names, as the server sends them. */
export interface PeriodColumn {
  Column: string
  Header: string
  Field: string
  Unit: string
  Year: number
}

export interface PeriodImportPreview {
  dry_run: boolean
  committed: boolean
  period_id: number
  file: string
  sheet: string
  unit: string
  header_rows: number[] | null
  columns: PeriodColumn[] | null
  summary: { rows: number; submit: number; skip: number; errors: number }
  rows: PeriodImportRow[] | null
  errors: PeriodCellError[] | null
  skipped: { name: string; reason: string }[] | null
  unreported: { id: number; code: string; name: string }[] | null
}

export function importPeriod(id: number, file: File, dryRun: boolean): Promise<PeriodImportPreview> {
  const fd = new FormData()
  fd.append('file', file, file.name)
  return http.post<PeriodImportPreview>(`${periods}/${id}/import`, fd, { query: { dry_run: dryRun ? 'true' : undefined } })
}
