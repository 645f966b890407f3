// The battle map's filters live in the URL query, like the ledger's, so that
// a link or a reload shows the same map.
import { STAGES, type Stage } from '@/api/projects'
import { GROUP_BYS, type GroupBy, type ScheduleFilter } from '@/api/schedule'

export interface MapState {
  year: number
  group_by: GroupBy
  q: string
  stage: Stage | ''
  department_id: number | null
  leader_id: number | null
  /** Only projects with an overdue node (filtered here, not by the server). */
  overdue: boolean
}

type RawQuery = Record<string, string | null | (string | null)[] | undefined>

function one(v: RawQuery[string]): string {
  const x = Array.isArray(v) ? v[0] : v
  return typeof x === 'string' ? x.trim() : ''
}

function posInt(v: string): number | null {
  return /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : null
}

export function defaultMapState(thisYear: number): MapState {
  return { year: thisYear, group_by: 'department', q: '', stage: '', department_id: null, leader_id: null, overdue: false }
}

export function parseMapQuery(q: RawQuery, thisYear: number): MapState {
  const s = defaultMapState(thisYear)
  const y = one(q.year)
  if (/^\d{4}$/.test(y) && Number(y) >= 1990 && Number(y) <= 2100) s.year = Number(y)
  const g = one(q.group_by)
  if ((GROUP_BYS as readonly string[]).includes(g)) s.group_by = g as GroupBy
  s.q = one(q.q)
  const st = one(q.stage)
  if ((STAGES as readonly string[]).includes(st)) s.stage = st as Stage
  s.department_id = posInt(one(q.department_id))
  s.leader_id = posInt(one(q.leader_id))
  s.overdue = one(q.overdue) === 'true'
  return s
}

export function mapQuery(s: MapState, thisYear: number): Record<string, string> {
  const out: Record<string, string> = {}
  if (s.year !== thisYear) out.year = String(s.year)
  if (s.group_by !== 'department') out.group_by = s.group_by
  if (s.q.trim()) out.q = s.q.trim()
  if (s.stage) out.stage = s.stage
  if (s.department_id) out.department_id = String(s.department_id)
  if (s.leader_id) out.leader_id = String(s.leader_id)
  if (s.overdue) out.overdue = 'true'
  return out
}

export function mapFilter(s: MapState): ScheduleFilter {
  return {
    year: s.year,
    group_by: s.group_by,
    q: s.q.trim() || undefined,
    stage: s.stage || undefined,
    department_id: s.department_id ?? undefined,
    leader_id: s.leader_id ?? undefined,
  }
}
