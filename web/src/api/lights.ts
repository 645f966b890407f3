// Warning lights (三色预警): the board, each project's light with its reasons
// and history, supervision overrides, and the office's rule sets.
import { http } from './http'
import type { Page, Role } from './types'

export const COLOURS = ['red', 'yellow', 'green'] as const
export type Colour = (typeof COLOURS)[number]

/** Who recomputes lights and edits the rule sets (periods.manage on the server). */
export const LIGHT_KEEPERS: readonly Role[] = ['admin', 'office']
/** Who may override a light (the server allows supervision and admins only). */
export const LIGHT_OVERRIDERS: readonly Role[] = ['admin', 'supervisor']

/** The colours of one group on the board. */
export interface GroupCount {
  key: string
  label: string
  green: number
  yellow: number
  red: number
}

/** One rule's verdict, with its reason in words (in the request's language). */
export interface LightResult {
  type: string
  rule_name: string
  colour: Colour
  applicable: boolean
  value: number
  reason: string
}

export interface BoardItem {
  id: number
  code: string
  name: string
  department_name: string
  leader_name: string
  town: string
  colour: Colour
  computed: Colour
  overridden: boolean
  results: LightResult[] | null
  reasons: string[] | null
}

export interface LightBoard {
  year: number
  counts: GroupCount
  by_department: GroupCount[] | null
  by_leader: GroupCount[] | null
  by_town: GroupCount[] | null
  by_domain: GroupCount[] | null
  turned_off_this_month: number
  items: Page<BoardItem>
}

export interface BoardFilter {
  year: number
  colour?: Colour | ''
  department_id?: number | null
  q?: string
  page?: number
  per_page?: number
}

export interface LightOverride {
  colour: Colour
  reason: string
  until: string
  by: string
}

export interface LightChange {
  from: Colour | ''
  to: Colour
  results: LightResult[] | null
  cause: string
  username: string
  at: string
}

export interface ProjectLight {
  project_id: number
  year: number
  /** What counts: the override while it lasts. */
  colour: Colour
  /** What the rules say. */
  computed: Colour
  results: LightResult[] | null
  reasons: string[] | null
  computed_at: string | null
  changed_at: string | null
  override: LightOverride | null
  history: LightChange[] | null
}

export const getBoard = (f: BoardFilter) => http.get<LightBoard>('/api/v1/lights', { ...f })
export const recompute = (year: number) =>
  http.post<{ year: number; changed: number; duration_ms: number }>('/api/v1/lights/recompute', undefined, { query: { year } })

export const getProjectLight = (id: number, year: number) => http.get<ProjectLight>(`/api/v1/projects/${id}/light`, { year })
export const overrideLight = (id: number, o: { year: number; colour: Colour; reason: string; until: string }) =>
  http.put<ProjectLight>(`/api/v1/projects/${id}/light/override`, o)
export const clearOverride = (id: number, year: number) =>
  http.delete<ProjectLight>(`/api/v1/projects/${id}/light/override`, { query: { year } })

// Rule sets.

export const OPS = ['>', '>=', '<', '<='] as const
export type Op = (typeof OPS)[number]

export interface Threshold {
  op: Op
  value: number
}

export interface LightRule {
  type: string
  yellow: Threshold | null
  red: Threshold | null
  /** Only projects whose annual plan is at least this (yuan); 0 for all. */
  min_plan_yuan: number
  /** Months in a row the condition must hold (investment rules); 0 or 1: now only. */
  consecutive: number
  enabled: boolean
}

export interface RuleSet {
  id: number
  name: string
  year: number
  preset: string
  rules: LightRule[] | null
  active: boolean
  created_at: string
  updated_at: string
  version: number
}

export interface Preset {
  key: string
  name: string
  rules: LightRule[] | null
}

export interface RuleType {
  type: string
  name: string
  unit: string
}

export interface RuleSets {
  items: RuleSet[] | null
  presets: Preset[] | null
  rule_types: RuleType[] | null
}

export type PreviewCounts = Partial<Record<Colour, number>>

const rules = '/api/v1/light-rules'

export const listRuleSets = (year: number) => http.get<RuleSets>(rules, { year })
export const createRuleSet = (body: { year: number; preset?: string; name?: string; rules?: LightRule[] }) =>
  http.post<RuleSet>(rules, body)
export const updateRuleSet = (id: number, body: { name: string; rules: LightRule[]; version: number }) =>
  http.put<RuleSet>(`${rules}/${id}`, body)
export const activateRuleSet = (id: number, version: number) => http.post<RuleSet>(`${rules}/${id}/activate`, { version })
export const previewRules = (year: number, list: LightRule[]) =>
  http.post<{ year: number; counts: PreviewCounts }>(`${rules}/preview`, { year, rules: list })
