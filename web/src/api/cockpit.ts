// The leaders' cockpit (领导驾驶舱) and the key-project briefing (简报).
// Money is integer yuan on the wire; rates are percent.
import { fetchFile, http } from './http'
import type { ProblemCounts } from './problems'

/** The figures of one group of projects (or of the whole list, key ""). */
export interface Figures {
  key: string
  label: string
  project_count: number
  total_investment_yuan: number
  /** Annual plan (年度计划投资). */
  planned_yuan: number
  /** Approved, year to date. */
  completed_yuan: number
  completion_rate: number | null
  /** Time-elapsed share of the year (序时进度), percent. */
  elapsed_share: number
  /** How far completion lags the elapsed share (positive: behind). */
  gap_points: number | null
  cumulative_yuan: number
  cumulative_rate: number | null
  stats_yuan: number
  /** Completed per month of the year, January first. */
  monthly: number[]
  last_year_yuan: number
  yoy_rate: number | null
}

export interface LightCount {
  key: string
  label: string
  green: number
  yellow: number
  red: number
}

export interface StartTarget {
  quarter: number
  target: number
}

export interface StartFigures {
  new_projects: number
  started: number
  rate: number | null
  /** The current quarter (0 before the year, 4 after it). */
  quarter: number
  target: number
  targets: StartTarget[]
}

export const DASHBOARD_GROUPS = ['stage', 'domain', 'level', 'town', 'department'] as const
export type DashboardGroup = (typeof DASHBOARD_GROUPS)[number]

export interface Dashboard {
  year: number
  as_of: string
  total: Figures
  groups: Partial<Record<DashboardGroup, Figures[] | null>>
  start: StartFigures
  lights: LightCount
  lights_by_department: LightCount[] | null
  problems: ProblemCounts
  top_departments: Figures[] | null
  bottom_departments: Figures[] | null
}

/**
 * The briefing as JSON.
 */
export interface BriefingLit {
  name: string
  department: string
  reasons: string[] | null
}

export interface BriefingData {
  area: string
  year: number
  as_of: string
  month: number
  total: Figures
  by_department: Figures[] | null
  red: BriefingLit[] | null
  yellow: BriefingLit[] | null
  problems: ProblemCounts
  started: number
  new_projects: number
  new_started: number
}

export interface Briefing {
  headline: string
  briefing: BriefingData
}

export const getDashboard = (year: number) => http.get<Dashboard>('/api/v1/dashboard', { year })
export const getBriefing = (year: number) => http.get<Briefing>('/api/v1/briefings', { year, format: 'json' })
export const briefingDocument = (year: number) => fetchFile('/api/v1/briefings', { year, format: 'docx' })
