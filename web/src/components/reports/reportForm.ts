// The report form's model and the rules around a report's state, kept free
// of Vue so that they can be unit-tested. Amounts are typed in 万元 and sent
// as exact integer yuan (src/ui/money.ts: decimal strings, never floats).
import type { Role } from '@/api/types'
import { REPORT_FILLERS, REPORT_REVIEWERS, type Report, type ReportFields, type ReportStatus } from '@/api/reports'
import { formatWan, wanToYuan, yuanToWan } from '@/ui/money'

/** What the form holds: amounts as the 万元 text typed. */
export interface ReportForm {
  invested_wan: string
  progress_text: string
  progress_percent: number
  work_done: string
  next_plan: string
  problems: string
  stats_entered: boolean
  stats_wan: string
}

/** i18n keys (under dispatch.form) of what is wrong with a field, by the API's field name. */
export type FormErrors = Partial<Record<keyof ReportFields, string>>

export function emptyForm(): ReportForm {
  return {
    invested_wan: '',
    progress_text: '',
    progress_percent: 0,
    work_done: '',
    next_plan: '',
    problems: '',
    stats_entered: false,
    stats_wan: '',
  }
}

/** toForm shows a report's figures; an untouched amount goes back as the same yuan. */
export function toForm(r: ReportFields): ReportForm {
  return {
    invested_wan: r.invested_yuan ? yuanToWan(r.invested_yuan) : '',
    progress_text: r.progress_text ?? '',
    progress_percent: clampPercent(r.progress_percent),
    work_done: r.work_done ?? '',
    next_plan: r.next_plan ?? '',
    problems: r.problems ?? '',
    stats_entered: !!r.stats_entered,
    stats_wan: r.stats_entered && r.stats_yuan ? yuanToWan(r.stats_yuan) : '',
  }
}

function clampPercent(v: unknown): number {
  const n = Math.round(Number(v))
  if (!Number.isFinite(n)) return 0
  return Math.min(100, Math.max(0, n))
}

/** amount reads one 万元 field: blank is 0; null with the error key when it is not an amount. */
function amount(text: string): { yuan: number } | { error: string } {
  if (!text.trim()) return { yuan: 0 }
  const yuan = wanToYuan(text)
  if (yuan === null) return { error: 'badAmount' }
  if (yuan < 0) return { error: 'negative' }
  return { yuan }
}

/**
 * fromForm turns the form into the figures the API takes (every one of them:
 * save, submit and amend replace the whole set). Statistics off sends 0: the
 * server refuses an amount without the entry.
 */
export function fromForm(f: ReportForm): { fields: ReportFields; errors: FormErrors } {
  const errors: FormErrors = {}
  const inv = amount(f.invested_wan)
  if ('error' in inv) errors.invested_yuan = inv.error
  let statsYuan = 0
  if (f.stats_entered) {
    const s = amount(f.stats_wan)
    if ('error' in s) errors.stats_yuan = s.error
    else statsYuan = s.yuan
  }
  return {
    fields: {
      invested_yuan: 'yuan' in inv ? inv.yuan : 0,
      progress_text: f.progress_text.trim(),
      progress_percent: clampPercent(f.progress_percent),
      work_done: f.work_done.trim(),
      next_plan: f.next_plan.trim(),
      problems: f.problems.trim(),
      stats_entered: f.stats_entered,
      stats_yuan: statsYuan,
    },
    errors,
  }
}

/** today is the local date as YYYY-MM-DD (the server counts deadlines in the office's zone). */
export function today(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

/** isLate: not submitted (draft or returned) and the deadline has passed, as the server counts it. */
export function isLate(r: Pick<Report, 'status' | 'deadline'>, on: string = today()): boolean {
  return (r.status === 'draft' || r.status === 'returned') && !!r.deadline && r.deadline < on
}

/** Days between two YYYY-MM-DD dates (b − a), by the calendar. */
export function daysBetween(a: string, b: string): number {
  const ta = Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))
  const tb = Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10))
  return Math.round((tb - ta) / 86_400_000)
}

export type DeadlineState = { kind: 'late'; days: number } | { kind: 'today' } | { kind: 'left'; days: number } | { kind: 'done' }

/** deadlineState says how a report stands against its deadline: late by n days, due today, n days left, or done. */
export function deadlineState(r: Pick<Report, 'status' | 'deadline'>, on: string = today()): DeadlineState {
  if (r.status === 'submitted' || r.status === 'approved' || !r.deadline) return { kind: 'done' }
  const d = daysBetween(on, r.deadline)
  if (d < 0) return { kind: 'late', days: -d }
  if (d === 0) return { kind: 'today' }
  return { kind: 'left', days: d }
}

export type TagType = 'info' | 'primary' | 'success' | 'warning' | 'danger'

/** The el-tag type of a status: draft grey, submitted blue, returned orange, approved green. */
export function statusTagType(s: ReportStatus): TagType {
  switch (s) {
    case 'submitted':
      return 'primary'
    case 'returned':
      return 'warning'
    case 'approved':
      return 'success'
    default:
      return 'info'
  }
}

/** canFill: the report is open (draft or returned) and the role fills reports. */
export function canFill(r: Pick<Report, 'status'>, role: Role | null | undefined, periodClosed = false): boolean {
  return !!role && REPORT_FILLERS.includes(role) && (r.status === 'draft' || r.status === 'returned') && !periodClosed
}

/** canReview: the report waits for a decision and the role reviews. */
export function canReview(r: Pick<Report, 'status'>, role: Role | null | undefined): boolean {
  return !!role && REPORT_REVIEWERS.includes(role) && r.status === 'submitted'
}

/** canAmend: approved reports can be corrected by the reviewers, with a reason. */
export function canAmend(r: Pick<Report, 'status'>, role: Role | null | undefined): boolean {
  return !!role && REPORT_REVIEWERS.includes(role) && r.status === 'approved'
}

/** The figures in the order the form shows them. */
export const FIELD_ORDER: (keyof ReportFields)[] = [
  'invested_yuan',
  'progress_text',
  'progress_percent',
  'work_done',
  'next_plan',
  'problems',
  'stats_entered',
  'stats_yuan',
]

export interface ValueWords {
  wan: string
  yes: string
  no: string
  empty: string
}

/** fieldValue writes one figure the way the form shows it (万元 with 2 decimals, percent, yes/no). */
export function fieldValue(field: keyof ReportFields, v: unknown, w: ValueWords): string {
  if (v === null || v === undefined || v === '') return w.empty
  if (field.endsWith('_yuan') && typeof v === 'number') return `${formatWan(v)} ${w.wan}`
  if (field === 'progress_percent') return `${v}%`
  if (typeof v === 'boolean') return v ? w.yes : w.no
  return String(v)
}

/** amendmentChanges lists the figures an amendment changed, before and after. */
export function amendmentChanges(
  before: Partial<ReportFields> | null | undefined,
  after: Partial<ReportFields> | null | undefined,
  w: ValueWords,
): { field: keyof ReportFields; before: string; after: string }[] {
  const out: { field: keyof ReportFields; before: string; after: string }[] = []
  for (const f of FIELD_ORDER) {
    const a = before?.[f]
    const b = after?.[f]
    if ((a ?? '') === (b ?? '')) continue
    out.push({ field: f, before: fieldValue(f, a, w), after: fieldValue(f, b, w) })
  }
  return out
}
