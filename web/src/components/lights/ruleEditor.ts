// The rule editor's model: a rule as the form holds it (thresholds that can
// be switched off, the plan floor typed in 万元) and back to the API's rule;
// the preview's counts as the page shows them. Free of Vue for unit tests.
import { COLOURS, type Colour, type LightRule, type Op, type PreviewCounts, type Threshold } from '@/api/lights'
import { wanToYuan, yuanToWan } from '@/ui/money'

export interface EditorThreshold {
  on: boolean
  op: Op
  value: number | null
}

export interface EditorRule {
  /** A stable key for v-for while rows are added and removed. */
  key: number
  type: string
  yellow: EditorThreshold
  red: EditorThreshold
  /** The plan floor in 万元, as typed; blank for every project. */
  min_plan_wan: string
  consecutive: number
  enabled: boolean
}

let nextKey = 1

/** The op a new threshold gets: lower is worse for the cumulative ratio only. */
export function defaultOp(type: string): Op {
  return type === 'cumulative_ratio' ? '<' : '>='
}

function threshold(t: Threshold | null | undefined, type: string): EditorThreshold {
  return t ? { on: true, op: t.op, value: t.value } : { on: false, op: defaultOp(type), value: null }
}

export function toEditor(r: LightRule): EditorRule {
  return {
    key: nextKey++,
    type: r.type,
    yellow: threshold(r.yellow, r.type),
    red: threshold(r.red, r.type),
    min_plan_wan: r.min_plan_yuan ? yuanToWan(r.min_plan_yuan) : '',
    consecutive: r.consecutive ?? 0,
    enabled: r.enabled,
  }
}

export function newRule(type: string): EditorRule {
  return {
    key: nextKey++,
    type,
    yellow: { on: true, op: defaultOp(type), value: null },
    red: { on: true, op: defaultOp(type), value: null },
    min_plan_wan: '',
    consecutive: 0,
    enabled: true,
  }
}

/** A problem with one row: which part, and the i18n key (under dispatch.rules) of the message. */
export interface RuleProblem {
  index: number
  field: 'yellow' | 'red' | 'min_plan' | 'type' | 'consecutive'
  key: string
}

/**
 * toApiRules turns the editor's rows into the API's rules. A threshold that
 * is switched off is null; one that is on needs a number; a rule needs at
 * least one threshold; the plan floor is exact yuan.
 */
export function toApiRules(rows: EditorRule[]): { rules: LightRule[]; problems: RuleProblem[] } {
  const rules: LightRule[] = []
  const problems: RuleProblem[] = []
  rows.forEach((row, index) => {
    if (!row.type) problems.push({ index, field: 'type', key: 'needType' })
    const th = (t: EditorThreshold, field: 'yellow' | 'red'): Threshold | null => {
      if (!t.on) return null
      if (t.value === null || t.value === undefined || !Number.isFinite(Number(t.value))) {
        problems.push({ index, field, key: 'needValue' })
        return null
      }
      return { op: t.op, value: Number(t.value) }
    }
    const yellow = th(row.yellow, 'yellow')
    const red = th(row.red, 'red')
    if (!row.yellow.on && !row.red.on) problems.push({ index, field: 'red', key: 'needThreshold' })
    let min = 0
    if (row.min_plan_wan.trim()) {
      const y = wanToYuan(row.min_plan_wan)
      if (y === null || y < 0) problems.push({ index, field: 'min_plan', key: 'badAmount' })
      else min = y
    }
    const consecutive = Math.trunc(Number(row.consecutive) || 0)
    if (consecutive < 0 || consecutive > 12) problems.push({ index, field: 'consecutive', key: 'badConsecutive' })
    rules.push({ type: row.type, yellow, red, min_plan_yuan: min, consecutive, enabled: row.enabled })
  })
  return { rules, problems }
}

export interface PreviewItem {
  colour: Colour
  n: number
  /** Against the board now; null when there is nothing to compare with. */
  delta: number | null
}

/** previewItems lists the preview's counts red, yellow, green, with the change from the current counts. */
export function previewItems(counts: PreviewCounts | null | undefined, current?: PreviewCounts | null): PreviewItem[] {
  return COLOURS.map((colour) => {
    const n = counts?.[colour] ?? 0
    const now = current?.[colour]
    return { colour, n, delta: now === undefined || now === null ? null : n - now }
  })
}

/** sameRules compares two rule lists as the API sees them (to tell unsaved changes). */
export function sameRules(a: LightRule[] | null | undefined, b: LightRule[] | null | undefined): boolean {
  const norm = (l: LightRule[] | null | undefined) =>
    JSON.stringify(
      (l ?? []).map((r) => ({
        type: r.type,
        yellow: r.yellow ? { op: r.yellow.op, value: r.yellow.value } : null,
        red: r.red ? { op: r.red.op, value: r.red.value } : null,
        min_plan_yuan: r.min_plan_yuan ?? 0,
        consecutive: r.consecutive ?? 0,
        enabled: !!r.enabled,
      })),
    )
  return norm(a) === norm(b)
}

/** The colour's el-tag type and the hex the board draws it in. */
export const COLOUR_HEX: Record<Colour, string> = { red: '#e5484d', yellow: '#f0b429', green: '#30a46c' }
