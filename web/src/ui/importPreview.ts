// Reading the ledger import preview for display: what happens to each row,
// which displayed cell an error belongs to, and changes written in 万元.
import type { CellError, ImportPreview, ImportRow, ImportSheet, LineMessage, Project } from '@/api/projects'
import { formatWan } from './money'

export type RowAction = 'create' | 'update' | 'unchanged' | 'duplicate' | 'error' | 'unknown'

/** rowAction is what the import does with a row; a row with cell errors is an error whatever else. */
export function rowAction(row: ImportRow): RowAction {
  if (row.errors?.length) return 'error'
  return row.result?.action ?? 'unknown'
}

/** The preview table's columns that a sheet column's Field can land in. */
export const PREVIEW_FIELDS = ['name', 'code', 'nature', 'total_investment_yuan', 'years', 'department_name'] as const
export type PreviewField = (typeof PREVIEW_FIELDS)[number]

/**
 * cellErrorsByField maps a row's errors to the preview columns, through the
 * sheet's column map (an error names the sheet's header, e.g. "总投资").
 */
export function cellErrorsByField(sheet: ImportSheet, row: ImportRow): Partial<Record<PreviewField, CellError>> {
  const out: Partial<Record<PreviewField, CellError>> = {}
  for (const e of row.errors ?? []) {
    const col = sheet.columns?.find((c) => c.Header === e.column || c.Column === e.column)
    for (const f of (col?.Field ?? '').split(',')) {
      if ((PREVIEW_FIELDS as readonly string[]).includes(f) && !out[f as PreviewField]) out[f as PreviewField] = e
    }
  }
  return out
}

/** rowPlan is the row's planned investment for the list year (yuan), else its only plan. */
export function rowPlan(p: Pick<Project, 'years'>, year: number): number | null {
  const ys = p.years ?? []
  return ys.find((y) => y.year === year)?.planned_yuan ?? (ys.length === 1 ? ys[0].planned_yuan : null)
}

/** planYears are the years the sheet's plan columns name (e.g. 2026 for "2026年计划投资"). */
export function planYears(sheet: ImportSheet): number[] {
  return [...new Set((sheet.columns ?? []).filter((c) => c.Field === 'years' && c.Year).map((c) => c.Year))].sort()
}

/** sheetWarnings are the sheet's notes that its 合计 checks do not already say. */
export function sheetWarnings(sheet: ImportSheet): LineMessage[] {
  const said = new Set((sheet.totals ?? []).map((t) => t.message))
  return (sheet.warnings ?? []).filter((w) => !said.has(w.message))
}

/**
 * warningCount counts each problem once: a 合计 that does not add up comes
 * both as a failed check and as a sheet warning, and the server's
 * summary.warnings counts it twice.
 */
export function warningCount(pv: ImportPreview | null): number {
  if (!pv) return 0
  return (pv.sheets ?? []).reduce((n, sh) => n + (sh.totals ?? []).filter((t) => !t.ok).length + sheetWarnings(sh).length, 0)
}

export function hasErrors(pv: ImportPreview | null): boolean {
  return !!pv && ((pv.summary?.errors ?? 0) > 0 || (pv.errors?.length ?? 0) > 0)
}

/**
 * visibleChanges drops an id change when the change of its name says the
 * same in words (department_id 16 → 58 beside department_name 城关镇 → 住建局).
 */
export function visibleChanges(changes: Record<string, [unknown, unknown]> | undefined | null): [string, [unknown, unknown]][] {
  const all = Object.entries(changes ?? {})
  const names = new Set(all.map(([f]) => f))
  return all.filter(([f]) => {
    if (!f.endsWith('_id')) return true
    const base = f.slice(0, -3)
    return !names.has(`${base}_name`) && !(f === 'owner_department_id' && names.has('owner_name'))
  })
}

export interface ValueWords {
  wan: string
  empty: string
  yes: string
  no: string
  label: (kind: 'stages' | 'natures' | 'levels', v: string) => string
  year: (y: number) => string
}

/** changeValue writes one side of a field change the way the ledger shows it. */
export function changeValue(field: string, v: unknown, w: ValueWords): string {
  if (v === null || v === undefined || v === '') return w.empty
  if (field.endsWith('_yuan') && typeof v === 'number') return formatWan(v) // the field's label says 万元
  if (typeof v === 'boolean') return v ? w.yes : w.no
  if (field === 'stage' && typeof v === 'string') return w.label('stages', v)
  if (field === 'nature' && typeof v === 'string') return w.label('natures', v)
  if (field === 'level' && typeof v === 'string') return w.label('levels', v)
  if (field === 'years' && Array.isArray(v)) {
    if (!v.length) return w.empty
    return v
      .map((y: { year?: number; planned_yuan?: number; level?: string }) =>
        [w.year(y.year ?? 0), `${formatWan(y.planned_yuan ?? 0)} ${w.wan}`, y.level ? w.label('levels', y.level) : '']
          .filter(Boolean)
          .join(' '),
      )
      .join('；')
  }
  if (field === 'funding' && Array.isArray(v)) {
    if (!v.length) return w.empty
    return v.map((f: { source?: string; amount_yuan?: number }) => `${f.source ?? ''} ${formatWan(f.amount_yuan ?? 0)} ${w.wan}`.trim()).join('；')
  }
  if (Array.isArray(v)) return v.length ? v.join('、') : w.empty
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
    return entries.length ? entries.map(([k, x]) => `${k}: ${String(x)}`).join('；') : w.empty
  }
  return String(v)
}
