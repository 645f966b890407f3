// The ledger table's state lives in the URL (so that a link, a reload or the
// back button keeps the year, the filters and the page) and its column choice
// in localStorage. Both are plain functions here, for the unit tests.
import { LEVELS, NATURES, STAGES, type Level, type Nature, type Project, type ProjectFilter, type Stage } from '@/api/projects'

export const LEDGER_PAGE_SIZES = [20, 50, 100, 200]
const DEFAULT_PER_PAGE = 50

/** The sort fields the server accepts (planned_yuan only with a year). */
export const SORTABLE = new Set([
  'id',
  'code',
  'name',
  'stage',
  'nature',
  'level',
  'town',
  'category',
  'total_investment_yuan',
  'planned_start',
  'planned_completion',
  'department_name',
  'updated_at',
  'planned_yuan',
])

export interface LedgerState {
  /** null: all years. */
  year: number | null
  q: string
  stage: Stage | ''
  nature: Nature | ''
  level: Level | ''
  department_id: number | null
  leader_id: number | null
  town: string
  archived: boolean
  page: number
  per_page: number
  /** "field" or "-field"; "" for the server's order. */
  sort: string
}

export function defaultLedgerState(thisYear: number): LedgerState {
  return {
    year: thisYear,
    q: '',
    stage: '',
    nature: '',
    level: '',
    department_id: null,
    leader_id: null,
    town: '',
    archived: false,
    page: 1,
    per_page: DEFAULT_PER_PAGE,
    sort: '',
  }
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

/** parseLedgerQuery reads the URL query; anything missing or malformed takes its default. */
export function parseLedgerQuery(q: RawQuery, thisYear: number): LedgerState {
  const s = defaultLedgerState(thisYear)
  const year = one(q.year)
  if (year === 'all') s.year = null
  else if (/^\d{4}$/.test(year) && Number(year) >= 1990 && Number(year) <= 2100) s.year = Number(year)
  s.q = one(q.q)
  s.stage = pick(one(q.stage), STAGES)
  s.nature = pick(one(q.nature), NATURES)
  s.level = pick(one(q.level), LEVELS)
  s.department_id = posInt(one(q.department_id))
  s.leader_id = posInt(one(q.leader_id))
  s.town = one(q.town)
  s.archived = one(q.archived) === 'true'
  s.page = posInt(one(q.page)) ?? 1
  const per = posInt(one(q.per_page))
  s.per_page = per && LEDGER_PAGE_SIZES.includes(per) ? per : DEFAULT_PER_PAGE
  const sort = one(q.sort)
  if (SORTABLE.has(sort.replace(/^-/, '')) && (s.year !== null || !sort.endsWith('planned_yuan'))) s.sort = sort
  return s
}

/** ledgerQuery writes the state back to the URL, leaving out the defaults. */
export function ledgerQuery(s: LedgerState, thisYear: number): Record<string, string> {
  const d = defaultLedgerState(thisYear)
  const out: Record<string, string> = {}
  if (s.year === null) out.year = 'all'
  else if (s.year !== d.year) out.year = String(s.year)
  if (s.q.trim()) out.q = s.q.trim()
  if (s.stage) out.stage = s.stage
  if (s.nature) out.nature = s.nature
  if (s.level) out.level = s.level
  if (s.department_id) out.department_id = String(s.department_id)
  if (s.leader_id) out.leader_id = String(s.leader_id)
  if (s.town.trim()) out.town = s.town.trim()
  if (s.archived) out.archived = 'true'
  if (s.page !== 1) out.page = String(s.page)
  if (s.per_page !== d.per_page) out.per_page = String(s.per_page)
  if (s.sort) out.sort = s.sort
  return out
}

/** ledgerFilter is what GET /api/v1/projects takes for a state. */
export function ledgerFilter(s: LedgerState): ProjectFilter {
  return {
    q: s.q.trim() || undefined,
    stage: s.stage || undefined,
    nature: s.nature || undefined,
    level: s.level || undefined,
    year: s.year ?? undefined,
    department_id: s.department_id ?? undefined,
    leader_id: s.leader_id ?? undefined,
    town: s.town.trim() || undefined,
    archived: s.archived ? true : undefined,
    page: s.page,
    per_page: s.per_page,
    sort: s.sort || undefined,
  }
}

/** The years the year selector offers: next year down to six years back, plus the one chosen. */
export function yearOptions(thisYear: number, chosen: number | null): number[] {
  const ys = new Set<number>()
  for (let y = thisYear + 1; y >= thisYear - 6; y--) ys.add(y)
  if (chosen) ys.add(chosen)
  return [...ys].sort((a, b) => b - a)
}

/** planFor is the project's planned investment (yuan) on year's list, or null when it is not on it. */
export function planFor(p: Pick<Project, 'years'>, year: number | null): number | null {
  if (year === null) return null
  return p.years?.find((y) => y.year === year)?.planned_yuan ?? null
}

// The columns. `fixed` ones cannot be hidden.

export const LEDGER_COLUMNS = [
  'flagship',
  'code',
  'name',
  'stage',
  'nature',
  'level',
  'total',
  'plan',
  'department',
  'leader',
  'officer',
  'town',
  'category',
  'owner',
  'period',
  'plannedStart',
  'plannedCompletion',
  'actualStart',
  'actualCompletion',
  'updatedAt',
] as const
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number]

export const FIXED_COLUMNS: readonly LedgerColumn[] = ['name']

export const DEFAULT_COLUMNS: readonly LedgerColumn[] = [
  'flagship',
  'code',
  'name',
  'stage',
  'nature',
  'level',
  'total',
  'plan',
  'department',
  'leader',
  'plannedStart',
  'plannedCompletion',
]

const COLUMNS_KEY = 'tuijin.ledger.columns'

/** loadColumns reads the saved column choice, keeping only known columns (and always the fixed ones). */
export function loadColumns(storage: Pick<Storage, 'getItem'> | null = safeStorage()): LedgerColumn[] {
  try {
    const raw = storage?.getItem(COLUMNS_KEY)
    if (!raw) return [...DEFAULT_COLUMNS]
    const saved = JSON.parse(raw)
    if (!Array.isArray(saved)) return [...DEFAULT_COLUMNS]
    return normalizeColumns(saved)
  } catch {
    return [...DEFAULT_COLUMNS]
  }
}

export function saveColumns(cols: readonly string[], storage: Pick<Storage, 'setItem'> | null = safeStorage()): void {
  try {
    storage?.setItem(COLUMNS_KEY, JSON.stringify(normalizeColumns(cols)))
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** normalizeColumns keeps known columns in table order, with the fixed ones. */
export function normalizeColumns(cols: readonly unknown[]): LedgerColumn[] {
  const set = new Set(cols.filter((c): c is string => typeof c === 'string'))
  for (const f of FIXED_COLUMNS) set.add(f)
  return LEDGER_COLUMNS.filter((c) => set.has(c))
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}
