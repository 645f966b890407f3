// The project form's model: what the inputs hold (amounts as 万元 strings),
// how it becomes the API's input (integer yuan, exact), and which fields a
// PATCH must send (only the changed ones).
import type { Level, Nature, Project, ProjectInput } from '@/api/projects'
import { wanToYuan, yuanToWan } from './money'

export interface YearRow {
  year: number | null
  wan: string
  level: Level | ''
}

export interface FundingRow {
  source: string
  wan: string
}

export interface ExtraRow {
  key: string
  value: string
}

export interface ProjectFormModel {
  name: string
  code: string
  flagship: boolean
  nature: Nature | ''
  level: Level | ''
  domain: string
  industry: string
  category: string
  content: string
  town: string
  address: string
  longitude: string
  latitude: string
  land_area_mu: string
  floor_area_m2: string
  total_wan: string
  completed_before_wan: string
  start_year: number | null
  end_year: number | null
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
  dept_head: string
  dept_liaison: string
  dept_phone: string
  officer_id: number | null
  officer_name: string
  task_force: string
  years: YearRow[]
  funding: FundingRow[]
  tags: string[]
  remarks: string
  extra: ExtraRow[]
}

export function blankModel(year?: number): ProjectFormModel {
  return {
    name: '',
    code: '',
    flagship: false,
    nature: 'new',
    level: 'county',
    domain: '',
    industry: '',
    category: '',
    content: '',
    town: '',
    address: '',
    longitude: '',
    latitude: '',
    land_area_mu: '',
    floor_area_m2: '',
    total_wan: '',
    completed_before_wan: '',
    start_year: null,
    end_year: null,
    planned_start: '',
    planned_completion: '',
    actual_start: '',
    actual_completion: '',
    owner_name: '',
    owner_department_id: null,
    owner_head: '',
    owner_contact: '',
    owner_phone: '',
    leader_id: null,
    leader_name: '',
    department_id: null,
    dept_head: '',
    dept_liaison: '',
    dept_phone: '',
    officer_id: null,
    officer_name: '',
    task_force: '',
    years: year ? [{ year, wan: '', level: 'county' }] : [],
    funding: [],
    tags: [],
    remarks: '',
    extra: [],
  }
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v))

/** fromProject fills the form from a project; amounts become exact 万元 strings. */
export function fromProject(p: Project): ProjectFormModel {
  return {
    name: p.name,
    code: p.code,
    flagship: p.flagship,
    nature: p.nature,
    level: p.level,
    domain: p.domain,
    industry: p.industry,
    category: p.category,
    content: p.content,
    town: p.town,
    address: p.address,
    longitude: num(p.longitude),
    latitude: num(p.latitude),
    land_area_mu: num(p.land_area_mu),
    floor_area_m2: num(p.floor_area_m2),
    total_wan: yuanToWan(p.total_investment_yuan),
    completed_before_wan: yuanToWan(p.completed_before_yuan),
    start_year: p.start_year || null,
    end_year: p.end_year || null,
    planned_start: p.planned_start,
    planned_completion: p.planned_completion,
    actual_start: p.actual_start,
    actual_completion: p.actual_completion,
    owner_name: p.owner_name,
    owner_department_id: p.owner_department_id,
    owner_head: p.owner_head,
    owner_contact: p.owner_contact,
    owner_phone: p.owner_phone,
    leader_id: p.leader_id,
    leader_name: p.leader_name,
    department_id: p.department_id,
    dept_head: p.dept_head,
    dept_liaison: p.dept_liaison,
    dept_phone: p.dept_phone,
    officer_id: p.officer_id,
    officer_name: p.officer_name,
    task_force: p.task_force,
    years: [...(p.years ?? [])].sort((a, b) => a.year - b.year).map((y) => ({ year: y.year, wan: yuanToWan(y.planned_yuan), level: y.level })),
    funding: (p.funding ?? []).map((f) => ({ source: f.source, wan: yuanToWan(f.amount_yuan) })),
    tags: [...(p.tags ?? [])],
    remarks: p.remarks,
    extra: Object.entries(p.extra ?? {}).map(([key, value]) => ({ key, value })),
  }
}

/** The message keys of the client-side checks, by field ("years.1" for a row). */
export type FormProblems = Record<string, 'amountInvalid' | 'amountNegative' | 'numberInvalid' | 'yearInvalid' | 'yearDuplicate' | 'nameRequired'>

