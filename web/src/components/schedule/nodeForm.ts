// The node form ⇄ the API. A node's planned finish follows from its start
// and duration on the working-day calendar (the server counts), and a
// finish typed by hand sets the duration: whichever of the two the user
// touched last is sent, never both.
import type { Node, NodeInput } from '@/api/schedule'

export interface NodeForm {
  name: string
  duration_days: number
  planned_start: string
  planned_finish: string
  actual_start: string
  actual_finish: string
  department_id: number | null
  person: string
  remarks: string
  /** Predecessor node ids. */
  preds: number[]
}

/** Which of duration and planned finish the user edited last. */
export type Driver = 'duration' | 'finish'

export function emptyNodeForm(): NodeForm {
  return {
    name: '',
    duration_days: 5,
    planned_start: '',
    planned_finish: '',
    actual_start: '',
    actual_finish: '',
    department_id: null,
    person: '',
    remarks: '',
    preds: [],
  }
}

export function nodeToForm(n: Node): NodeForm {
  return {
    name: n.name,
    duration_days: n.duration_days,
    planned_start: n.planned_start,
    planned_finish: n.planned_finish,
    actual_start: n.actual_start,
    actual_finish: n.actual_finish,
    department_id: n.department_id,
    person: n.person,
    remarks: n.remarks,
    preds: (n.preds ?? []).map((l) => l.node_id),
  }
}

/** links keeps the lag of links that stay, and links new predecessors without one. */
function links(ids: number[], old: Node['preds']) {
  const lag = new Map((old ?? []).map((l) => [l.node_id, l.lag]))
  return ids.map((id) => ({ node_id: id, lag: lag.get(id) ?? 0 }))
}

const sameIds = (a: number[], b: number[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join()

/**
 * nodePatch is what a PATCH sends for the form: only the changed fields,
 * with duration or finish by the driver (and the finish dropped when the
 * start moved and the duration drives, so that the server recounts it).
 */
export function nodePatch(n: Node, f: NodeForm, driver: Driver): NodeInput {
  const p: NodeInput = {}
  if (f.name.trim() !== n.name) p.name = f.name.trim()
  if (f.actual_start !== n.actual_start) p.actual_start = f.actual_start
  if (f.actual_finish !== n.actual_finish) p.actual_finish = f.actual_finish
  if (f.department_id !== n.department_id) p.department_id = f.department_id
  if (f.person.trim() !== n.person) p.person = f.person.trim()
  if (f.remarks !== n.remarks) p.remarks = f.remarks
  if (!sameIds(f.preds, (n.preds ?? []).map((l) => l.node_id))) p.preds = links(f.preds, n.preds)
  if (f.planned_start !== n.planned_start) p.planned_start = f.planned_start
  if (driver === 'finish') {
    if (f.planned_finish !== n.planned_finish) p.planned_finish = f.planned_finish
  } else if (f.duration_days !== n.duration_days || p.planned_start !== undefined) {
    p.duration_days = f.duration_days
  }
  return p
}

/** nodeCreate is what a POST sends for a new node. */
export function nodeCreate(f: NodeForm, driver: Driver, seq: number): NodeInput {
  const out: NodeInput = {
    name: f.name.trim(),
    seq,
    planned_start: f.planned_start,
    actual_start: f.actual_start,
    actual_finish: f.actual_finish,
    department_id: f.department_id,
    person: f.person.trim(),
    remarks: f.remarks,
    preds: links(f.preds, []),
  }
  if (driver === 'finish' && f.planned_finish) out.planned_finish = f.planned_finish
  else out.duration_days = f.duration_days
  return out
}

/**
 * markDone fills a form for "finished today": the actual finish is today,
 * and an empty actual start becomes the planned start (or today when the
 * plan starts later).
 */
export function markDone(f: NodeForm, today: string): void {
  f.actual_finish = today
  if (!f.actual_start) f.actual_start = f.planned_start && f.planned_start <= today ? f.planned_start : today
}

/** markStarted fills the actual start with today when it is empty. */
export function markStarted(f: NodeForm, today: string): void {
  if (!f.actual_start) f.actual_start = today
}
