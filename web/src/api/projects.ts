// The project ledger (项目库): projects, their stages, year lists, Excel import and export.
// Money is integer yuan on the wire; src/ui/money.ts converts to and from 万元.
import { fetchFile, http } from './http'
import type { Page, PageQuery } from './types'

export const STAGES = ['reserve', 'preliminary', 'new_start', 'construction', 'completed', 'operating'] as const
export type Stage = (typeof STAGES)[number]

export const NATURES = ['new', 'continued', 'expansion'] as const
export type Nature = (typeof NATURES)[number]

export const LEVELS = ['province', 'city', 'county'] as const
export type Level = (typeof LEVELS)[number]

export interface Funding {
  source: string
  amount_yuan: number
}

export interface YearPlan {
  year: number
  planned_yuan: number
  level: Level | ''
}

export interface Project {
  id: number
  code: string
  name: string
  flagship: boolean
  stage: Stage
  nature: Nature | ''
  level: Level | ''
  domain: string
  industry: string
  category: string
  content: string
  town: string
  address: string
  longitude: number | null
  latitude: number | null
  land_area_mu: number | null
  floor_area_m2: number | null
  total_investment_yuan: number
  completed_before_yuan: number
  start_year: number
  end_year: number
  planned_start: string
  planned_completion: string
  actual_start: string
  actual_completion: string
  owner_name: string
  owner_department_id: number | null
  owner_head: string
  owner_contact: string
  owner_phone: string
  leader_id: number | null
  leader_name: string
  department_id: number | null
  department_name: string
  dept_head: string
  dept_liaison: string
  dept_phone: string
  officer_id: number | null
  officer_name: string
  task_force: string
  funding: Funding[] | null
  years: YearPlan[] | null
  tags: string[] | null
  remarks: string
  extra: Record<string, string> | null
  archived: boolean
  created_at: string
  updated_at: string
  version: number
}

/** The fields a create or a PATCH may send (the server derives or guards the rest). */
export type ProjectInput = Partial<
  Omit<Project, 'id' | 'stage' | 'archived' | 'created_at' | 'updated_at' | 'version' | 'department_name'>
>

/**
 * The responsibility chain and the year lists: only the office (and admins)
 * may change them; the server answers 403 to anyone else.
 */
export const CHAIN_FIELDS = ['department_id', 'owner_department_id', 'leader_id', 'officer_id', 'years'] as const

export interface ProjectFilter extends PageQuery {
  q?: string
  stage?: Stage | ''
  nature?: Nature | ''
  level?: Level | ''
  year?: number | null
  department_id?: number | null
  leader_id?: number | null
  town?: string
  category?: string
  archived?: boolean | null
}

export interface ProjectList extends Page<Project> {
  /** Over the whole filtered selection, not just this page; planned_yuan is for the year filter. */
  sums?: { total_investment_yuan: number; planned_yuan: number }
}

export interface StageChange {
  to: Stage
  date?: string
  reason?: string
  version: number
}

export interface StageEvent {
  id?: number
  from: Stage | ''
  to: Stage
  date: string
  reason: string
  username: string
  at: string
}

const base = '/api/v1/projects'

export const listProjects = (f: ProjectFilter = {}) => http.get<ProjectList>(base, { ...f })
export const getProject = (id: number) => http.get<Project>(`${base}/${id}`)
export const createProject = (p: ProjectInput) => http.post<Project>(base, p)
export const updateProject = (id: number, patch: ProjectInput & { version: number }) =>
  http.patch<Project>(`${base}/${id}`, patch)
export const archiveProject = (id: number, version: number) =>
  http.delete<Project>(`${base}/${id}`, { query: { version } })
export const restoreProject = (id: number, version: number) =>
  http.post<Project>(`${base}/${id}/restore`, undefined, { query: { version } })
export const changeStage = (id: number, c: StageChange) => http.post<Project>(`${base}/${id}/stage`, c)
export const stageHistory = (id: number) => http.get<{ items: StageEvent[] | null }>(`${base}/${id}/stages`)
export const carryOver = (year: number) => http.post<{ added: number; year: number }>(`/api/v1/years/${year}/carry-over`)

// The ledger import preview. ColumnMap and TotalAmount keys are Go field
// names (capitalized): that is how the server sends them.

export interface ColumnMap {
  Column: string
  Header: string
  Field: string
  Unit: string
  Year: number
}

export interface TotalAmount {
  Column: string
  StatedYuan: number
  SumYuan: number
}

export interface TotalCheck {
  line: number
  label: string
  ok: boolean
  message: string
  amounts: TotalAmount[] | null
}

export interface LineMessage {
  line: number
  message: string
}

export interface CellError {
  sheet: string
  line: number
  column: string
  value: string
  message: string
}

export type ImportActionKind = 'create' | 'update' | 'unchanged' | 'duplicate'

export interface ImportAction {
  action: ImportActionKind
  project_id?: number
  matched_by?: string
  changes?: Record<string, [unknown, unknown]>
  duplicate_of?: number
}

export interface ImportRow {
  line: number
  section: string
  project: Project
  /** Missing when the sheet has cell errors: nothing was planned. */
  result?: ImportAction
  errors: CellError[] | null
}

export interface ImportSheet {
  name: string
  unit: string
  header_rows: number[] | null
  columns: ColumnMap[] | null
  totals: TotalCheck[] | null
  warnings: LineMessage[] | null
  rows: ImportRow[] | null
}

export interface ImportSummary {
  rows: number
  create: number
  update: number
  unchanged: number
  duplicate: number
  errors: number
  warnings: number
}

export interface ImportPreview {
  dry_run: boolean
  committed: boolean
  year: number
  file: string
  summary: ImportSummary
  sheets: ImportSheet[] | null
  skipped: { name: string; reason: string }[] | null
  errors: CellError[] | null
  new_departments: string[] | null
  missing_from_sheet: { id: number; code: string; name: string }[] | null
}

/**
 * importLedger uploads a sheet. With dryRun it only previews; without, it
 * imports all or nothing (a sheet with cell errors fails with 422, and the
 * ApiError's payload is the preview).
 */
export function importLedger(file: File, year: number | null, dryRun: boolean): Promise<ImportPreview> {
  const fd = new FormData()
  fd.append('file', file, file.name)
  return http.post<ImportPreview>('/api/v1/ledger/import', fd, {
    query: { dry_run: dryRun ? 'true' : undefined, year: year ?? undefined },
  })
}

/** exportLedger downloads a year's ledger as .xlsx (the office layout) or CSV. */
export const exportLedger = (year: number | null, format: 'xlsx' | 'csv') =>
  fetchFile('/api/v1/ledger/export', { year: year ?? undefined, format })