function amount(wan: string, field: string, problems: FormProblems): number {
  if (!wan.trim()) return 0
  const y = wanToYuan(wan)
  if (y === null) problems[field] = 'amountInvalid'
  else if (y < 0) problems[field] = 'amountNegative'
  return y ?? 0
}

function float(v: string, field: string, problems: FormProblems): number | null {
  const s = v.trim().replace(/[,，]/g, '')
  if (!s) return null
  const n = Number(s)
  if (!Number.isFinite(n) || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) {
    problems[field] = 'numberInvalid'
    return null
  }
  return n
}

const validYear = (y: number | null): y is number => y !== null && Number.isInteger(y) && y >= 1990 && y <= 2100

/**
 * toInput turns the form into the API's fields, with amounts in exact yuan.
 * problems lists what the user must fix first (keys as in the form).
 */
export function toInput(m: ProjectFormModel): { input: Required<Omit<ProjectInput, 'department_name'>>; problems: FormProblems } {
  const problems: FormProblems = {}
  if (!m.name.trim()) problems.name = 'nameRequired'
  const seen = new Set<number>()
  const years = m.years.map((r, i) => {
    if (!validYear(r.year)) problems[`years.${i}`] = 'yearInvalid'
    else if (seen.has(r.year)) problems[`years.${i}`] = 'yearDuplicate'
    else seen.add(r.year)
    const planned = amount(r.wan, `years.${i}`, problems)
    return { year: r.year ?? 0, planned_yuan: planned, level: r.level }
  })
  const funding: { source: string; amount_yuan: number }[] = []
  m.funding.forEach((f, i) => {
    if (f.source.trim() || f.wan.trim()) funding.push({ source: f.source.trim(), amount_yuan: amount(f.wan, `funding.${i}`, problems) })
  })
  const extra: Record<string, string> = {}
  for (const r of m.extra) if (r.key.trim()) extra[r.key.trim()] = r.value
  const input = {
    name: m.name.trim(),
    code: m.code.trim(),
    flagship: m.flagship,
    nature: m.nature,
    level: m.level,
    domain: m.domain.trim(),
    industry: m.industry.trim(),
    category: m.category.trim(),
    content: m.content,
    town: m.town.trim(),
    address: m.address.trim(),
    longitude: float(m.longitude, 'longitude', problems),
    latitude: float(m.latitude, 'latitude', problems),
    land_area_mu: float(m.land_area_mu, 'land_area_mu', problems),
    floor_area_m2: float(m.floor_area_m2, 'floor_area_m2', problems),
    total_investment_yuan: amount(m.total_wan, 'total_investment_yuan', problems),
    completed_before_yuan: amount(m.completed_before_wan, 'completed_before_yuan', problems),
    start_year: m.start_year ?? 0,
    end_year: m.end_year ?? 0,
    planned_start: m.planned_start ?? '',
    planned_completion: m.planned_completion ?? '',
    actual_start: m.actual_start ?? '',
    actual_completion: m.actual_completion ?? '',
    owner_name: m.owner_name.trim(),
    owner_department_id: m.owner_department_id ?? null,
    owner_head: m.owner_head.trim(),
    owner_contact: m.owner_contact.trim(),
    owner_phone: m.owner_phone.trim(),
    leader_id: m.leader_id ?? null,
    leader_name: m.leader_name.trim(),
    department_id: m.department_id ?? null,
    dept_head: m.dept_head.trim(),
    dept_liaison: m.dept_liaison.trim(),
    dept_phone: m.dept_phone.trim(),
    officer_id: m.officer_id ?? null,
    officer_name: m.officer_name.trim(),
    task_force: m.task_force.trim(),
    years,
    funding,
    tags: m.tags.map((x) => x.trim()).filter(Boolean),
    remarks: m.remarks,
    extra,
  }
  return { input, problems }
}

/** Canonical JSON for comparing values (object keys sorted). */
function canon(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v ?? null)
}

/**
 * changedFields is what a PATCH sends: the fields of next that differ from
 * base (both from toInput, so that untouched fields compare equal).
 */
export function changedFields<T extends object>(base: T, next: T): Partial<T> {
  const out: Partial<T> = {}
  for (const k of Object.keys(next) as (keyof T)[]) {
    if (canon(base[k]) !== canon(next[k])) out[k] = next[k]
  }
  return out
}
